import { DISCHARGE_FIELDS } from '../domain/discharge';
import type { FieldErrors } from '../domain/form';
import { choicesOf, DISCHARGE_OUTCOMES } from '../domain/vocabulary';
import { errorSummary, formErrors, formValues } from './forms';
import { renderCard, type AdaptiveCard } from './render';
import { caseSubtitle as subtitle, type CaseWho as Who } from './forms';

export function dischargeFormCard(
  c: Who,
  submissionId: string,
  data: Record<string, unknown> = {},
  errors?: FieldErrors,
): AdaptiveCard {
  return renderCard('discharge-form', {
    title: 'Discharge',
    subtitle: `${subtitle(c)}. The case leaves caseloads and digests but can still be found.`,
    summary: errorSummary(errors),
    caseId: c.id,
    submissionId,
    values: formValues(DISCHARGE_FIELDS, data),
    errors: formErrors(DISCHARGE_FIELDS, errors),
    choices: { outcome: choicesOf(DISCHARGE_OUTCOMES) },
  });
}
