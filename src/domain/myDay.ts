import { isOpen, type CaseRecord, type Session } from './case';
import { daysBetween, type IsoDate } from './dates';
import type { DigestCaseRow } from './digest';
import { fitNoteStandingOf } from './fitNote';
import { followUpStanding, selectFollowUpsDue, type FollowUpDueRow } from './followUp';
import { planStatus } from './plan';
import { workingDaysBetween, type BankHolidays } from './workingDays';

/**
 * The OT's "my day" list (CONTRACT §5): what the OT's own cases need today. Pure: the service's cases,
 * the OT and "today" come in, the rows come out. The same rules as the lead's digest: the fit note
 * rule of `fitNoteStandingOf`, the follow-up rule of `selectFollowUpsDue`.
 */
export interface MyDayOptions {
  today: IsoDate;
  /** DIGEST_WINDOW_DAYS: a current note ending today … today + windowDays is listed. */
  windowDays: number;
  /** The service's own division's bank holidays: how long a referral has waited, in working days. */
  holidays: BankHolidays;
  /** The OT's AAD object id. */
  ot: string;
}

export interface ContactDueRow extends DigestCaseRow {
  /** The latest session's next contact date, on or before today. */
  nextContactDate: IsoDate;
  /** 0 when due today. */
  daysOverdue: number;
}

export interface MyDayExpiringRow extends DigestCaseRow {
  endDate: IsoDate;
  daysLeft: number;
}

export interface WaitingRow extends DigestCaseRow {
  referredOn: IsoDate;
  workingDaysWaiting: number;
}

export type MyDayFollowUpRow = DigestCaseRow & Omit<FollowUpDueRow, keyof DigestCaseRow | 'ot'>;

export interface MyDaySelection {
  today: IsoDate;
  windowDays: number;
  /** Contacts due or overdue on the OT's active cases, the longest overdue first. */
  contacts: ContactDueRow[];
  /** Follow-ups due or overdue on cases the OT discharged or holds, soonest first. */
  followUps: MyDayFollowUpRow[];
  /** The current fit note of the OT's open case ends within the window, soonest first. */
  expiring: MyDayExpiringRow[];
  /** Referrals of the service no OT has accepted yet, the longest waiting first. */
  waiting: WaitingRow[];
  /** The OT holds an open case, or a discharged one still owed a follow-up: only then is the list sent. */
  hasOwnCases: boolean;
}

/** The latest session recorded for a date not after today (a "did not attend" may rebook). */
export function latestSession(c: Pick<CaseRecord, 'sessions'>, today: IsoDate): Session | null {
  let best: Session | null = null;
  for (const s of c.sessions ?? []) {
    if (s.date > today) continue;
    if (!best || s.date > best.date || (s.date === best.date && s.recordedAt > best.recordedAt)) best = s;
  }
  return best;
}

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** A case is the OT's own: assigned to them, or (after discharge with no OT kept) discharged by them. */
export function isOwnCase(c: Pick<CaseRecord, 'assignedOt' | 'discharge'>, ot: string): boolean {
  return c.assignedOt ? same(c.assignedOt.aadObjectId, ot) : same(c.discharge?.by.aadObjectId, ot);
}

function row(c: CaseRecord, today: IsoDate): DigestCaseRow {
  return {
    caseId: c.id,
    ref: c.ref,
    patientName: c.patient.name,
    ot: c.assignedOt?.name,
    planStatus: planStatus(c.plan, today),
  };
}

const byRef = (a: DigestCaseRow, b: DigestCaseRow) => a.ref.localeCompare(b.ref, 'en', { numeric: true });

export function selectMyDay(cases: readonly CaseRecord[], opts: MyDayOptions): MyDaySelection {
  const { today, windowDays, ot } = opts;
  const own = cases.filter((c) => isOwnCase(c, ot));
  const out: MyDaySelection = {
    today,
    windowDays,
    contacts: [],
    followUps: [],
    expiring: [],
    waiting: [],
    hasOwnCases: own.some((c) => isOpen(c) || followUpStanding(c, today).next !== undefined),
  };
  for (const c of cases) {
    if (c.status === 'referred' && !c.assignedOt) {
      out.waiting.push({
        ...row(c, today),
        referredOn: c.referral.referredOn,
        workingDaysWaiting: workingDaysBetween(c.referral.referredOn, today, opts.holidays),
      });
    }
  }
  for (const c of own) {
    if (c.status !== 'active') continue;
    const next = latestSession(c, today)?.nextContactDate;
    if (next && next <= today)
      out.contacts.push({ ...row(c, today), nextContactDate: next, daysOverdue: daysBetween(next, today) });
    const standing = fitNoteStandingOf(c, today, windowDays);
    if (standing.kind === 'current' && standing.expiring && standing.note.endDate)
      out.expiring.push({ ...row(c, today), endDate: standing.note.endDate, daysLeft: standing.daysLeft ?? 0 });
  }
  for (const c of own) for (const r of selectFollowUpsDue([c], today)) out.followUps.push({ ...row(c, today), ...r });
  // The one rule's order across cases: soonest first (the most overdue at the top).
  out.followUps.sort((a, b) => a.date.localeCompare(b.date) || byRef(a, b));

  out.contacts.sort((a, b) => a.nextContactDate.localeCompare(b.nextContactDate) || byRef(a, b));
  out.expiring.sort((a, b) => a.endDate.localeCompare(b.endDate) || byRef(a, b));
  out.waiting.sort((a, b) => a.referredOn.localeCompare(b.referredOn) || byRef(a, b));
  return out;
}

/** Nothing on the list (the `today` command says so; the scheduled run sends nothing). */
export function isMyDayEmpty(s: MyDaySelection): boolean {
  return s.contacts.length + s.followUps.length + s.expiring.length + s.waiting.length === 0;
}

/** The rows of the list, section by section (a case may be on it for two reasons). */
export function myDayRows(s: MyDaySelection): DigestCaseRow[] {
  return [...s.contacts, ...s.followUps, ...s.expiring, ...s.waiting];
}
