import { FIT_NOTE_FIELDS } from '../domain/fitNoteForm';
import type { FieldErrors } from '../domain/form';
import { choicesOf, FIT_NOTE_ADVICE, FIT_NOTE_STATUSES, ISSUER_PROFESSIONS } from '../domain/vocabulary';
import { errorSummary, formErrors, formValues } from './forms';
import { renderCard, type AdaptiveCard } from './render';
import { caseSubtitle as subtitle, type CaseWho as Who } from './forms';

export function fitNoteFormCard(
  c: Who,
  submissionId: string,
  data: Record<string, unknown> = {},
  errors?: FieldErrors,
): AdaptiveCard {
  const values = formValues(FIT_NOTE_FIELDS, data);
  if (!values.reassessmentNeeded) values.reassessmentNeeded = 'false';
  if (!values.indefinite) values.indefinite = 'false';
  return renderCard('fitnote-form', {
    title: 'Record a fit note (Med3)',
    subtitle: subtitle(c),
    summary: errorSummary(errors),
    caseId: c.id,
    submissionId,
    values,
    errors: formErrors(FIT_NOTE_FIELDS, errors),
    choices: {
      status: choicesOf(FIT_NOTE_STATUSES),
      advice: choicesOf(FIT_NOTE_ADVICE),
      issuerProfession: choicesOf(ISSUER_PROFESSIONS),
    },
  });
}
