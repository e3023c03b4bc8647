import type { FieldErrors } from '../domain/form';
import { SESSION_FIELDS } from '../domain/session';
import { choicesOf, SESSION_MODES, SESSION_TOPICS } from '../domain/vocabulary';
import { errorSummary, formErrors, formValues } from './forms';
import { renderCard, type AdaptiveCard } from './render';
import { caseSubtitle as subtitle, type CaseWho as Who } from './forms';

export function sessionFormCard(
  c: Who,
  submissionId: string,
  data: Record<string, unknown> = {},
  errors?: FieldErrors,
): AdaptiveCard {
  return renderCard('session-form', {
    title: 'Log a session',
    subtitle: subtitle(c),
    summary: errorSummary(errors),
    caseId: c.id,
    submissionId,
    values: formValues(SESSION_FIELDS, data),
    errors: formErrors(SESSION_FIELDS, errors),
    choices: { mode: choicesOf(SESSION_MODES), topics: choicesOf(SESSION_TOPICS) },
  });
}
