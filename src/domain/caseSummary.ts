import type { CaseRecord, Session } from './case';
import { daysBetween, type IsoDate } from './dates';

/**
 * The last session at which the patient was actually seen or spoken to ("did not attend" is no contact).
 * With `today`, a session dated after it is a booking, not contact, and is passed over.
 */
export function lastContact(c: Pick<CaseRecord, 'sessions'>, today?: IsoDate): Session | null {
  let best: Session | null = null;
  for (const s of c.sessions ?? []) {
    if (s.mode === 'did_not_attend' || (today !== undefined && s.date > today)) continue;
    if (!best || s.date > best.date || (s.date === best.date && s.recordedAt > best.recordedAt)) best = s;
  }
  return best;
}

export function daysSinceContact(c: Pick<CaseRecord, 'sessions'>, today: IsoDate): number | null {
  const s = lastContact(c);
  return s ? daysBetween(s.date, today) : null;
}

/** Sessions newest first. */
export function recentSessions(c: Pick<CaseRecord, 'sessions'>, n: number): Session[] {
  return [...(c.sessions ?? [])]
    .sort((a, b) => (a.date === b.date ? b.recordedAt.localeCompare(a.recordedAt) : b.date.localeCompare(a.date)))
    .slice(0, n);
}

/**
 * The next contact the OT booked: the `nextContactDate` of the latest session recorded (a later
 * session without one means none is booked now).
 */
export function nextContactOf(c: Pick<CaseRecord, 'sessions'>): IsoDate | undefined {
  return recentSessions(c, 1)[0]?.nextContactDate;
}

/** The current fit note: the one rule lives in `./fitNote` (CONTRACT §4); kept here for existing callers. */
export { currentNoteOf } from './fitNote';
