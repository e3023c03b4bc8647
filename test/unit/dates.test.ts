import { strict as assert } from 'node:assert';
import { isIsoDate, todayIn } from '../../src/domain/dates';
import { parseCaseRef, formatCaseRef } from '../../src/domain/caseRef';
import { criterionFor } from '../../src/services/cases/find';

describe('dates in the service zone', () => {
  it('reads today in Europe/London, not UTC, across the clock change', () => {
    // 23:30 UTC on 28 Jun 2026 is 00:30 BST on the 29th.
    assert.equal(todayIn('Europe/London', new Date('2026-06-28T23:30:00Z')), '2026-06-29');
    // In winter London is on UTC.
    assert.equal(todayIn('Europe/London', new Date('2026-12-28T23:30:00Z')), '2026-12-28');
    // The night the clocks go back (25 Oct 2026): 00:30 UTC is 01:30 BST, still the 25th.
    assert.equal(todayIn('Europe/London', new Date('2026-10-25T00:30:00Z')), '2026-10-25');
  });

  it('accepts only real calendar dates', () => {
    assert.equal(isIsoDate('2028-02-29'), true);
    assert.equal(isIsoDate('2026-02-29'), false);
    assert.equal(isIsoDate('25/11/2026'), false);
  });
});

describe('case references and search terms', () => {
  it('formats and parses RTW references', () => {
    assert.equal(formatCaseRef(42), 'RTW-0042');
    assert.equal(formatCaseRef(12345), 'RTW-12345');
    assert.equal(parseCaseRef('rtw-42'), 'RTW-0042');
    assert.equal(parseCaseRef('RTW0042'), 'RTW-0042');
    assert.equal(parseCaseRef('RTX-0042'), null);
  });

  it('tells references, NHS numbers and names apart', () => {
    assert.deepEqual(criterionFor('RTW-0007'), { kind: 'ref', ref: 'RTW-0007' });
    assert.deepEqual(criterionFor('943 476 5919'), { kind: 'nhsNumber', nhsNumber: '9434765919' });
    assert.deepEqual(criterionFor('  Alan  TEST '), { kind: 'name', nameKey: 'alan test' });
    assert.equal(criterionFor('12345'), null);
    assert.equal(criterionFor('a'), null);
  });
});
