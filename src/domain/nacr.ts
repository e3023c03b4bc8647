import type { CaseRecord, DischargeOutcome, FollowUpDue, FollowUpWorkStatus, Session } from './case';
import { daysBetween, type IsoDate } from './dates';
import { FOLLOW_UP_ORDER, followUpStanding } from './followUp';
import { DISCHARGE_OUTCOMES, SESSION_MODES } from './vocabulary';

/**
 * What the service achieves, in the shape the National Audit of Cardiac Rehabilitation (NACR) and
 * commissioners ask for: one row per case, and the figures leads quote. Pure: the caller reads the
 * cases and passes "today".
 */

export const RETURNED_OUTCOMES: readonly DischargeOutcome[] = [
  'returned_full',
  'returned_phased',
  'returned_other_role',
];
export type SessionMode = Session['mode'];
export const MODES = SESSION_MODES.values as SessionMode[];

/**
 * Sessions in which the OT assessed or treated the patient: a meeting with the employer is not
 * contact with the patient, and a missed appointment is no contact at all.
 */
export const ASSESSMENT_MODES: readonly SessionMode[] = ['home_visit', 'telephone', 'video', 'clinic'];

/**
 * The first OT assessment contact: the earliest session with the patient (home visit, telephone,
 * video, clinic). With `today`, a session dated after it is a booking, not contact, and is passed over.
 */
export function firstContactOf(c: Pick<CaseRecord, 'sessions'>, today?: IsoDate): IsoDate | undefined {
  return (c.sessions ?? [])
    .filter((s) => ASSESSMENT_MODES.includes(s.mode) && (today === undefined || s.date <= today))
    .map((s) => s.date)
    .sort()[0];
}

/**
 * The day the patient went back to work: the first day of the phased plan when there was one and it
 * started by discharge, else the discharge date (when the OT recorded the return). Only for returns.
 */
export function returnDateOf(c: Pick<CaseRecord, 'discharge' | 'plan'>): IsoDate | undefined {
  if (!c.discharge || !RETURNED_OUTCOMES.includes(c.discharge.outcome)) return undefined;
  const first = c.plan?.phases.map((p) => p.start).sort()[0];
  return first && first <= c.discharge.date ? first : c.discharge.date;
}

export function sessionsByMode(c: Pick<CaseRecord, 'sessions'>): Record<SessionMode, number> {
  const counts = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<SessionMode, number>;
  for (const s of c.sessions ?? []) counts[s.mode] = (counts[s.mode] ?? 0) + 1;
  return counts;
}

/** Whole years between two dates. */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const [y1, m1, d1] = dateOfBirth.split('-').map(Number);
  const [y2, m2, d2] = on.split('-').map(Number);
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

export type Row = Record<string, string | number>;

const IDENTIFYING = ['case_ref', 'nhs_number', 'patient_name', 'date_of_birth', 'occupation', 'employer'] as const;

/**
 * NHS Data Dictionary EMPLOYMENT STATUS national codes used here: 01 Employed (self-employed included),
 * 02 Unemployed and actively seeking work, 08 Retired. Codes 03–07 (student, long-term sick or disabled,
 * homemaker, not receiving benefits, unpaid voluntary work) and ZZ (not stated: asked but declined) are
 * never produced: nothing the bot records says which of them applies. Where the record cannot say, the
 * cell is empty. Source: see docs/DATA_DICTIONARY.md.
 */
export const NHS_DD_EMPLOYMENT_STATUS = { employed: '01', unemployedSeeking: '02', retired: '08' } as const;

/** At referral: employed or self-employed is 01, unemployed seeking work 02; "other" cannot be coded. */
export function employmentCodeAtReferral(c: Pick<CaseRecord, 'referral'>): string {
  switch (c.referral.employmentStatus) {
    case 'employed':
    case 'self_employed':
      return NHS_DD_EMPLOYMENT_STATUS.employed;
    case 'unemployed_seeking':
      return NHS_DD_EMPLOYMENT_STATUS.unemployedSeeking;
    default:
      return '';
  }
}

/**
 * At discharge, from the outcome: back at work (full, phased, another role) is 01, retired 08. Not
 * returned (health or choice) and lost contact do not say whether the patient is still employed: empty.
 */
export function employmentCodeAtDischarge(c: Pick<CaseRecord, 'discharge'>): string {
  const o = c.discharge?.outcome;
  if (o && RETURNED_OUTCOMES.includes(o)) return NHS_DD_EMPLOYMENT_STATUS.employed;
  if (o === 'retired') return NHS_DD_EMPLOYMENT_STATUS.retired;
  return '';
}

/**
 * At a follow-up, from its work status: working (full, reduced, another role) and "employed but off
 * sick" are 01 (still in employment). "Not working" does not say whether the patient seeks work,
 * retired or is long-term sick, and "not reached" says nothing: empty.
 */
export function employmentCodeOfFollowUp(workStatus: FollowUpWorkStatus | undefined): string {
  return workStatus && WORKING[workStatus] && workStatus !== 'not_working' ? NHS_DD_EMPLOYMENT_STATUS.employed : '';
}

/**
 * The initiating event, apart from the treatment: a myocardial infarction (recorded as the event, or
 * as treated by the PCI or CABG), heart failure or another event. A PCI, CABG or valve operation not
 * recorded as treating an MI has no initiating event on record: empty.
 */
export function initiatingEventOf(c: Pick<CaseRecord, 'referral'>): string {
  const r = c.referral;
  if (isMiReferral(c)) return 'MI';
  if (r.eventType === 'heart_failure' || r.eventType === 'other') return r.eventType;
  return '';
}

/** The treatment the referral records (PCI, CABG, valve); empty when none was recorded (not "none given"). */
export function treatmentOf(c: Pick<CaseRecord, 'referral'>): string {
  const t = c.referral.eventType;
  return t === 'PCI' || t === 'CABG' || t === 'valve' ? t : '';
}

const FOLLOW_UP_COLUMN = { '3m': '3m', '6m': '6m', '12m': '12m' } as const;

/** The columns of the audit export, in order; identifying ones only in a full export. */
export function exportColumns(full: boolean): string[] {
  return [
    'pseudonym',
    ...(full ? IDENTIFYING : []),
    'age_at_event',
    'event_type',
    'initiating_event',
    'treatment',
    'event_date',
    'hospital_discharge_date',
    'referral_date',
    'case_status',
    'accepted_date',
    'first_contact_date',
    'days_referral_to_first_contact',
    'employment_status_at_referral',
    'employment_status_code_at_referral',
    'hours_per_week',
    'outcome',
    'outcome_date',
    'employment_status_code_at_discharge',
    'return_to_work_date',
    'weeks_referral_to_return',
    'days_event_to_return',
    'work_ability_first_contact',
    'work_ability_discharge',
    'follow_up_consent',
    ...FOLLOW_UP_ORDER.flatMap((d) =>
      ['status', 'due_date', 'date', 'hours_per_week', 'absence_days', 'work_ability', 'not_reached'].map(
        (f) => `follow_up_${FOLLOW_UP_COLUMN[d]}_${f}`,
      ),
    ),
    'employment_status_code_at_12_months',
    'sessions_total',
    ...MODES.map((m) => `sessions_${m}`),
    'fit_notes',
  ];
}

/**
 * One case as an export row; `pseudonym` is computed by the caller (it needs the service's secret).
 * `today` decides whether a follow-up not recorded is upcoming, due or overdue, and passes over a
 * session dated after it (a booking, not contact), as the stats do.
 */
export function exportRow(c: CaseRecord, pseudonym: string, full: boolean, today: IsoDate): Row {
  const first = firstContactOf(c, today);
  const returned = returnDateOf(c);
  const modes = sessionsByMode(c);
  const standing = followUpStanding(c, today);
  const row: Row = { pseudonym };
  if (full) {
    row.case_ref = c.ref;
    row.nhs_number = c.patient.nhsNumber;
    row.patient_name = c.patient.name;
    row.date_of_birth = c.patient.dateOfBirth;
    row.occupation = c.referral.occupation ?? '';
    row.employer = c.referral.employer ?? '';
  }
  const followUpCells: Row = {};
  for (const due of FOLLOW_UP_ORDER) {
    const slot = standing.slots.find((s) => s.due === due);
    const x = slot?.contact;
    const k = (f: string) => `follow_up_${FOLLOW_UP_COLUMN[due]}_${f}`;
    followUpCells[k('status')] = !slot
      ? ''
      : x
        ? x.workStatus
        : slot.state === 'closed'
          ? 'lost_to_follow_up'
          : slot.state;
    followUpCells[k('due_date')] = slot?.date ?? '';
    followUpCells[k('date')] = x?.date ?? '';
    followUpCells[k('hours_per_week')] = x?.hoursPerWeek ?? '';
    followUpCells[k('absence_days')] = x?.absenceDays ?? '';
    followUpCells[k('work_ability')] = x?.workAbility ?? '';
    followUpCells[k('not_reached')] = slot ? slot.attempts : '';
  }
  const twelve = standing.slots.find((s) => s.due === '12m')?.contact;
  const daysToReturn = returned ? daysBetween(c.referral.eventDate, returned) : undefined;
  const consent = c.discharge?.followUpConsent;
  Object.assign(row, {
    age_at_event: ageOn(c.patient.dateOfBirth, c.referral.eventDate),
    event_type: c.referral.eventType,
    initiating_event: initiatingEventOf(c),
    treatment: treatmentOf(c),
    event_date: c.referral.eventDate,
    hospital_discharge_date: c.referral.dischargeDate ?? '',
    referral_date: c.referral.referredOn,
    case_status: c.status,
    accepted_date: c.acceptedOn ?? '',
    first_contact_date: first ?? '',
    days_referral_to_first_contact: first ? daysBetween(c.referral.referredOn, first) : '',
    employment_status_at_referral: c.referral.employmentStatus,
    employment_status_code_at_referral: employmentCodeAtReferral(c),
    hours_per_week: c.referral.hoursPerWeek ?? '',
    outcome: c.discharge?.outcome ?? (c.status === 'declined' ? 'referral_declined' : ''),
    outcome_date: c.discharge?.date ?? c.decline?.on ?? '',
    employment_status_code_at_discharge: employmentCodeAtDischarge(c),
    return_to_work_date: returned ?? '',
    weeks_referral_to_return: returned ? Math.round((daysBetween(c.referral.referredOn, returned) / 7) * 10) / 10 : '',
    days_event_to_return: daysToReturn !== undefined && daysToReturn >= 0 ? daysToReturn : '',
    work_ability_first_contact: workAbilityAtFirstContact(c, today) ?? '',
    work_ability_discharge: c.discharge?.workAbility ?? '',
    follow_up_consent: consent === true ? 'yes' : consent === false ? 'no' : '',
    ...followUpCells,
    employment_status_code_at_12_months: employmentCodeOfFollowUp(twelve?.workStatus),
    sessions_total: (c.sessions ?? []).length,
    ...Object.fromEntries(MODES.map((m) => [`sessions_${m}`, modes[m]])),
    fit_notes: (c.fitNotes ?? []).length,
  });
  return row;
}

/**
 * RFC 4180 CSV (CRLF, quotes doubled). A cell that a spreadsheet would run as a formula (= + - @,
 * tab, CR) is prefixed with an apostrophe: free text typed into the bot must not become a formula.
 */
export function toCsv(columns: string[], rows: Row[]): string {
  const cell = (v: string | number | undefined): string => {
    let s = v === undefined ? '' : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export type StatsPeriod = 'month' | 'year' | 'all';

/** Days within which first contact counts as timely: the local target and NICE QS99 statement 4 alike. */
export const CONTACT_TARGET_DAYS = 10;

/**
 * Referral to first OT assessment contact: a local measure, not a NICE one. Every referral received
 * in the period counts (declined and never-contacted ones too) once it is decided: contacted, or
 * more than 10 days old with no contact. Those referred 10 days ago or less and not yet contacted
 * are `pending` and counted apart, since they may still be seen in time.
 */
export interface FirstContactStats {
  /** Referrals received in the period. */
  referrals: number;
  /** Of those, decided: the denominator of `within10Days`. */
  measured: number;
  /** Contacted (an assessment contact, not an employer meeting or a missed appointment) within 10 days of referral. */
  within10Days: number;
  /** Contacted, whenever. */
  contacted: number;
  /** Not contacted more than 10 days after referral (declined referrals included). */
  notContacted: number;
  /** Of `notContacted`, referrals that were declined. */
  declined: number;
  /** Not contacted yet, referred 10 days ago or less. */
  pending: number;
  /** Median days from referral to first assessment contact, among those contacted. */
  medianDays: number | null;
}

/**
 * NICE QS99 (Secondary prevention after a myocardial infarction) statement 4: adults referred to
 * cardiac rehabilitation after an acute MI who start the programme within 10 days of their discharge
 * from hospital. Denominator: MI referrals received in the period (an MI treated by PCI or CABG
 * included; declined and never-contacted referrals included); numerator: those whose first OT
 * assessment contact (the start of this programme) was within 10 days of hospital discharge. A
 * referral with no discharge date cannot be measured and is counted apart, as are referrals still
 * inside their 10 days with no contact.
 */
export interface Qs99Stats {
  /** MI referrals received in the period. */
  miReferrals: number;
  /** Denominator: MI referrals with a discharge date, started or more than 10 days past discharge. */
  measured: number;
  /** Numerator: started within 10 days of hospital discharge. */
  within10Days: number;
  /** MI referrals whose hospital discharge date was not recorded. */
  noDischargeDate: number;
  /** Not started yet, discharged 10 days ago or less. */
  pending: number;
}

/**
 * Return to work among those who had work to return to: discharges in the period of patients
 * employed or self-employed at referral, and of those the ones who returned (full, phased, or in
 * another role).
 */
export interface ReturnToWorkStats {
  /** Denominator: discharged in the period, employed or self-employed at referral. */
  employedAtReferral: number;
  /** Numerator: of those, returned to work (full, phased or another role). */
  returned: number;
  rate: number | null;
  /** Median weeks from referral to return, among `returned`. */
  medianWeeks: number | null;
  /** Discharged in the period but not employed or self-employed at referral: not in the rate. */
  notEmployedAtReferral: number;
}

/**
 * Sustained return at one follow-up (6 or 12 months): of the patients discharged as back at work
 * (full, phased or another role) whose follow-up was made (a contact, not "not reached") with its
 * contact date in the period, how they were working then. Working full, reduced hours and another
 * role are counted apart; `stillWorking` is their sum.
 */
export interface SustainedAt {
  /** Denominator: returned at discharge, this follow-up made in the period. */
  followedUp: number;
  stillWorking: number;
  workingFull: number;
  workingReduced: number;
  workingOtherRole: number;
  offSick: number;
  notWorking: number;
}

/**
 * Follow-up completeness: every follow-up (3, 6 or 12 months, of a case discharged with consent) that
 * fell due in the period, i.e. whose first due day (7 days before its date) is in the period and not
 * after today. Each is in exactly one of done, due, overdue or lost, so they add up to `owed`.
 */
export interface FollowUpCompleteness {
  /** Denominator: follow-ups that fell due in the period. */
  owed: number;
  /** Recorded with a contact made. */
  done: number;
  /** Not recorded yet and its date not passed: still in time. */
  due: number;
  /** Not recorded and its date has passed. */
  overdue: number;
  /** Not recorded and closed: three "not reached" in a row (lost to follow-up). */
  lost: number;
  /** Of those not done (due, overdue or lost), the ones with at least one "not reached" attempt. */
  attemptedNotReached: number;
}

/**
 * Calendar days from the cardiac event to the return to work, among the returns counted in the return-
 * to-work rate (discharged in the period, employed or self-employed at referral, returned). The event
 * date is the referral's; the return date is `returnDateOf` (the first day of the phased plan, else
 * the discharge date). It counts every calendar day, weekends and non-working days included, and
 * assumes the patient was off work from the event: the bot records no employer's sickness absence.
 * A return dated before the event (a data error) is left out.
 */
export interface DaysToReturn {
  /** Returns measured: the median's denominator. */
  measured: number;
  median: number | null;
  /** Of `measured`, returns dated by the discharge (no plan started by then): the discharge may be later than the real first day. */
  datedByDischarge: number;
}

/**
 * The Work Ability Score (0–10) at three points, each over its own group (different patients; not a
 * paired change): at first contact (the score recorded at the first assessment contact, for first
 * contacts in the period), at discharge (discharges in the period that recorded one), at 12 months
 * (12-month follow-ups made in the period that recorded one).
 */
export interface WorkAbilityStats {
  firstContact: { scored: number; median: number | null };
  discharge: { scored: number; median: number | null };
  twelveMonths: { scored: number; median: number | null };
}

export interface OutcomeStats {
  sustained: { sixMonths: SustainedAt; twelveMonths: SustainedAt };
  followUps: FollowUpCompleteness;
  daysToReturn: DaysToReturn;
  workAbility: WorkAbilityStats;
}

export interface ServiceStats {
  period: StatsPeriod;
  /** First day counted (inclusive); undefined for "since the start". */
  from?: IsoDate;
  to: IsoDate;
  referrals: { received: number; accepted: number; declined: number; awaiting: number };
  firstContact: FirstContactStats;
  qs99: Qs99Stats;
  sessions: { total: number; byMode: Record<SessionMode, number> };
  discharges: { total: number; byOutcome: Record<DischargeOutcome, number> };
  returnToWork: ReturnToWorkStats;
  outcomes: OutcomeStats;
  /** Referrals received and returns, month by month (see `monthlySeries`). */
  byMonth: MonthFigures[];
}

/**
 * One calendar month of the period: referrals received (by referral date) and returns (the returns of
 * the return-to-work rate: in work at referral, discharged back at work, counted by the month of the
 * discharge, as the rate counts them). Over the months shown they add up to the period's
 * `referrals.received` and `returnToWork.returned`.
 */
export interface MonthFigures {
  /** `YYYY-MM`. */
  month: string;
  referrals: number;
  returned: number;
}

/** At most this many months are shown, the latest: two years read at a glance and keep the card small. */
export const MAX_MONTHS = 24;

const nextMonth = (m: string): string => {
  const [y, mm] = m.split('-').map(Number);
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
};

/**
 * Month by month from the period's first month (for "since the start", the month of the earliest
 * referral or return counted) to the month of `today`, every month present (a month with nothing is
 * 0); the latest `MAX_MONTHS` when there are more.
 */
export function monthlySeries(
  referred: readonly CaseRecord[],
  returned: readonly CaseRecord[],
  from: IsoDate | undefined,
  today: IsoDate,
): MonthFigures[] {
  const refMonths = referred.map((c) => c.referral.referredOn.slice(0, 7));
  const backMonths = returned.flatMap((c) => (c.discharge ? [c.discharge.date.slice(0, 7)] : []));
  const last = today.slice(0, 7);
  const first = from ? from.slice(0, 7) : [...refMonths, ...backMonths].sort()[0];
  if (!first) return [];
  const out: MonthFigures[] = [];
  for (let m = first; m <= last; m = nextMonth(m))
    out.push({
      month: m,
      referrals: refMonths.filter((x) => x === m).length,
      returned: backMonths.filter((x) => x === m).length,
    });
  return out.slice(-MAX_MONTHS);
}

/** The first day of the period that contains `today`. */
export function periodStart(period: StatsPeriod, today: IsoDate): IsoDate | undefined {
  if (period === 'month') return `${today.slice(0, 7)}-01`;
  if (period === 'year') return `${today.slice(0, 4)}-01-01`;
  return undefined;
}

/** Employed or self-employed at referral: the people a return-to-work rate is about. */
export function employedAtReferral(c: Pick<CaseRecord, 'referral'>): boolean {
  return c.referral.employmentStatus === 'employed' || c.referral.employmentStatus === 'self_employed';
}

/**
 * An MI referral in the sense of NICE QS99: the event was a myocardial infarction, or a procedure
 * (PCI, CABG) recorded as treating one.
 */
export function isMiReferral(c: Pick<CaseRecord, 'referral'>): boolean {
  const r = c.referral;
  return r.eventType === 'MI' || ((r.eventType === 'PCI' || r.eventType === 'CABG') && r.acuteMI === true);
}

/** Referral to first OT assessment contact, over the referrals received in the period. */
export function firstContactStats(referred: readonly CaseRecord[], today: IsoDate): FirstContactStats {
  const out: FirstContactStats = {
    referrals: referred.length,
    measured: 0,
    within10Days: 0,
    contacted: 0,
    notContacted: 0,
    declined: 0,
    pending: 0,
    medianDays: null,
  };
  const days: number[] = [];
  for (const c of referred) {
    const first = firstContactOf(c, today);
    if (first) {
      const d = daysBetween(c.referral.referredOn, first);
      days.push(d);
      out.contacted++;
      out.measured++;
      if (d <= CONTACT_TARGET_DAYS) out.within10Days++;
    } else if (c.status !== 'declined' && daysBetween(c.referral.referredOn, today) <= CONTACT_TARGET_DAYS) {
      out.pending++;
    } else {
      out.notContacted++;
      out.measured++;
      if (c.status === 'declined') out.declined++;
    }
  }
  out.medianDays = median(days);
  return out;
}

/** NICE QS99 statement 4 over the referrals received in the period (see `Qs99Stats`). */
export function qs99Stats(referred: readonly CaseRecord[], today: IsoDate): Qs99Stats {
  const out: Qs99Stats = { miReferrals: 0, measured: 0, within10Days: 0, noDischargeDate: 0, pending: 0 };
  for (const c of referred) {
    if (!isMiReferral(c)) continue;
    out.miReferrals++;
    const discharged = c.referral.dischargeDate;
    if (!discharged) {
      out.noDischargeDate++;
      continue;
    }
    const first = firstContactOf(c, today);
    if (first) {
      out.measured++;
      if (daysBetween(discharged, first) <= CONTACT_TARGET_DAYS) out.within10Days++;
    } else if (c.status !== 'declined' && daysBetween(discharged, today) <= CONTACT_TARGET_DAYS) {
      out.pending++;
    } else {
      out.measured++;
    }
  }
  return out;
}

/**
 * The figures of one period. Each figure counts what happened in the period: referrals by referral
 * date (accepted and declined among those referrals; first contact and QS99 over those referrals),
 * sessions by session date, discharges and returns by discharge date.
 */
export function serviceStats(cases: CaseRecord[], period: StatsPeriod, today: IsoDate): ServiceStats {
  const from = periodStart(period, today);
  const inPeriod = (d: IsoDate | undefined): d is IsoDate => Boolean(d && (!from || d >= from) && d <= today);
  const referred = cases.filter((c) => inPeriod(c.referral.referredOn));

  const byMode = Object.fromEntries(MODES.map((m) => [m, 0])) as Record<SessionMode, number>;
  let sessionTotal = 0;
  for (const c of cases)
    for (const s of c.sessions ?? [])
      if (inPeriod(s.date)) {
        byMode[s.mode]++;
        sessionTotal++;
      }

  const discharged = cases.filter((c) => c.status === 'discharged' && c.discharge && inPeriod(c.discharge.date));
  const byOutcome = Object.fromEntries(DISCHARGE_OUTCOMES.values.map((o) => [o, 0])) as Record<
    DischargeOutcome,
    number
  >;
  for (const c of discharged) byOutcome[c.discharge!.outcome]++;
  const employed = discharged.filter(employedAtReferral);
  const returned = employed.filter((c) => RETURNED_OUTCOMES.includes(c.discharge!.outcome));
  const weeks = returned.map((c) => daysBetween(c.referral.referredOn, returnDateOf(c)!) / 7);

  return {
    period,
    from,
    to: today,
    referrals: {
      received: referred.length,
      accepted: referred.filter((c) => c.acceptedOn).length,
      declined: referred.filter((c) => c.status === 'declined').length,
      awaiting: referred.filter((c) => c.status === 'referred').length,
    },
    firstContact: firstContactStats(referred, today),
    qs99: qs99Stats(referred, today),
    sessions: { total: sessionTotal, byMode },
    discharges: { total: discharged.length, byOutcome },
    returnToWork: {
      employedAtReferral: employed.length,
      returned: returned.length,
      rate: employed.length ? returned.length / employed.length : null,
      medianWeeks: weeks.length ? Math.round(median(weeks)! * 10) / 10 : null,
      notEmployedAtReferral: discharged.length - employed.length,
    },
    outcomes: outcomeStats(cases, returned, inPeriod, today),
    byMonth: monthlySeries(referred, returned, from, today),
  };
}

const WORKING: Partial<Record<FollowUpWorkStatus, keyof SustainedAt>> = {
  working_full: 'workingFull',
  working_reduced: 'workingReduced',
  working_other_role: 'workingOtherRole',
  off_sick: 'offSick',
  not_working: 'notWorking',
};

/** The score recorded at the first assessment contact (the earliest recorded that day), if one was. */
export function workAbilityAtFirstContact(c: Pick<CaseRecord, 'sessions'>, today: IsoDate): number | undefined {
  const first = firstContactOf(c, today);
  if (!first) return undefined;
  return (c.sessions ?? [])
    .filter((s) => s.date === first && ASSESSMENT_MODES.includes(s.mode) && typeof s.workAbility === 'number')
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt))[0]?.workAbility;
}

/**
 * The outcome figures of a period (see each type). `returned` are the returns of the return-to-work
 * rate (discharged in the period, in work at referral); `inPeriod` says whether a date counts.
 */
export function outcomeStats(
  cases: readonly CaseRecord[],
  returned: readonly CaseRecord[],
  inPeriod: (d: IsoDate | undefined) => boolean,
  today: IsoDate,
): OutcomeStats {
  const sustainedAt = (): SustainedAt => ({
    followedUp: 0,
    stillWorking: 0,
    workingFull: 0,
    workingReduced: 0,
    workingOtherRole: 0,
    offSick: 0,
    notWorking: 0,
  });
  const sustained = { sixMonths: sustainedAt(), twelveMonths: sustainedAt() };
  const followUps: FollowUpCompleteness = {
    owed: 0,
    done: 0,
    due: 0,
    overdue: 0,
    lost: 0,
    attemptedNotReached: 0,
  };
  const wasFirst: number[] = [];
  const wasDischarge: number[] = [];
  const was12: number[] = [];
  for (const c of cases) {
    const first = firstContactOf(c, today);
    const atFirst = workAbilityAtFirstContact(c, today);
    if (inPeriod(first) && atFirst !== undefined) wasFirst.push(atFirst);
    if (
      c.status === 'discharged' &&
      c.discharge &&
      inPeriod(c.discharge.date) &&
      typeof c.discharge.workAbility === 'number'
    )
      wasDischarge.push(c.discharge.workAbility);
    const standing = followUpStanding(c, today);
    if (!standing.followed) continue;
    const returnedAtDischarge = RETURNED_OUTCOMES.includes(c.discharge!.outcome);
    for (const slot of standing.slots) {
      if (inPeriod(slot.opensOn)) {
        followUps.owed++;
        if (slot.state === 'done') followUps.done++;
        else {
          if (slot.state === 'due') followUps.due++;
          else if (slot.state === 'overdue') followUps.overdue++;
          else if (slot.state === 'closed') followUps.lost++;
          if (slot.attempts > 0) followUps.attemptedNotReached++;
        }
      }
      const contact = slot.contact;
      if (!contact || !inPeriod(contact.date)) continue;
      if (slot.due === '12m' && typeof contact.workAbility === 'number') was12.push(contact.workAbility);
      const at: Partial<Record<FollowUpDue, SustainedAt>> = {
        '6m': sustained.sixMonths,
        '12m': sustained.twelveMonths,
      };
      const bucket = at[slot.due];
      const key = WORKING[contact.workStatus];
      if (!bucket || !returnedAtDischarge || !key) continue;
      bucket.followedUp++;
      bucket[key]++;
      if (key === 'workingFull' || key === 'workingReduced' || key === 'workingOtherRole') bucket.stillWorking++;
    }
  }
  const days: number[] = [];
  let datedByDischarge = 0;
  for (const c of returned) {
    const back = returnDateOf(c)!;
    const d = daysBetween(c.referral.eventDate, back);
    if (d < 0) continue;
    days.push(d);
    if (back === c.discharge!.date && !(c.plan?.phases ?? []).some((p) => p.start === back)) datedByDischarge++;
  }
  const med = (xs: number[]) => ({ scored: xs.length, median: median(xs) });
  return {
    sustained,
    followUps,
    daysToReturn: { measured: days.length, median: median(days), datedByDischarge },
    workAbility: { firstContact: med(wasFirst), discharge: med(wasDischarge), twelveMonths: med(was12) },
  };
}
