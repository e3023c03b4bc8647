import { strict as assert } from 'node:assert';
import {
  bankHolidaysFrom,
  coversYear,
  divisionOf,
  ENGLAND_AND_WALES,
  holidaysCommonTo,
  holidaysOf,
  isBankHoliday,
  isWeekend,
  isWorkingDay,
  NORTHERN_IRELAND,
  SCOTLAND,
  workingDaysBetween,
} from '../../src/domain/workingDays';

describe('working days (England and Wales)', () => {
  it('skips weekends and the shipped bank holidays, including substitute days', () => {
    assert.equal(isWorkingDay('2026-11-25'), true); // Wednesday
    assert.equal(isWorkingDay('2026-11-28'), false); // Saturday
    assert.equal(isWorkingDay('2026-12-25'), false); // Christmas, Friday
    assert.equal(isWorkingDay('2026-12-28'), false); // Boxing Day substitute (26th is a Saturday)
    assert.equal(isWorkingDay('2026-04-03'), false); // Good Friday
    assert.equal(isWorkingDay('2026-04-06'), false); // Easter Monday
    assert.equal(isWorkingDay('2026-08-31'), false); // Summer bank holiday
    assert.equal(isWorkingDay('2026-12-29'), true);
  });

  it('counts working days strictly after the start, up to and including the end', () => {
    assert.equal(workingDaysBetween('2026-11-23', '2026-11-25'), 2);
    assert.equal(workingDaysBetween('2026-11-25', '2026-11-25'), 0);
    assert.equal(workingDaysBetween('2026-12-24', '2026-12-29'), 1); // 25th and 28th are holidays, 26th/27th weekend
  });

  it('takes GOV.UK-shaped data, whole file or one division, so that a new year is a data change', () => {
    const extra = bankHolidaysFrom({
      'england-and-wales': { division: 'england-and-wales', events: [{ title: 'Test day', date: '2031-06-02' }] },
    });
    assert.equal(isWorkingDay('2031-06-02', extra), false);
    assert.equal(coversYear('2031-01-01', extra), true);
    assert.equal(coversYear('2031-01-01'), false, 'the shipped list does not reach 2031');
    assert.throws(() => bankHolidaysFrom({ events: [{ title: 'bad', date: '2031-02-30' }] }));
  });
});

/**
 * Each division's own bank holidays (GOV.UK, https://www.gov.uk/bank-holidays): Scotland has 2 January
 * and St Andrew's Day (30 November) and no Easter Monday, its summer holiday on the first Monday of
 * August; Northern Ireland has St Patrick's Day (17 March) and the Battle of the Boyne (12 July); a
 * holiday falling at a weekend moves to the next weekday that is not already a holiday.
 */
describe('bank holidays per division (Scotland, Northern Ireland)', () => {
  const lists = { 'england-and-wales': ENGLAND_AND_WALES, scotland: SCOTLAND, 'northern-ireland': NORTHERN_IRELAND };

  it('every shipped list covers 2026 to 2028 and holds only weekdays', () => {
    for (const [division, list] of Object.entries(lists)) {
      for (const year of [2026, 2027, 2028]) assert.ok(coversYear(`${year}-06-01`, list), `${division} ${year}`);
      for (const d of list.dates) assert.ok(!isWeekend(d), `${division} ${d} is a weekday`);
    }
  });

  it('Scotland: 2 January (and its substitute days), St Andrew’s Day, first-Monday-of-August summer; no Easter Monday', () => {
    for (const d of ['2026-01-02', '2027-01-04', '2028-01-03', '2028-01-04', '2026-11-30', '2027-11-30', '2028-11-30'])
      assert.ok(isBankHoliday(d, SCOTLAND), d);
    for (const d of ['2026-08-03', '2027-08-02', '2028-08-07']) assert.ok(isBankHoliday(d, SCOTLAND), d);
    for (const d of ['2026-04-06', '2026-08-31', '2027-03-29']) assert.ok(!isBankHoliday(d, SCOTLAND), d);
    assert.equal(SCOTLAND.dates.size, 27, 'nine a year');
  });

  it('Northern Ireland: St Patrick’s Day, the Battle of the Boyne (13 July 2026, a Sunday’s substitute), Easter Monday', () => {
    for (const d of ['2026-03-17', '2027-03-17', '2028-03-17', '2026-07-13', '2027-07-12', '2028-07-12', '2026-04-06'])
      assert.ok(isBankHoliday(d, NORTHERN_IRELAND), d);
    assert.ok(!isBankHoliday('2026-07-12', NORTHERN_IRELAND), 'a Sunday');
    assert.equal(NORTHERN_IRELAND.dates.size, 30, 'ten a year');
  });

  it('England and Wales 2026 to 2028 as GOV.UK lists them (eight a year)', () => {
    for (const year of ['2026', '2027', '2028'])
      assert.equal([...ENGLAND_AND_WALES.dates].filter((d) => d.startsWith(year)).length, 8, year);
    for (const d of ['2026-12-28', '2027-12-27', '2027-12-28', '2028-01-03'])
      assert.ok(isBankHoliday(d, ENGLAND_AND_WALES), d);
  });

  it('working days follow the division: a referral waiting over 2 January, Easter Monday or St Patrick’s Day', () => {
    // Wed 31 Dec 2025 → Mon 5 Jan 2026: 2 Jan is a working day in England, a holiday in Scotland.
    assert.equal(workingDaysBetween('2025-12-31', '2026-01-05', ENGLAND_AND_WALES), 2);
    assert.equal(workingDaysBetween('2025-12-31', '2026-01-05', SCOTLAND), 1);
    // Thu 2 Apr → Tue 7 Apr 2026: Easter Monday is a working day in Scotland.
    assert.equal(workingDaysBetween('2026-04-02', '2026-04-07', ENGLAND_AND_WALES), 1);
    assert.equal(workingDaysBetween('2026-04-02', '2026-04-07', SCOTLAND), 2);
    // Fri 13 → Tue 17 Mar 2026: St Patrick's Day.
    assert.equal(workingDaysBetween('2026-03-13', '2026-03-17', ENGLAND_AND_WALES), 2);
    assert.equal(workingDaysBetween('2026-03-13', '2026-03-17', NORTHERN_IRELAND), 1);
  });

  it('a service’s division: set per service, England and Wales by default; the clock runs unless every division rests', () => {
    const divisions = { lothian: 'scotland', belfast: 'northern-ireland' } as const;
    assert.equal(divisionOf('lothian', divisions), 'scotland');
    assert.equal(divisionOf('mid-yorkshire', divisions), 'england-and-wales');
    assert.equal(divisionOf('constructor', divisions), 'england-and-wales');
    assert.equal(holidaysOf('scotland'), SCOTLAND);
    const common = holidaysCommonTo([ENGLAND_AND_WALES, SCOTLAND]);
    assert.ok(common.dates.has('2026-12-25'));
    assert.ok(!common.dates.has('2026-01-02') && !common.dates.has('2026-04-06'));
  });
});
