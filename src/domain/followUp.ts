import type { CaseRecord, FollowUpContact, FollowUpDue } from './case';
import { addDays, addMonths, daysBetween, formatDate, type IsoDate } from './dates';
import { choice, number, optionalText, requiredDate, workAbilityScore } from './fields';
import { parseForm, type FormResult } from './form';
import { FOLLOW_UP_DUES, FOLLOW_UP_WORK_STATUSES } from './vocabulary';

/**
 * Follow-ups after discharge (CONTRACT §4): a case discharged with `followUpConsent` is due a
 * follow-up 3, 6 and 12 months after the discharge date; each is due from 7 days before that date
 * until recorded. Pure: `today` is an argument, dates are the service's calendar dates.
 *
 * A `not_reached` answer is an attempt, not the follow-up: the follow-up stays due. A third
 * `not_reached` in a row (no contact made in between, whichever follow-up each was for) closes the
 * case's follow-ups as lost to follow-up.
 */
export const FOLLOW_UP_MONTHS: Record<FollowUpDue, number> = { '3m': 3, '6m': 6, '12m': 12 };
export const FOLLOW_UP_ORDER: readonly FollowUpDue[] = ['3m', '6m', '12m'];
/** A follow-up is due from this many days before its date. */
export const FOLLOW_UP_OPENS_DAYS_BEFORE = 7;
/** This many `not_reached` in a row close the follow-ups as lost to follow-up. */
export const NOT_REACHED_IN_A_ROW_LIMIT = 3;

export type FollowUpState = 'done' | 'due' | 'overdue' | 'upcoming' | 'closed';

export interface FollowUpSlot {
  due: FollowUpDue;
  /** 3, 6 or 12 months after the discharge date (31 Aug + 6 months = 28 Feb, or 29 in a leap year). */
  date: IsoDate;
  /** The first day it is due: 7 days before `date`. */
  opensOn: IsoDate;
  state: FollowUpState;
  /** The contact that recorded it (anything but `not_reached`). */
  contact?: FollowUpContact;
  /** `not_reached` attempts at this follow-up. */
  attempts: number;
}

export interface FollowUpStanding {
  /** Discharged with consent: follow-ups apply. */
  followed: boolean;
  slots: FollowUpSlot[];
  /** Closed as lost to follow-up on the date of the third `not_reached` in a row. */
  lostOn?: IsoDate;
  /** The earliest follow-up still owed (due, overdue or upcoming); none when all are done or closed. */
  next?: FollowUpSlot;
  /** `not_reached` answers since the last contact made. */
  notReachedInARow: number;
}

type FollowUpSubject = Pick<CaseRecord, 'status' | 'discharge' | 'followUps'>;

export function followUpDate(dischargeDate: IsoDate, due: FollowUpDue): IsoDate {
  return addMonths(dischargeDate, FOLLOW_UP_MONTHS[due]);
}

/** Contacts in the order they happened: by contact date, then by when they were recorded. */
function inOrder(contacts: readonly FollowUpContact[]): FollowUpContact[] {
  return [...contacts].sort((a, b) => a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt));
}

/** Where a case's follow-ups stand on `today`. */
export function followUpStanding(c: FollowUpSubject, today: IsoDate): FollowUpStanding {
  const d = c.discharge;
  if (c.status !== 'discharged' || !d || d.followUpConsent !== true)
    return { followed: false, slots: [], notReachedInARow: 0 };
  const contacts = inOrder(c.followUps ?? []);
  let run = 0;
  let lostOn: IsoDate | undefined;
  for (const x of contacts) {
    run = x.workStatus === 'not_reached' ? run + 1 : 0;
    if (run >= NOT_REACHED_IN_A_ROW_LIMIT && !lostOn) lostOn = x.date;
  }
  const slots = FOLLOW_UP_ORDER.map((due): FollowUpSlot => {
    const date = followUpDate(d.date, due);
    const opensOn = addDays(date, -FOLLOW_UP_OPENS_DAYS_BEFORE);
    const mine = contacts.filter((x) => x.due === due);
    const contact = mine.find((x) => x.workStatus !== 'not_reached');
    const attempts = mine.filter((x) => x.workStatus === 'not_reached').length;
    const state: FollowUpState = contact
      ? 'done'
      : lostOn
        ? 'closed'
        : today < opensOn
          ? 'upcoming'
          : today <= date
            ? 'due'
            : 'overdue';
    return { due, date, opensOn, state, attempts, ...(contact ? { contact } : {}) };
  });
  const next = slots.find((s) => s.state !== 'done' && s.state !== 'closed');
  return {
    followed: true,
    slots,
    ...(lostOn ? { lostOn } : {}),
    ...(next ? { next } : {}),
    notReachedInARow: run,
  };
}

/** Follow-ups that can be recorded today (due or overdue), earliest first. */
export function openFollowUps(c: FollowUpSubject, today: IsoDate): FollowUpSlot[] {
  return followUpStanding(c, today).slots.filter((s) => s.state === 'due' || s.state === 'overdue');
}

/**
 * The date of the next follow-up still owed, whatever today is: what the case keeps as `followUpDue`
 * for the digest's query. Undefined when none is owed (no consent, all done, lost to follow-up).
 */
export function nextFollowUpDate(c: FollowUpSubject): IsoDate | undefined {
  // The slots' done/closed states do not depend on today.
  return followUpStanding(c, '0000-01-01').next?.date;
}

/**
 * The last follow-up date a query must include to find every follow-up due on `today`: a follow-up
 * is due from 7 days before its date, so one dated up to 7 days ahead is already due.
 */
export function followUpsDueBy(today: IsoDate): IsoDate {
  return addDays(today, FOLLOW_UP_OPENS_DAYS_BEFORE);
}

export interface FollowUpDueRow {
  caseId: string;
  ref: string;
  patientName: string;
  /** Who to ask: the case's OT, else whoever discharged it. */
  ot?: string;
  due: FollowUpDue;
  date: IsoDate;
  overdue: boolean;
  /** Days until `date` (0 on the day); negative when overdue. */
  daysLeft: number;
  attempts: number;
}

/**
 * Follow-ups due or overdue on `today` across a set of cases (the lead's digest, an OT's day list):
 * one row per follow-up owed and open, soonest first (the most overdue at the top).
 */
export function selectFollowUpsDue(cases: readonly CaseRecord[], today: IsoDate): FollowUpDueRow[] {
  const rows: FollowUpDueRow[] = [];
  for (const c of cases) {
    for (const s of openFollowUps(c, today)) {
      const ot = c.assignedOt?.name ?? c.discharge?.by.name;
      rows.push({
        caseId: c.id,
        ref: c.ref,
        patientName: c.patient.name,
        ...(ot ? { ot } : {}),
        due: s.due,
        date: s.date,
        overdue: s.state === 'overdue',
        daysLeft: daysBetween(today, s.date),
        attempts: s.attempts,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.ref.localeCompare(b.ref, 'en', { numeric: true }) ||
      FOLLOW_UP_ORDER.indexOf(a.due) - FOLLOW_UP_ORDER.indexOf(b.due),
  );
}

export interface ScoreOn {
  date: IsoDate;
  score: number;
}

export interface WorkAbilityCourse {
  /** The earliest session that recorded a score. */
  first?: ScoreOn;
  atDischarge?: ScoreOn;
  /** The latest follow-up contact that recorded a score. */
  latestFollowUp?: ScoreOn;
}

export function workAbilityCourse(c: Pick<CaseRecord, 'sessions' | 'discharge' | 'followUps'>): WorkAbilityCourse {
  const scored = <T extends { date: IsoDate; recordedAt: string; workAbility?: number }>(xs: readonly T[]) =>
    xs
      .filter((x) => typeof x.workAbility === 'number')
      .sort((a, b) => a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt));
  const sessions = scored(c.sessions ?? []);
  const followUps = scored(c.followUps ?? []);
  const on = (x: { date: IsoDate; workAbility?: number } | undefined): ScoreOn | undefined =>
    x && typeof x.workAbility === 'number' ? { date: x.date, score: x.workAbility } : undefined;
  const first = on(sessions[0]);
  const atDischarge = on(c.discharge);
  const latestFollowUp = on(followUps[followUps.length - 1]);
  return {
    ...(first ? { first } : {}),
    ...(atDischarge ? { atDischarge } : {}),
    ...(latestFollowUp ? { latestFollowUp } : {}),
  };
}

/** The follow-up card's inputs (CONTRACT §3, `followup.submit`). */
export const followUpShape = {
  due: choice(FOLLOW_UP_DUES, 'which follow-up this is'),
  date: requiredDate('the date of the contact'),
  workStatus: choice(FOLLOW_UP_WORK_STATUSES, 'the work status'),
  hoursPerWeek: number('the hours worked per week', 0, 100).optional(),
  absenceDays: number('the days off sick since the last contact', 0, 400, { integer: true }).optional(),
  workAbility: workAbilityScore(),
  notes: optionalText(2000),
};

export const FOLLOW_UP_FIELDS = Object.keys(followUpShape) as (keyof typeof followUpShape)[];

/** What the follow-up card gives: the contact as stored, less what the save adds. */
export type FollowUpForm = Omit<FollowUpContact, 'id' | 'recordedAt' | 'recordedBy'>;

/**
 * A follow-up names one that is due or overdue today; the contact happened on or after the day it
 * became due and not after today. "Not reached" carries no answers from the patient.
 */
export function validateFollowUp(
  data: Record<string, unknown>,
  today: IsoDate,
  c: FollowUpSubject,
): FormResult<FollowUpForm> {
  return parseForm<typeof followUpShape, FollowUpForm>(followUpShape, data, (v, errors) => {
    if (v.date && v.date > today) errors.date = 'The contact date cannot be in the future.';
    const slot = v.due ? followUpStanding(c, today).slots.find((s) => s.due === v.due) : undefined;
    if (v.due && slot) {
      const name = FOLLOW_UP_DUES.labels[v.due];
      if (slot.state === 'done') errors.due = `The ${name} has already been recorded.`;
      else if (slot.state === 'upcoming')
        errors.due = `The ${name} is not due yet: it is due from ${formatDate(slot.opensOn)} (its date is ${formatDate(slot.date)}).`;
      else if (v.date && !errors.date && v.date < slot.opensOn)
        errors.date = `The ${name} is due from ${formatDate(slot.opensOn)}: a contact before then is not this follow-up.`;
    }
    if (v.workStatus === 'not_reached') {
      for (const f of ['hoursPerWeek', 'absenceDays', 'workAbility'] as const)
        if (v[f] !== undefined) errors[f] = 'The patient was not reached: leave this empty.';
    }
  });
}
