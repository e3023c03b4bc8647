import { DateTime } from 'luxon';

/**
 * Calendar dates travel as `YYYY-MM-DD` strings (what Input.Date sends) and are compared as such.
 * Anything that needs "today" takes it as an argument: the domain never reads a clock.
 */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** The calendar date it is now in `zone`, e.g. Europe/London, whatever the host's zone. */
export function todayIn(zone: string, now: Date): IsoDate {
  return DateTime.fromJSDate(now).setZone(zone).toISODate()!;
}

function asDate(d: IsoDate): DateTime {
  return DateTime.fromISO(d, { zone: 'UTC' });
}

export function addDays(d: IsoDate, days: number): IsoDate {
  return asDate(d).plus({ days }).toISODate()!;
}

export function addMonths(d: IsoDate, months: number): IsoDate {
  return asDate(d).plus({ months }).toISODate()!;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(asDate(to).diff(asDate(from), 'days').days);
}

/** A stored instant (ISO timestamp) as the clock reads in `zone`: `25 Nov 2026 09:15`. */
export function formatInstantIn(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'UTC' }).setZone(zone).toFormat('d LLL yyyy HH:mm');
}

/** `25 Nov 2026`: unambiguous for UK readers and short enough for a phone. */
export function formatDate(d: IsoDate | undefined | null): string {
  if (!d) return '';
  return asDate(d).toFormat('d LLL yyyy');
}
