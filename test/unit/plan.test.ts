import { strict as assert } from 'node:assert';
import { phasePeriods, phaseRowCount, planSchedule, planStatus, validatePlan, weekStart } from '../../src/domain/plan';
import type { ReturnPlan } from '../../src/domain/case';

const TODAY = '2026-11-25'; // a Wednesday

function plan(overrides: Record<string, unknown> = {}) {
  return {
    targetReturnDate: '2027-01-04',
    contractedHours: '37.5',
    phase1Start: '2026-11-30',
    phase1Hours: '16',
    phase1Days: '4',
    phase2Start: '2026-12-14',
    phase2Hours: '24',
    phase2Days: '4',
    employerConsent: 'true',
    ...overrides,
  };
}

describe('phased return-to-work plan rules', () => {
  it('accepts a plan in date order under the contracted hours', () => {
    const r = validatePlan(plan(), TODAY);
    assert.ok(r.ok);
    assert.equal(r.value.phases.length, 2);
    assert.equal(r.value.contractedHours, 37.5);
    assert.equal(r.value.employerConsent, true);
    assert.deepEqual(r.value.phases[0], { start: '2026-11-30', hoursPerWeek: 16, daysPerWeek: 4 });
  });

  it('refuses phases out of date order, on the later row', () => {
    const r = validatePlan(plan({ phase2Start: '2026-11-23' }), TODAY);
    assert.ok(!r.ok);
    assert.match(r.errors.phase2Start, /date order/);
  });

  it('refuses overlapping phases (two starts within a week)', () => {
    const r = validatePlan(plan({ phase2Start: '2026-12-06' }), TODAY);
    assert.ok(!r.ok);
    assert.match(r.errors.phase2Start, /overlaps phase 1/);
    assert.ok(validatePlan(plan({ phase2Start: '2026-12-07' }), TODAY).ok, 'exactly a week later is fine');
  });

  it('refuses hours above the contracted hours, also when these come from the referral', () => {
    const r = validatePlan(plan({ phase2Hours: '38' }), TODAY);
    assert.ok(!r.ok);
    assert.match(r.errors.phase2Hours, /above the contracted 37.5/);
    const fromReferral = validatePlan(plan({ contractedHours: '' }), TODAY, 20);
    assert.ok(!fromReferral.ok);
    assert.match(fromReferral.errors.phase2Hours, /above the contracted 20/);
    assert.ok(validatePlan(plan({ phase2Hours: '37.5' }), TODAY).ok, 'equal to contracted is fine');
  });

  it('asks for contracted hours when neither the card nor the referral has them', () => {
    const r = validatePlan(plan({ contractedHours: '' }), TODAY);
    assert.ok(!r.ok);
    assert.match(r.errors.contractedHours, /contracted hours/);
  });

  it('lets the first phase start in the current week but not before', () => {
    assert.ok(validatePlan(plan({ phase1Start: '2026-11-23' }), TODAY).ok, 'Monday of this week');
    const r = validatePlan(plan({ phase1Start: '2026-11-22' }), TODAY);
    assert.ok(!r.ok);
    assert.match(r.errors.phase1Start, /before this week/);
  });

  it('needs at least one phase, and a partly typed row is named field by field', () => {
    const none = validatePlan(
      plan({ phase1Start: '', phase1Hours: '', phase1Days: '', phase2Start: '', phase2Hours: '', phase2Days: '' }),
      TODAY,
    );
    assert.ok(!none.ok);
    assert.match(none.errors.phase1Start, /at least one phase/);
    const partial = validatePlan(plan({ phase2Days: '' }), TODAY);
    assert.ok(!partial.ok);
    assert.match(partial.errors.phase2Days, /Enter days per week/);
  });

  it('skips blank rows in the middle and counts the rows the card showed', () => {
    const data = plan({
      rows: '4',
      phase2Start: '',
      phase2Hours: '',
      phase2Days: '',
      phase3Start: '2026-12-14',
      phase3Hours: '20',
      phase3Days: '3',
    });
    assert.equal(phaseRowCount(data), 4);
    const r = validatePlan(data, TODAY);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.phases.map((p) => p.start),
      ['2026-11-30', '2026-12-14'],
    );
  });

  it('checks the target return date against today and the first phase', () => {
    assert.match(
      (validatePlan(plan({ targetReturnDate: '2026-11-24' }), TODAY) as { errors: Record<string, string> }).errors
        .targetReturnDate,
      /past/,
    );
    assert.match(
      (validatePlan(plan({ targetReturnDate: '2026-11-27' }), TODAY) as { errors: Record<string, string> }).errors
        .targetReturnDate,
      /before the first phase/,
    );
  });

  it('finds the Monday of a week, across the clock change', () => {
    assert.equal(weekStart('2026-11-25'), '2026-11-23');
    assert.equal(weekStart('2026-11-23'), '2026-11-23');
    assert.equal(weekStart('2027-03-28'), '2027-03-22'); // a Sunday, the day the clocks go forward
  });

  it('lays the plan out week by week until the full return', () => {
    const p = {
      contractedHours: 37.5,
      targetReturnDate: '2027-01-04',
      phases: [
        { start: '2026-11-30', hoursPerWeek: 16, daysPerWeek: 4, duties: 'Office' },
        { start: '2026-12-14', hoursPerWeek: 24, daysPerWeek: 4 },
      ],
    };
    const weeks = planSchedule(p);
    assert.deepEqual(
      weeks.map((w) => [w.weekCommencing, w.phase, w.hoursPerWeek]),
      [
        ['2026-11-30', 1, 16],
        ['2026-12-07', 1, 16],
        ['2026-12-14', 2, 24],
        ['2026-12-21', 2, 24],
        ['2026-12-28', 2, 24],
        ['2027-01-04', null, 37.5],
      ],
    );
  });

  it('says where a plan stands today', () => {
    const p = {
      phases: [
        { start: '2026-11-30', hoursPerWeek: 16, daysPerWeek: 4 },
        { start: '2026-12-14', hoursPerWeek: 24, daysPerWeek: 4 },
      ],
      targetReturnDate: '2027-01-04',
    } as unknown as ReturnPlan;
    assert.equal(planStatus(undefined, TODAY), 'No plan yet');
    assert.match(planStatus(p, TODAY), /starts 30 Nov 2026/);
    assert.match(planStatus(p, '2026-12-15'), /Phase 2 of 2/);
    assert.match(planStatus(p, '2027-01-05'), /Full hours from 4 Jan 2027/);
  });
});

describe('plan phases within the target date (issue 14)', () => {
  it('refuses a phase starting on or after the target date, by its own field', () => {
    const r = validatePlan(plan({ phase2Start: '2027-01-04' }), TODAY);
    assert.ok(!r.ok);
    const errors = (r as { errors: Record<string, string> }).errors;
    assert.match(errors.phase2Start, /on or after the target date of full hours \(4 Jan 2027\)/);
    assert.equal(errors.phase1Start, undefined);
    const after = validatePlan(plan({ phase2Start: '2027-01-11' }), TODAY) as { errors: Record<string, string> };
    assert.match(after.errors.phase2Start, /target date/);
    // The day before the target is the last day a phase may start.
    assert.ok(validatePlan(plan({ phase2Start: '2026-12-14', targetReturnDate: '2026-12-15' }), TODAY).ok);
  });

  it('every period of an accepted plan starts on or before it ends, all before the target date', () => {
    const r = validatePlan(plan(), TODAY);
    assert.ok(r.ok);
    const periods = phasePeriods(r.value);
    assert.deepEqual(periods, [
      { phase: 1, start: '2026-11-30', end: '2026-12-13' },
      { phase: 2, start: '2026-12-14', end: '2027-01-03' },
    ]);
    for (const p of periods) assert.ok(p.start <= p.end && p.end < r.value.targetReturnDate);
  });

  it('a stored plan saved before the rule, with a phase after the target, never gives a backwards period', () => {
    const periods = phasePeriods({
      targetReturnDate: '2026-12-01',
      phases: [
        { start: '2026-11-30', hoursPerWeek: 16, daysPerWeek: 4 },
        { start: '2026-12-14', hoursPerWeek: 24, daysPerWeek: 4 },
      ],
    });
    for (const p of periods) assert.ok(p.start <= p.end, JSON.stringify(p));
  });
});
