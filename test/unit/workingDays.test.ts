import { strict as assert } from 'node:assert';
import { bankHolidaysFrom, coversYear, isWorkingDay, workingDaysBetween } from '../../src/domain/workingDays';

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
