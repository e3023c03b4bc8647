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
    subtitle: `${subtitle(c)}. The case leaves caseloads but can still be found; with consent, follow-ups fall due at 3, 6 and 12 months.`,
    summary: errorSummary(errors),
    caseId: c.id,
    submissionId,
    // Follow-up consent is yes unless the OT turns it off (CONTRACT §3).
    values: {
      ...formValues(DISCHARGE_FIELDS, data),
      ...(data.followUpConsent === undefined ? { followUpConsent: 'true' } : {}),
    },
    errors: formErrors(DISCHARGE_FIELDS, errors),
    choices: { outcome: choicesOf(DISCHARGE_OUTCOMES) },
  });
}
