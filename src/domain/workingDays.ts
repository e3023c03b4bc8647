import { DateTime } from 'luxon';
import { z } from 'zod';
import englandAndWales from '../../data/bank-holidays-england-and-wales.json';
import { addDays, isIsoDate, type IsoDate } from './dates';

/**
 * Working days: Monday to Friday, minus the England and Wales bank holidays. The holidays ship as
 * data (`data/bank-holidays-england-and-wales.json`, GOV.UK's own format) so that adding a year is
 * a data change: paste the newer `england-and-wales` division of https://www.gov.uk/bank-holidays.json.
 */
const divisionSchema = z.object({
  events: z.array(
    z.object({ date: z.string().refine(isIsoDate, 'bank holiday dates are YYYY-MM-DD'), title: z.string() }),
  ),
});

export interface BankHolidays {
  dates: ReadonlySet<IsoDate>;
  /** Years the list covers; a year outside it is treated as having no holidays (the scheduler warns). */
  years: ReadonlySet<number>;
}

/** Builds the holiday set from GOV.UK-shaped data (a division object, or the whole file with its divisions). */
export function bankHolidaysFrom(data: unknown, division = 'england-and-wales'): BankHolidays {
  const candidate =
    data && typeof data === 'object' && division in data ? (data as Record<string, unknown>)[division] : data;
  const parsed = divisionSchema.parse(candidate);
  const dates = new Set(parsed.events.map((e) => e.date));
  return { dates, years: new Set([...dates].map((d) => Number(d.slice(0, 4)))) };
}

export const ENGLAND_AND_WALES: BankHolidays = bankHolidaysFrom(englandAndWales);

export function isBankHoliday(date: IsoDate, holidays: BankHolidays = ENGLAND_AND_WALES): boolean {
  return holidays.dates.has(date);
}

export function coversYear(date: IsoDate, holidays: BankHolidays = ENGLAND_AND_WALES): boolean {
  return holidays.years.has(Number(date.slice(0, 4)));
}

export function isWeekend(date: IsoDate): boolean {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday >= 6;
}

export function isWorkingDay(date: IsoDate, holidays: BankHolidays = ENGLAND_AND_WALES): boolean {
  return !isWeekend(date) && !isBankHoliday(date, holidays);
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): a referral
 * made on a Monday has waited 2 working days on the Wednesday; one made on the Friday before a
 * bank-holiday Monday has waited 2 on the Wednesday too.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: BankHolidays = ENGLAND_AND_WALES): number {
  let n = 0;
  // Bounded: a referral older than a few years is counted as "long enough" without walking every day.
  for (let d = addDays(from, 1), i = 0; d <= to && i < 3660; d = addDays(d, 1), i++) {
    if (isWorkingDay(d, holidays)) n++;
  }
  return n;
}
