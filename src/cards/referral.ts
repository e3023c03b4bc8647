import type { CaseRecord } from '../domain/case';
import { STATUS_LABELS } from '../domain/case';
import { formatDate } from '../domain/dates';
import type { FieldErrors } from '../domain/form';
import { formatNhsNumber } from '../domain/nhsNumber';
import { REFERRAL_FIELDS } from '../domain/referral';
import {
  choicesOf,
  CONTACT_PREFERENCES,
  EMPLOYMENT_STATUSES,
  EVENT_TYPES,
  JOB_DEMANDS,
  REFERRAL_FIT_NOTE_STATUSES,
} from '../domain/vocabulary';
import { errorSummary, formErrors, formValues } from './forms';
import { renderCard, type AdaptiveCard } from './render';

const CHOICES = {
  eventType: choicesOf(EVENT_TYPES),
  employmentStatus: choicesOf(EMPLOYMENT_STATUSES),
  jobDemands: choicesOf(JOB_DEMANDS),
  fitNoteStatus: choicesOf(REFERRAL_FIT_NOTE_STATUSES),
  contactPreference: choicesOf(CONTACT_PREFERENCES),
};

/** The referral form, blank or re-shown with what was typed and the problems by each field. */
export function referralFormCard(
  submissionId: string,
  data: Record<string, unknown> = {},
  errors?: FieldErrors,
): AdaptiveCard {
  const values = formValues(REFERRAL_FIELDS, data);
  if (!values.consent) values.consent = 'false';
  if (!values.acuteMI) values.acuteMI = 'false';
  return renderCard('referral-form', {
    submissionId,
    values,
    errors: formErrors(REFERRAL_FIELDS, errors),
    summary: errorSummary(errors),
    choices: CHOICES,
  });
}

export function referralConfirmationCard(c: CaseRecord): AdaptiveCard {
  return renderCard('referral-confirmation', {
    ref: c.ref,
    patientName: c.patient.name,
    nhsNumber: formatNhsNumber(c.patient.nhsNumber),
    event: `${EVENT_TYPES.labels[c.referral.eventType]}, ${formatDate(c.referral.eventDate)}`,
    referredBy: c.referredBy.name,
    referredOn: formatDate(c.referral.referredOn),
    status: STATUS_LABELS[c.status],
  });
}
