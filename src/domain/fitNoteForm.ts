import type { IsoDate } from './dates';
import { booleanFlag, choice, multiChoice, optionalDate, optionalText, requiredDate } from './fields';
import { fitNoteProblems, type FitNote } from './fitNote';
import { parseForm, type FormResult } from './form';
import { FIT_NOTE_ADVICE, FIT_NOTE_STATUSES, ISSUER_PROFESSIONS } from './vocabulary';

/** The fit note card's inputs (CONTRACT §3, `fitnote.submit`): the Med3 fields. */
export const fitNoteShape = {
  status: choice(FIT_NOTE_STATUSES, 'what the fit note says'),
  advice: multiChoice(FIT_NOTE_ADVICE, 'advice'),
  statementDate: optionalDate('the date the fit note was issued'),
  startDate: requiredDate('the date the fit note starts'),
  endDate: optionalDate('the date the fit note ends'),
  indefinite: booleanFlag,
  issuedBy: optionalText(100),
  issuerProfession: choice(ISSUER_PROFESSIONS, 'the issuer’s profession').optional(),
  reassessmentNeeded: booleanFlag,
};

export const FIT_NOTE_FIELDS = Object.keys(fitNoteShape) as (keyof typeof fitNoteShape)[];

/** The note as kept, less what saving adds; advice may be left out. */
export type FitNoteForm = Pick<
  FitNote,
  | 'status'
  | 'startDate'
  | 'endDate'
  | 'indefinite'
  | 'statementDate'
  | 'issuedBy'
  | 'issuerProfession'
  | 'reassessmentNeeded'
> & {
  advice?: FitNote['advice'];
};

/**
 * Med3 rules (CONTRACT §4) on the fit note card's own field names. `today` is the service's today:
 * a note is never issued, nor starts, after it.
 */
export function validateFitNote(
  data: Record<string, unknown>,
  eventDate: IsoDate,
  today: IsoDate,
): FormResult<FitNoteForm> {
  return parseForm<typeof fitNoteShape, FitNoteForm>(fitNoteShape, data, (v, errors) => {
    if (!v.indefinite && !v.endDate && !errors.endDate)
      errors.endDate = 'Enter the date the fit note ends, or tick "indefinite" (only from 6 months after the event).';
    const problems = fitNoteProblems(
      v,
      { eventDate, today },
      {
        status: 'status',
        advice: 'advice',
        startDate: 'startDate',
        endDate: 'endDate',
        statementDate: 'statementDate',
        indefinite: 'indefinite',
      },
    );
    for (const [k, msg] of Object.entries(problems)) if (!errors[k]) errors[k] = msg;
  });
}
