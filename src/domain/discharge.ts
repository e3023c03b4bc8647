import type { IsoDate } from './dates';
import { booleanFlag, choice, optionalText, requiredDate, workAbilityScore } from './fields';
import { parseForm, type FormResult } from './form';
import { DISCHARGE_OUTCOMES } from './vocabulary';
import type { Discharge } from './case';

/** The discharge card's inputs (CONTRACT §3, `case.discharge`). */
export const dischargeShape = {
  outcome: choice(DISCHARGE_OUTCOMES, 'the outcome'),
  date: requiredDate('the discharge date'),
  notes: optionalText(2000),
  workAbility: workAbilityScore(),
  /** Default yes (CONTRACT §3): left out, the patient is followed up. */
  followUpConsent: booleanFlag,
};

export const DISCHARGE_FIELDS = Object.keys(dischargeShape) as (keyof typeof dischargeShape)[];

export type DischargeForm = Pick<Discharge, 'outcome' | 'date' | 'notes' | 'workAbility' | 'followUpConsent'>;

/** Discharge happens on or before today and not before the referral. */
export function validateDischarge(
  data: Record<string, unknown>,
  today: IsoDate,
  referredOn: IsoDate,
): FormResult<DischargeForm> {
  return parseForm<typeof dischargeShape, DischargeForm>(dischargeShape, data, (v, errors) => {
    if (v.date) {
      if (v.date > today) errors.date = 'The discharge date cannot be in the future.';
      else if (v.date < referredOn) errors.date = 'The discharge date cannot be before the referral was made.';
    }
  });
}
