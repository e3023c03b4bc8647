import type { CaseRecord, DischargeOutcome, Session } from './case';
import { daysBetween, type IsoDate } from './dates';
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

/** The first session in which the patient was seen or spoken to (a missed appointment is not contact). */
export function firstContactOf(c: Pick<CaseRecord, 'sessions'>): IsoDate | undefined {
  return (c.sessions ?? [])
    .filter((s) => s.mode !== 'did_not_attend')
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

/** The columns of the audit export, in order; identifying ones only in a full export. */
export function exportColumns(full: boolean): string[] {
  return [
    'pseudonym',
    ...(full ? IDENTIFYING : []),
    'age_at_event',
    'event_type',
    'event_date',
    'hospital_discharge_date',
    'referral_date',
    'case_status',
    'accepted_date',
    'first_contact_date',
    'days_referral_to_first_contact',
    'employment_status_at_referral',
    'hours_per_week',
    'outcome',
    'outcome_date',
    'return_to_work_date',
    'weeks_referral_to_return',
    'sessions_total',
    ...MODES.map((m) => `sessions_${m}`),
    'fit_notes',
  ];
}

/** One case as an export row; `pseudonym` is computed by the caller (it needs the service's secret). */
export function exportRow(c: CaseRecord, pseudonym: string, full: boolean): Row {
  const first = firstContactOf(c);
  const returned = returnDateOf(c);
  const modes = sessionsByMode(c);
  const row: Row = { pseudonym };
  if (full) {
    row.case_ref = c.ref;
    row.nhs_number = c.patient.nhsNumber;
    row.patient_name = c.patient.name;
    row.date_of_birth = c.patient.dateOfBirth;
    row.occupation = c.referral.occupation ?? '';
    row.employer = c.referral.employer ?? '';
  }
  Object.assign(row, {
    age_at_event: ageOn(c.patient.dateOfBirth, c.referral.eventDate),
    event_type: c.referral.eventType,
    event_date: c.referral.eventDate,
    hospital_discharge_date: c.referral.dischargeDate ?? '',
    referral_date: c.referral.referredOn,
    case_status: c.status,
    accepted_date: c.acceptedOn ?? '',
    first_contact_date: first ?? '',
    days_referral_to_first_contact: first ? daysBetween(c.referral.referredOn, first) : '',
    employment_status_at_referral: c.referral.employmentStatus,
    hours_per_week: c.referral.hoursPerWeek ?? '',
    outcome: c.discharge?.outcome ?? (c.status === 'declined' ? 'referral_declined' : ''),
    outcome_date: c.discharge?.date ?? c.decline?.on ?? '',
    return_to_work_date: returned ?? '',
    weeks_referral_to_return: returned ? Math.round((daysBetween(c.referral.referredOn, returned) / 7) * 10) / 10 : '',
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

export interface ServiceStats {
  period: StatsPeriod;
  /** First day counted (inclusive); undefined for "since the start". */
  from?: IsoDate;
  to: IsoDate;
  referrals: { received: number; accepted: number; declined: number; awaiting: number };
  firstContact: { measured: number; medianDays: number | null; within10Days: number };
  sessions: { total: number; byMode: Record<SessionMode, number> };
  discharges: { total: number; byOutcome: Record<DischargeOutcome, number> };
  returnToWork: { returned: number; rate: number | null; medianWeeks: number | null };
}

/** The first day of the period that contains `today`. */
export function periodStart(period: StatsPeriod, today: IsoDate): IsoDate | undefined {
  if (period === 'month') return `${today.slice(0, 7)}-01`;
  if (period === 'year') return `${today.slice(0, 4)}-01-01`;
  return undefined;
}

/**
 * The figures of one period. Each figure counts what happened in the period: referrals by referral
 * date (accepted and declined among those referrals), first contacts of those referrals, sessions by
 * session date, discharges and returns by discharge date. Return-to-work rate = discharges with a
 * return (full, phased, other role) over all discharges in the period.
 */
export function serviceStats(cases: CaseRecord[], period: StatsPeriod, today: IsoDate): ServiceStats {
  const from = periodStart(period, today);
  const inPeriod = (d: IsoDate | undefined): d is IsoDate => Boolean(d && (!from || d >= from) && d <= today);
  const referred = cases.filter((c) => inPeriod(c.referral.referredOn));
  const contactDays = referred
    .map((c) => firstContactOf(c))
    .map((d, i) => (d ? daysBetween(referred[i].referral.referredOn, d) : null))
    .filter((d): d is number => d !== null);

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
  const returned = discharged.filter((c) => RETURNED_OUTCOMES.includes(c.discharge!.outcome));
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
    firstContact: {
      measured: contactDays.length,
      medianDays: median(contactDays),
      within10Days: contactDays.filter((d) => d <= 10).length,
    },
    sessions: { total: sessionTotal, byMode },
    discharges: { total: discharged.length, byOutcome },
    returnToWork: {
      returned: returned.length,
      rate: discharged.length ? returned.length / discharged.length : null,
      medianWeeks: weeks.length ? Math.round(median(weeks)! * 10) / 10 : null,
    },
  };
}
