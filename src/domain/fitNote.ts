import { addMonths, type IsoDate } from './dates';
import type { FieldErrors } from './form';

export type FitNoteStatus = 'not_fit' | 'may_be_fit';
export type FitNoteAdvice = 'phased_return' | 'altered_hours' | 'amended_duties' | 'workplace_adaptations';

/** A Statement of Fitness for Work (Med3), as kept on a case. */
export interface FitNote {
  id: string;
  status: FitNoteStatus;
  advice: FitNoteAdvice[];
  startDate: IsoDate;
  endDate: IsoDate;
  issuedBy?: string;
  reassessmentNeeded?: boolean;
  recordedAt: string;
  recordedBy: string;
}

/** Med3 rules: the first 6 months of a condition allow notes of at most 3 months. */
export const FIRST_PERIOD_MONTHS = 6;
export const MAX_EARLY_NOTE_MONTHS = 3;

/**
 * Checks a fit note's dates and advice; `fields` names the card inputs so that each problem is shown
 * beside the input it is about (the referral card and the fit note card name them differently).
 */
export function fitNoteProblems(
  note: { status?: FitNoteStatus; advice?: readonly string[]; startDate?: IsoDate; endDate?: IsoDate },
  eventDate: IsoDate | undefined,
  fields: { status: string; advice: string; startDate: string; endDate: string },
): FieldErrors {
  const errors: FieldErrors = {};
  const { status, advice, startDate, endDate } = note;
  if (status === 'not_fit' && advice && advice.length > 0) {
    errors[fields.advice] = 'A "not fit for work" note carries no advice: clear the ticks or choose "may be fit".';
  }
  if (startDate && endDate) {
    if (endDate < startDate) {
      errors[fields.endDate] = 'The fit note cannot end before it starts.';
    } else if (
      eventDate &&
      startDate < addMonths(eventDate, FIRST_PERIOD_MONTHS) &&
      endDate > addMonths(startDate, MAX_EARLY_NOTE_MONTHS)
    ) {
      errors[fields.endDate] =
        'In the first 6 months after the cardiac event a fit note covers at most 3 months: check the end date.';
    }
  }
  return errors;
}

/** The current note: the latest-starting note that covers `today`; null when none does. */
export function currentFitNote<T extends Pick<FitNote, 'startDate' | 'endDate' | 'recordedAt'>>(
  notes: readonly T[],
  today: IsoDate,
): T | null {
  let best: T | null = null;
  for (const n of notes) {
    if (n.startDate > today || n.endDate < today) continue;
    if (!best || n.startDate > best.startDate || (n.startDate === best.startDate && n.recordedAt > best.recordedAt))
      best = n;
  }
  return best;
}

/** The note whose end date is latest: what tells whether cover has run out. */
export function latestFitNote<T extends Pick<FitNote, 'endDate' | 'recordedAt'>>(notes: readonly T[]): T | null {
  let best: T | null = null;
  for (const n of notes) {
    if (!best || n.endDate > best.endDate || (n.endDate === best.endDate && n.recordedAt > best.recordedAt)) best = n;
  }
  return best;
}
