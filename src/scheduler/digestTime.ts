import { DateTime } from 'luxon';
import type { IsoDate } from '../domain/dates';
import { addDays, todayIn } from '../domain/dates';
import { isWorkingDay, type BankHolidays } from '../domain/workingDays';

/**
 * When the digest is due, in the service's local time. Luxon resolves "08:00 in Europe/London" on each
 * calendar date separately, so the instant moves by an hour across the clock changes while the local
 * time stays 08:00 (07:00Z in summer, 08:00Z in winter).
 */
export function localInstant(date: IsoDate, hhmm: string, zone: string): Date {
  const [hour, minute] = hhmm.split(':').map(Number);
  const [year, month, day] = date.split('-').map(Number);
  // A time inside a spring-forward gap (e.g. 01:30) is moved on by luxon to the first valid instant.
  return DateTime.fromObject({ year, month, day, hour, minute }, { zone }).toJSDate();
}

export interface DigestSchedule {
  /** `HH:MM` */
  time: string;
  zone: string;
  /** `HH:MM`: a bot that was down at `time` still sends on start-up until this local time. */
  catchUpUntil: string;
  holidays: BankHolidays;
}

/** The date whose digest is due at `now`, or null (not a working day, too early, or past the cut-off). */
export function dueDate(now: Date, s: DigestSchedule): IsoDate | null {
  const date = todayIn(s.zone, now);
  if (!isWorkingDay(date, s.holidays)) return null;
  const from = localInstant(date, s.time, s.zone).getTime();
  const until = localInstant(date, s.catchUpUntil, s.zone).getTime();
  const t = now.getTime();
  // A cut-off at or before DIGEST_TIME still leaves an hour, so that a late timer cannot miss the day.
  return t >= from && t < Math.max(until, from + 60 * 60_000) ? date : null;
}

/** The next instant the digest falls due after `now` (today's if still ahead), on a working day. */
export function nextDueAt(now: Date, s: DigestSchedule): Date {
  let date = todayIn(s.zone, now);
  for (let i = 0; i < 30; i++, date = addDays(date, 1)) {
    if (!isWorkingDay(date, s.holidays)) continue;
    const at = localInstant(date, s.time, s.zone);
    if (at.getTime() > now.getTime()) return at;
  }
  return localInstant(date, s.time, s.zone);
}
