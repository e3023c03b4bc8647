import { DateTime } from 'luxon';
import { z } from 'zod';
import englandAndWales from '../../data/bank-holidays-england-and-wales.json';
import northernIreland from '../../data/bank-holidays-northern-ireland.json';
import scotland from '../../data/bank-holidays-scotland.json';
import { addDays, isIsoDate, type IsoDate } from './dates';

/**
 * Working days: Monday to Friday, minus the bank holidays of the service's division (England and
 * Wales, Scotland, Northern Ireland: each has its own). The holidays ship as data
 * (`data/bank-holidays-<division>.json`, GOV.UK's own format, https://www.gov.uk/bank-holidays) so
 * that adding a year is a data change: paste the newer division of https://www.gov.uk/bank-holidays.json.
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
export const SCOTLAND: BankHolidays = bankHolidaysFrom(scotland);
export const NORTHERN_IRELAND: BankHolidays = bankHolidaysFrom(northernIreland);

/** GOV.UK's bank-holiday divisions, by its own names. */
export const DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type Division = (typeof DIVISIONS)[number];
/** A service not set otherwise is in England and Wales. */
export const DEFAULT_DIVISION: Division = 'england-and-wales';

const BY_DIVISION: Record<Division, BankHolidays> = {
  'england-and-wales': ENGLAND_AND_WALES,
  scotland: SCOTLAND,
  'northern-ireland': NORTHERN_IRELAND,
};

export function holidaysOf(division: Division): BankHolidays {
  return BY_DIVISION[division];
}

export function isDivision(value: string): value is Division {
  return (DIVISIONS as readonly string[]).includes(value);
}

/** Each service's division where it is not England and Wales (SERVICE_DIVISIONS). */
export type ServiceDivisions = Readonly<Record<string, Division>>;

export function divisionOf(serviceId: string, divisions: ServiceDivisions): Division {
  return Object.hasOwn(divisions, serviceId) ? divisions[serviceId] : DEFAULT_DIVISION;
}

/**
 * Days that are bank holidays in every one of `lists` (a year counts as covered when every list covers
 * it): the days on which no service of these divisions works. The digest clock runs on any other weekday.
 */
export function holidaysCommonTo(lists: readonly BankHolidays[]): BankHolidays {
  const [first, ...rest] = lists;
  if (!first) return { dates: new Set(), years: new Set() };
  return {
    dates: new Set([...first.dates].filter((d) => rest.every((l) => l.dates.has(d)))),
    years: new Set([...first.years].filter((y) => rest.every((l) => l.years.has(y)))),
  };
}

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
