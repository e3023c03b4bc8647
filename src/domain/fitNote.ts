import { addDays, addMonths, daysBetween, type IsoDate } from './dates';
import type { FieldErrors } from './form';

export type FitNoteStatus = 'not_fit' | 'may_be_fit';
export type FitNoteAdvice = 'phased_return' | 'altered_hours' | 'amended_duties' | 'workplace_adaptations';
/** Who may issue a fit note since 1 July 2022 (The Social Security (Medical Evidence) Regulations 2022). */
export type IssuerProfession = 'doctor' | 'nurse' | 'occupational_therapist' | 'pharmacist' | 'physiotherapist';

/**
 * A Statement of Fitness for Work (Med3), as kept on a case. Notes stored before the statement date,
 * indefinite notes and the issuer's profession existed have none of those fields: they read as issued
 * on their start date, with an end date, by an issuer of unrecorded profession.
 */
export interface FitNote {
  id: string;
  status: FitNoteStatus;
  advice: FitNoteAdvice[];
  startDate: IsoDate;
  /** Absent only on an indefinite note. */
  endDate?: IsoDate;
  /** `true`: no end date (only after the first 6 months of the condition). */
  indefinite?: boolean;
  /** The date the note was issued (Med3 "date of statement"); absent on older notes: the start date. */
  statementDate?: IsoDate;
  issuedBy?: string;
  issuerProfession?: IssuerProfession;
  reassessmentNeeded?: boolean;
  recordedAt: string;
  recordedBy: string;
}

/** Med3 rules: the first 6 months of a condition allow notes of at most 3 months. */
export const FIRST_PERIOD_MONTHS = 6;
export const MAX_EARLY_NOTE_MONTHS = 3;

/** What the dating rules read of a note (the card's values, or a stored note). */
export interface FitNoteDates {
  status?: FitNoteStatus;
  advice?: readonly string[];
  startDate?: IsoDate;
  endDate?: IsoDate;
  indefinite?: boolean;
  statementDate?: IsoDate;
}

/** The card inputs each problem is named beside (the referral card and the fit note card differ). */
export interface FitNoteFields {
  status: string;
  advice: string;
  startDate: string;
  endDate: string;
  /** The referral card has no statement date: its note is issued on its start date. */
  statementDate?: string;
  /** The referral card has no indefinite tick. */
  indefinite?: string;
}

export interface FitNoteContext {
  /** The cardiac event: the condition the note is about starts there. */
  eventDate: IsoDate | undefined;
  /** In the service's zone: a note is never issued, nor starts, after it. */
  today: IsoDate;
}

/** The first day of the condition's seventh month: from then on a note may run for any period. */
export function laterPeriodStarts(eventDate: IsoDate): IsoDate {
  return addMonths(eventDate, FIRST_PERIOD_MONTHS);
}

/**
 * Med3 rules (CONTRACT §4; DWP "Getting the most out of the fit note: guidance for healthcare
 * professionals"): a note is never issued nor starts after today (backdating is allowed); it covers
 * nothing before the cardiac event; it ends on or after its start; in the first 6 months of the
 * condition it covers at most 3 months and has an end date; after that it may run for any period or
 * be indefinite; "not fit" carries no advice. Each problem is named beside its own field. The same
 * rule checks what a card submits and what is already stored (`storedNoteProblems`).
 */
export function fitNoteProblems(note: FitNoteDates, ctx: FitNoteContext, fields: FitNoteFields): FieldErrors {
  const errors: FieldErrors = {};
  const put = (field: string | undefined, msg: string) => {
    if (field && !errors[field]) errors[field] = msg;
  };
  const { status, advice, startDate, endDate, indefinite, statementDate } = note;
  const { eventDate, today } = ctx;
  if (status === 'not_fit' && advice && advice.length > 0) {
    put(fields.advice, 'A "not fit for work" note carries no advice: clear the ticks or choose "may be fit".');
  }
  // Without a statement date the note was issued on its start date: the start's own checks cover it.
  if (statementDate && statementDate > today) {
    put(fields.statementDate ?? fields.startDate, 'A fit note cannot be issued after today: check the date.');
  } else if (statementDate && eventDate && statementDate < eventDate) {
    put(
      fields.statementDate ?? fields.startDate,
      'A fit note for this condition cannot be issued before the cardiac event.',
    );
  }
  if (startDate) {
    if (startDate > today) put(fields.startDate, 'A fit note cannot start after today (it may be backdated).');
    else if (eventDate && startDate < eventDate)
      put(fields.startDate, 'A fit note for this condition cannot start before the cardiac event.');
  }
  if (indefinite) {
    if (endDate) put(fields.endDate, 'An indefinite note has no end date: clear it, or untick "indefinite".');
    if (startDate && eventDate && startDate < laterPeriodStarts(eventDate))
      put(
        fields.indefinite ?? fields.endDate,
        'A note can be indefinite only from 6 months after the cardiac event: give its end date.',
      );
    return errors;
  }
  if (endDate) {
    if (startDate && endDate < startDate) put(fields.endDate, 'The fit note cannot end before it starts.');
    if (eventDate && endDate < eventDate) put(fields.endDate, 'The fit note cannot end before the cardiac event.');
    if (startDate && endDate >= startDate) {
      if (
        eventDate &&
        startDate < laterPeriodStarts(eventDate) &&
        endDate > addMonths(startDate, MAX_EARLY_NOTE_MONTHS)
      )
        put(
          fields.endDate,
          'In the first 6 months after the cardiac event a fit note covers at most 3 months: check the end date.',
        );
    }
  }
  return errors;
}

const STORED_FIELDS: FitNoteFields = {
  status: 'status',
  advice: 'advice',
  startDate: 'startDate',
  endDate: 'endDate',
  statementDate: 'statementDate',
  indefinite: 'indefinite',
};

/** A stored note that the rules would refuse today, with what is wrong with it (by field). */
export interface NoteToCheck<T> {
  note: T;
  problems: FieldErrors;
}

/**
 * Stored notes that break the Med3 rules as of `today` (typed before the rules existed, or with a
 * wrong year): listed for the lead to check rather than silently steering "current" and "ended".
 * A note with neither an end date nor the indefinite mark is listed too.
 */
export function storedNoteProblems(note: FitNoteDates, eventDate: IsoDate | undefined, today: IsoDate): FieldErrors {
  const problems = fitNoteProblems(note, { eventDate, today }, STORED_FIELDS);
  if (!note.indefinite && !note.endDate && !problems.endDate) problems.endDate = 'The note has no end date.';
  return problems;
}

export function notesToCheck<T extends FitNoteDates>(
  notes: readonly T[],
  eventDate: IsoDate | undefined,
  today: IsoDate,
): NoteToCheck<T>[] {
  const out: NoteToCheck<T>[] = [];
  for (const note of notes) {
    const problems = storedNoteProblems(note, eventDate, today);
    if (Object.keys(problems).length > 0) out.push({ note, problems });
  }
  // Oldest first, in the order `supersedes` ranks notes: the same list whatever order they are held in.
  const dated = (n: T): DatedNote => {
    const held = n as FitNoteDates & { recordedAt?: string; id?: string };
    return {
      startDate: held.startDate ?? '',
      endDate: held.endDate,
      statementDate: held.statementDate,
      recordedAt: held.recordedAt ?? '',
      id: held.id,
    };
  };
  return out.sort((a, b) =>
    supersedes(dated(a.note), dated(b.note)) ? 1 : supersedes(dated(b.note), dated(a.note)) ? -1 : 0,
  );
}

// ---- The current note, "expiring" and "ended": one rule for every screen, the digest, reports and exports.

/** What the rule reads of a note. */
export type DatedNote = Pick<FitNote, 'startDate' | 'endDate' | 'indefinite' | 'statementDate' | 'recordedAt'> & {
  id?: string;
};

/** An indefinite note never ends. */
export function isIndefinite(n: Pick<FitNote, 'indefinite'>): boolean {
  return n.indefinite === true;
}

/** The statement (issue) date, or the start date for notes stored before it was asked. */
export function statementDateOf(n: Pick<FitNote, 'statementDate' | 'startDate'>): IsoDate {
  return n.statementDate ?? n.startDate;
}

/**
 * True when `a` supersedes `b`: it starts later; on the same start, it was issued later; then it was
 * recorded later (a correction typed after the original); then by id, so that the answer never
 * depends on the order the notes are held in.
 */
function supersedes(a: DatedNote, b: DatedNote): boolean {
  if (a.startDate !== b.startDate) return a.startDate > b.startDate;
  const sa = statementDateOf(a);
  const sb = statementDateOf(b);
  if (sa !== sb) return sa > sb;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt > b.recordedAt;
  return (a.id ?? '') > (b.id ?? '');
}

/**
 * The note in force: the latest-starting note that has started by `today`. A newer note supersedes
 * an older one even where it ends sooner, so an older note that would still run is no longer cover
 * once a later one has started. A note starting after today is not yet in force (no real note
 * does: it is listed by `notesToCheck`).
 */
export function latestStartedNote<T extends DatedNote>(notes: readonly T[], today: IsoDate): T | null {
  let best: T | null = null;
  for (const n of notes) {
    if (n.startDate > today) continue;
    if (!best || supersedes(n, best)) best = n;
  }
  return best;
}

function covers(n: DatedNote, today: IsoDate): boolean {
  return n.startDate <= today && (isIndefinite(n) || (n.endDate !== undefined && today <= n.endDate));
}

/**
 * The current note (CONTRACT §4): the latest-starting note covering today. Null when none does:
 * no note yet, or the latest one has ended (an older, longer note it superseded does not count).
 */
export function currentFitNote<T extends DatedNote>(notes: readonly T[], today: IsoDate): T | null {
  const latest = latestStartedNote(notes, today);
  return latest && covers(latest, today) ? latest : null;
}

/** The current note of a case. Every screen, the digest, the report, FHIR and the export call this. */
export function currentNoteOf<T extends DatedNote>(c: { fitNotes?: readonly T[] }, today: IsoDate): T | null {
  return currentFitNote(c.fitNotes ?? [], today);
}

/** Where a case's fit notes stand today. */
export type FitNoteStanding<T> =
  /** A note covers today; `expiring` when its end falls within the window (never for an indefinite note). */
  | { kind: 'current'; note: T; expiring: boolean; daysLeft: number | null }
  /** No note covers today and the latest-starting note has ended. */
  | { kind: 'ended'; note: T; daysAgo: number }
  /** No note has started. */
  | { kind: 'none' };

/**
 * The one rule for "current", "expiring" and "ended" (CONTRACT §4). `windowDays`: a current note
 * ending today … today + windowDays is expiring (DIGEST_WINDOW_DAYS).
 */
export function fitNoteStanding<T extends DatedNote>(
  notes: readonly T[],
  today: IsoDate,
  windowDays: number,
): FitNoteStanding<T> {
  const latest = latestStartedNote(notes, today);
  if (!latest) return { kind: 'none' };
  if (covers(latest, today)) {
    if (isIndefinite(latest) || latest.endDate === undefined)
      return { kind: 'current', note: latest, expiring: false, daysLeft: null };
    return {
      kind: 'current',
      note: latest,
      expiring: latest.endDate <= addDays(today, windowDays),
      daysLeft: daysBetween(today, latest.endDate),
    };
  }
  // Started, not covering today, not indefinite: it has ended (an end before its start ended too).
  const end = latest.endDate ?? latest.startDate;
  return { kind: 'ended', note: latest, daysAgo: daysBetween(end, today) };
}

/** The standing of a case's fit notes (see `fitNoteStanding`). */
export function fitNoteStandingOf<T extends DatedNote>(
  c: { fitNotes?: readonly T[] },
  today: IsoDate,
  windowDays: number,
): FitNoteStanding<T> {
  return fitNoteStanding(c.fitNotes ?? [], today, windowDays);
}
