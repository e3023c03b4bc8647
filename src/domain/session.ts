import { addDays, type IsoDate } from './dates';
import { choice, multiChoice, number, optionalDate, requiredDate, requiredText, workAbilityScore } from './fields';
import { parseForm, type FormResult } from './form';
import { SESSION_MODES, SESSION_TOPICS } from './vocabulary';
import type { Session } from './case';

/** The session card's inputs (CONTRACT §3, `session.submit`). */
export const sessionShape = {
  date: requiredDate('the date of the session'),
  mode: choice(SESSION_MODES, 'how the session took place'),
  durationMinutes: number('the length in minutes', 0, 480, { integer: true }),
  topics: multiChoice(SESSION_TOPICS, 'topics'),
  notes: requiredText('session notes', 4000),
  nextContactDate: optionalDate('the next contact date'),
  workAbility: workAbilityScore(),
};

export const SESSION_FIELDS = Object.keys(sessionShape) as (keyof typeof sessionShape)[];

export type SessionForm = Pick<Session, 'date' | 'mode' | 'durationMinutes' | 'notes'> & {
  topics?: string[];
  nextContactDate?: IsoDate;
  workAbility?: number;
};

/** How far ahead a next contact may be booked: further than this is almost always a typo in the year. */
export const MAX_NEXT_CONTACT_DAYS = 366;

/** A session is logged after it happened, on or after the referral, and the next contact follows it. */
export function validateSession(
  data: Record<string, unknown>,
  today: IsoDate,
  referredOn: IsoDate,
): FormResult<SessionForm> {
  return parseForm<typeof sessionShape, SessionForm>(sessionShape, data, (v, errors) => {
    if (v.date) {
      if (v.date > today) errors.date = 'A session is logged once it has happened: the date cannot be in the future.';
      else if (v.date < referredOn) errors.date = 'The session cannot be before the referral was made.';
    }
    if (v.mode !== 'did_not_attend' && v.durationMinutes === 0) {
      errors.durationMinutes = 'Enter how long the session lasted (0 minutes is only for "did not attend").';
    }
    if (v.nextContactDate) {
      if (v.date && v.nextContactDate < v.date)
        errors.nextContactDate = 'The next contact cannot be before this session.';
      else if (v.nextContactDate > addDays(today, MAX_NEXT_CONTACT_DAYS))
        errors.nextContactDate = 'The next contact is more than a year away: check the year.';
    }
  });
}
