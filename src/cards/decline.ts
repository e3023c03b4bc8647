import type { FieldErrors } from '../domain/form';
import { errorSummary, formErrors, formValues } from './forms';
import { renderCard, type AdaptiveCard } from './render';

/** The decline form given back when Decline was pressed without a reason. */
export function declineFormCard(data: Record<string, unknown>, errors?: FieldErrors): AdaptiveCard {
  return renderCard('decline-form', {
    title: 'Decline this referral',
    subtitle: 'Say why, so that the referrer knows what to do next.',
    summary: errorSummary(errors),
    caseId: typeof data.caseId === 'string' ? data.caseId : '',
    submissionId: '',
    values: formValues(['reason'], data),
    errors: formErrors(['reason'], errors),
  });
}
