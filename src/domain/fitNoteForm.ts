import type { IsoDate } from './dates';
import { booleanFlag, choice, multiChoice, optionalText, requiredDate } from './fields';
import { fitNoteProblems, type FitNote } from './fitNote';
import { parseForm, type FormResult } from './form';
import { FIT_NOTE_ADVICE, FIT_NOTE_STATUSES } from './vocabulary';

/** The fit note card's inputs (CONTRACT §3, `fitnote.submit`): the Med3 fields. */
export const fitNoteShape = {
  status: choice(FIT_NOTE_STATUSES, 'what the fit note says'),
  advice: multiChoice(FIT_NOTE_ADVICE, 'advice'),
  startDate: requiredDate('the date the fit note starts'),
  endDate: requiredDate('the date the fit note ends'),
  issuedBy: optionalText(100),
  reassessmentNeeded: booleanFlag,
};

export const FIT_NOTE_FIELDS = Object.keys(fitNoteShape) as (keyof typeof fitNoteShape)[];

/** The note as kept, less what saving adds; advice may be left out. */
export type FitNoteForm = Pick<FitNote, 'status' | 'startDate' | 'endDate' | 'issuedBy' | 'reassessmentNeeded'> & {
  advice?: FitNote['advice'];
};

/** Med3 rules (CONTRACT §4) on the fit note card's own field names. */
export function validateFitNote(data: Record<string, unknown>, eventDate: IsoDate): FormResult<FitNoteForm> {
  return parseForm<typeof fitNoteShape, FitNoteForm>(fitNoteShape, data, (v, errors) => {
    const problems = fitNoteProblems(v, eventDate, {
      status: 'status',
      advice: 'advice',
      startDate: 'startDate',
      endDate: 'endDate',
    });
    for (const [k, msg] of Object.entries(problems)) if (!errors[k]) errors[k] = msg;
    if (v.startDate && v.startDate < eventDate && !errors.startDate)
      errors.startDate = 'A fit note for this condition cannot start before the cardiac event.';
  });
}
