import { z } from 'zod';
import { addDays, type IsoDate } from './dates';
import {
  booleanFlag,
  choice,
  multiChoice,
  number,
  optionalDate,
  optionalText,
  requiredDate,
  requiredText,
} from './fields';
import { fitNoteProblems } from './fitNote';
import { parseForm, type FormResult } from './form';
import { isValidNhsNumber, normaliseNhsNumber } from './nhsNumber';
import {
  CONTACT_PREFERENCES,
  EMPLOYMENT_STATUSES,
  EVENT_TYPES,
  JOB_DEMANDS,
  REFERRAL_FIT_NOTE_STATUSES,
} from './vocabulary';

/** The referral card's inputs, with the contract's field names (CONTRACT §3, `referral.submit`). */
export const referralShape = {
  patientName: requiredText('the patient’s name', 100),
  nhsNumber: z
    .string({ error: (i) => (i.input === undefined ? 'Enter the NHS number.' : 'Enter the NHS number as 10 digits.') })
    .trim()
    .min(1, 'Enter the NHS number.')
    .refine((s) => normaliseNhsNumber(s) !== null, 'An NHS number has 10 digits (spaces are fine).')
    .refine(isValidNhsNumber, 'This NHS number fails its check digit: please check it against the record.')
    .transform((s) => normaliseNhsNumber(s)!),
  dateOfBirth: requiredDate('the date of birth'),
  phone: optionalText(30).refine(
    (s) => !s || /^[0-9+()\s-]{6,30}$/.test(s),
    'Enter a phone number using digits, spaces and +.',
  ),
  eventType: choice(EVENT_TYPES, 'the cardiac event'),
  /** For a PCI or CABG: it treated an acute MI (NICE QS99 counts the referral as an MI one). */
  acuteMI: booleanFlag,
  eventDate: requiredDate('the date of the cardiac event'),
  dischargeDate: optionalDate('the hospital discharge date'),
  employmentStatus: choice(EMPLOYMENT_STATUSES, 'the employment status'),
  occupation: optionalText(100),
  employer: optionalText(100),
  jobDemands: multiChoice(JOB_DEMANDS, 'job demands'),
  hoursPerWeek: number('contracted hours per week', 1, 80).optional(),
  fitNoteStatus: choice(REFERRAL_FIT_NOTE_STATUSES, 'the fit note status').optional(),
  fitNoteStart: optionalDate('the fit note start date'),
  fitNoteEnd: optionalDate('the fit note end date'),
  contactPreference: choice(CONTACT_PREFERENCES, 'how the patient prefers to be contacted'),
  consent: z.union([z.literal(true), z.literal('true')], {
    error: 'The patient must agree to the referral before it can be sent.',
  }),
  notes: optionalText(2000),
};

export type ReferralForm = {
  patientName: string;
  nhsNumber: string;
  dateOfBirth: IsoDate;
  phone?: string;
  eventType: (typeof EVENT_TYPES.values)[number];
  acuteMI?: boolean;
  eventDate: IsoDate;
  dischargeDate?: IsoDate;
  employmentStatus: (typeof EMPLOYMENT_STATUSES.values)[number];
  occupation?: string;
  employer?: string;
  jobDemands?: (typeof JOB_DEMANDS.values)[number][];
  hoursPerWeek?: number;
  fitNoteStatus?: (typeof REFERRAL_FIT_NOTE_STATUSES.values)[number];
  fitNoteStart?: IsoDate;
  fitNoteEnd?: IsoDate;
  contactPreference: (typeof CONTACT_PREFERENCES.values)[number];
  consent: true | 'true';
  notes?: string;
};

export const REFERRAL_FIELDS = Object.keys(referralShape) as (keyof ReferralForm)[];

/** Youngest age the service takes: it supports people back into work. */
export const MIN_AGE_YEARS = 16;

export function validateReferral(data: Record<string, unknown>, today: IsoDate): FormResult<ReferralForm> {
  return parseForm<typeof referralShape, ReferralForm>(referralShape, data, (v, errors) => {
    if (v.dateOfBirth) {
      if (v.dateOfBirth >= today) errors.dateOfBirth = 'The date of birth must be in the past.';
      else if (v.dateOfBirth > addDays(today, -MIN_AGE_YEARS * 365))
        errors.dateOfBirth = `The service is for people of working age (${MIN_AGE_YEARS} or over): check the date of birth.`;
      else if (v.dateOfBirth < '1900-01-01') errors.dateOfBirth = 'Check the date of birth: it is before 1900.';
    }
    if (v.eventDate) {
      if (v.eventDate > today) errors.eventDate = 'The cardiac event cannot be in the future.';
      else if (v.dateOfBirth && v.eventDate < v.dateOfBirth)
        errors.eventDate = 'The cardiac event cannot be before the date of birth.';
    }
    if (v.acuteMI && v.eventType && v.eventType !== 'PCI' && v.eventType !== 'CABG' && !errors.acuteMI)
      errors.acuteMI = 'Only for a PCI or CABG that treated a heart attack: untick it, or choose PCI or CABG.';
    if (v.dischargeDate && v.eventDate && v.dischargeDate < v.eventDate) {
      errors.dischargeDate = 'Hospital discharge cannot be before the cardiac event.';
    }
    const status = v.fitNoteStatus;
    if (status === 'not_fit' || status === 'may_be_fit') {
      if (!v.fitNoteStart && !errors.fitNoteStart) errors.fitNoteStart = 'Enter the date the fit note starts.';
      if (!v.fitNoteEnd && !errors.fitNoteEnd) errors.fitNoteEnd = 'Enter the date the fit note ends.';
      Object.assign(
        errors,
        // The same Med3 rule as the fit note card (one rule, every card): the referral's note is
        // issued on its start date and always has an end date.
        fitNoteProblems(
          { status, startDate: v.fitNoteStart, endDate: v.fitNoteEnd },
          { eventDate: errors.eventDate ? undefined : v.eventDate, today },
          { status: 'fitNoteStatus', advice: 'fitNoteStatus', startDate: 'fitNoteStart', endDate: 'fitNoteEnd' },
        ),
      );
    } else if ((v.fitNoteStart || v.fitNoteEnd) && !errors.fitNoteStatus) {
      errors.fitNoteStatus = 'Fit note dates were given: say whether the note is "not fit" or "may be fit".';
    }
  });
}
