import type { CaseRecord } from './case';
import { isOpen } from './case';
import { lastContact } from './caseSummary';
import { daysBetween, type IsoDate } from './dates';
import { fitNoteStandingOf, notesToCheck } from './fitNote';
import { selectFollowUpsDue, type FollowUpDueRow } from './followUp';
import { RETURNED_OUTCOMES } from './nacr';
import { planStatus } from './plan';
import { workingDaysBetween, type BankHolidays } from './workingDays';

/** Rules of the daily digest (CONTRACT §5). Pure: the cases and "today" come in, the lists come out. */
export const UNACCEPTED_AFTER_WORKING_DAYS = 2;
export const NO_CONTACT_DAYS = 14;

/** A service's digest settings: the window (DIGEST_WINDOW_DAYS) and the bank holidays working days skip. */
export interface DigestSettings {
  /** A note ending today … today + windowDays is "expiring". */
  windowDays: number;
  holidays: BankHolidays;
}

export interface DigestOptions extends DigestSettings {
  today: IsoDate;
}

export interface DigestCaseRow {
  caseId: string;
  ref: string;
  patientName: string;
  ot?: string;
  planStatus: string;
}

export interface ExpiringRow extends DigestCaseRow {
  endDate: IsoDate;
  /** 0 when the note ends today. */
  daysLeft: number;
}

export interface ExpiredRow extends DigestCaseRow {
  endDate: IsoDate;
  daysAgo: number;
}

/** A stored fit note the Med3 rules refuse (a mistyped year, a note before the event…): to check. */
export interface NoteToCheckRow extends DigestCaseRow {
  noteId: string;
  startDate: IsoDate;
  endDate?: IsoDate;
  indefinite: boolean;
  /** What is wrong, in words (one per field). */
  problems: string[];
}

export interface UnacceptedRow extends DigestCaseRow {
  referredOn: IsoDate;
  workingDaysWaiting: number;
}

export interface NoContactRow extends DigestCaseRow {
  /** The last session that was contact (a "did not attend" is not), else acceptance, else referral. */
  lastContact: IsoDate;
  daysSince: number;
  neverSeen: boolean;
}

/** A follow-up after discharge due or overdue today (CONTRACT §4, §5): `src/domain/followUp.ts` selects them. */
export interface FollowUpRow extends DigestCaseRow, Omit<FollowUpDueRow, keyof DigestCaseRow | 'ot'> {}

export interface DigestCounts {
  openCases: number;
  referredThisMonth: number;
  returnedToWorkThisYear: number;
}

export interface DigestSelection {
  today: IsoDate;
  windowDays: number;
  expiring: ExpiringRow[];
  expired: ExpiredRow[];
  /** "Fit notes to check": stored notes the rules refuse; listed beside, never instead of, the others. */
  toCheck: NoteToCheckRow[];
  unaccepted: UnacceptedRow[];
  noContact: NoContactRow[];
  /** Follow-ups after discharge due or overdue, soonest first (the most overdue at the top). */
  followUps: FollowUpRow[];
  counts: DigestCounts;
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

/**
 * Selects what a lead needs to act on today. Only open cases (referred or active) appear in the
 * lists; a discharged or declined case never does. Fit notes follow the one rule of
 * `fitNoteStanding`: the current note (the latest-starting one covering today) is expiring when it
 * ends within the window; "ended" when no note covers today and the latest-starting one has ended.
 * A stored note the Med3 rules refuse is listed under "fit notes to check" as well. Follow-ups due
 * or overdue on discharged cases (CONTRACT §5) are a section of their own.
 */
export function selectDigest(cases: readonly CaseRecord[], opts: DigestOptions): DigestSelection {
  const { today, windowDays } = opts;
  const holidays = opts.holidays;
  const monthStart = `${today.slice(0, 7)}-01`;
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const out: DigestSelection = {
    today,
    windowDays,
    expiring: [],
    expired: [],
    toCheck: [],
    unaccepted: [],
    noContact: [],
    followUps: [],
    counts: { openCases: 0, referredThisMonth: 0, returnedToWorkThisYear: 0 },
  };

  for (const c of cases) {
    if (c.referral.referredOn >= monthStart && c.referral.referredOn <= today) out.counts.referredThisMonth++;
    if (
      c.status === 'discharged' &&
      c.discharge &&
      RETURNED_OUTCOMES.includes(c.discharge.outcome) &&
      c.discharge.date >= yearStart &&
      c.discharge.date <= today
    ) {
      out.counts.returnedToWorkThisYear++;
    }
    if (!isOpen(c)) continue;
    out.counts.openCases++;

    // One rule (CONTRACT §4, src/domain/fitNote.ts): the current note is the latest-starting note
    // covering today, even where an older note ends later; an indefinite note never expires.
    const standing = fitNoteStandingOf(c, today, windowDays);
    if (standing.kind === 'current' && standing.expiring && standing.note.endDate) {
      out.expiring.push({ ...row(c, today), endDate: standing.note.endDate, daysLeft: standing.daysLeft ?? 0 });
    } else if (standing.kind === 'ended') {
      const endDate = standing.note.endDate ?? standing.note.startDate;
      out.expired.push({ ...row(c, today), endDate, daysAgo: standing.daysAgo });
    }
    for (const { note, problems } of notesToCheck(c.fitNotes ?? [], c.referral.eventDate, today)) {
      out.toCheck.push({
        ...row(c, today),
        noteId: note.id,
        startDate: note.startDate,
        ...(note.endDate ? { endDate: note.endDate } : {}),
        indefinite: note.indefinite === true,
        problems: Object.values(problems),
      });
    }

    if (c.status === 'referred' && !c.assignedOt) {
      const waiting = workingDaysBetween(c.referral.referredOn, today, holidays);
      if (waiting >= UNACCEPTED_AFTER_WORKING_DAYS)
        out.unaccepted.push({ ...row(c, today), referredOn: c.referral.referredOn, workingDaysWaiting: waiting });
    } else if (c.status === 'active') {
      const session = lastContact(c, today);
      const last = session?.date ?? c.acceptedOn ?? c.referral.referredOn;
      const since = daysBetween(last, today);
      if (since >= NO_CONTACT_DAYS)
        out.noContact.push({ ...row(c, today), lastContact: last, daysSince: since, neverSeen: !session });
    }
  }

  // Discharged cases with consent: the one follow-up rule, its order kept (soonest first).
  const byId = new Map(cases.map((c) => [c.id, c]));
  out.followUps = selectFollowUpsDue(cases, today).map((r) => ({ ...row(byId.get(r.caseId)!, today), ...r }));

  const byRef = (a: DigestCaseRow, b: DigestCaseRow) => a.ref.localeCompare(b.ref, 'en', { numeric: true });
  out.expiring.sort((a, b) => a.endDate.localeCompare(b.endDate) || byRef(a, b));
  // Longest-lapsed first: the case that has gone longest without cover needs the call soonest.
  out.expired.sort((a, b) => a.endDate.localeCompare(b.endDate) || byRef(a, b));
  out.toCheck.sort((a, b) => byRef(a, b) || a.startDate.localeCompare(b.startDate));
  out.unaccepted.sort((a, b) => a.referredOn.localeCompare(b.referredOn) || byRef(a, b));
  out.noContact.sort((a, b) => a.lastContact.localeCompare(b.lastContact) || byRef(a, b));
  return out;
}
