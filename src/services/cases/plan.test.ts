import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  contentOf,
  discharged,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  ot2,
  referred,
  reread,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { WORK_REFUSAL } from './access';
import { NEW_PLAN_ETAG, planFormAgain, savePlan } from './plan';
import { logSession } from './session';

/** A two-phase plan as the card sends it; "today" is Wednesday 2026-11-25. */
function planData(caseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId,
    etag: NEW_PLAN_ETAG,
    submissionId: `plan-${Math.random().toString(36).slice(2, 12)}`,
    targetReturnDate: '2027-01-11',
    contractedHours: '37.5',
    phase1Start: '2026-11-30',
    phase1Hours: '16',
    phase1Days: '3',
    phase1Duties: 'Office duties, no lifting',
    phase2Start: '2026-12-14',
    phase2Hours: '24',
    phase2Days: '4',
    adjustments: 'No lifting over 10 kg',
    employerContact: 'Jo Manager',
    employerConsent: 'true',
    ...overrides,
  };
}

describe('savePlan (plan.submit)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('saves a first plan with a new revision, and audits its shape (not its text)', async () => {
    const c = await seedCase(w.deps);
    const data = planData(c.id);
    const saved = okValue(await savePlan(w.deps, ot, data));
    assert.equal(saved.duplicate, false);

    const plan = (await reread(w.deps, c)).plan;
    assert.ok(plan);
    assert.ok(plan.revision && plan.revision !== NEW_PLAN_ETAG);
    assert.equal(plan.submissionId, data.submissionId);
    assert.equal(plan.targetReturnDate, '2027-01-11');
    assert.equal(plan.contractedHours, 37.5);
    assert.deepEqual(plan.phases, [
      { start: '2026-11-30', hoursPerWeek: 16, daysPerWeek: 3, duties: 'Office duties, no lifting' },
      { start: '2026-12-14', hoursPerWeek: 24, daysPerWeek: 4 },
    ]);
    assert.equal(plan.employerConsent, true);
    assert.deepEqual(plan.updatedBy, { aadObjectId: ot.aadObjectId, name: ot.name });
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'plan.submit')).map((e) => [e.outcome, e.detail]),
      [['ok', { phases: 2, employerConsent: true }]],
    );
  });

  it('refuses a save from a card drawn before the last save, and the first save stands', async () => {
    const c = await seedCase(w.deps);
    okValue(await savePlan(w.deps, ot, planData(c.id, { phase1Hours: '16' })));
    const first = (await reread(w.deps, c)).plan!;

    // A colleague's card was drawn from the blank plan too.
    const stale = expectKind(await savePlan(w.deps, ot2, planData(c.id, { phase1Hours: '30' })), 'conflict');
    assert.match(stale.message, /Otto Therapist saved a newer version of this plan \(25 Nov 2026 10:00\)/);
    assert.match(stale.message, /NOT saved/);
    assert.deepEqual((await reread(w.deps, c)).plan, first);
    const conflicts = (await caseAudit(w.deps, c, 'plan.submit')).filter((e) => e.outcome === 'conflict');
    assert.deepEqual(
      conflicts.map((e) => [e.actor, e.detail?.reason]),
      [[ot2.aadObjectId, 'stale_plan']],
    );
  });

  it('accepts a save from a card showing the current revision, and moves the revision on', async () => {
    const c = await seedCase(w.deps);
    okValue(await savePlan(w.deps, ot, planData(c.id)));
    const first = (await reread(w.deps, c)).plan!;
    okValue(await savePlan(w.deps, lead, planData(c.id, { etag: first.revision, phase1Hours: '20' })));
    const second = (await reread(w.deps, c)).plan!;
    assert.notEqual(second.revision, first.revision);
    assert.equal(second.phases[0]!.hoursPerWeek, 20);
    assert.equal(second.updatedBy.name, lead.name);
  });

  it('lets one of two saves from the same card win, whole, when they race', async () => {
    const c = await seedCase(w.deps);
    const mine = planData(c.id, { phase1Hours: '10', adjustments: 'Mine' });
    const theirs = planData(c.id, { phase1Hours: '12', adjustments: 'Theirs' });
    const answers = await Promise.all([savePlan(w.deps, ot, mine), savePlan(w.deps, ot2, theirs)]);
    assert.deepEqual(answers.map((a) => a.kind).sort(), ['conflict', 'ok']);
    const winner = answers[0]!.kind === 'ok' ? mine : theirs;
    const plan = (await reread(w.deps, c)).plan!;
    assert.equal(plan.submissionId, winner.submissionId);
    assert.equal(plan.adjustments, winner.adjustments);
    assert.equal(plan.phases[0]!.hoursPerWeek, Number(winner.phase1Hours));
  });

  it('is not blocked by a session logged since the card was drawn', async () => {
    const c = await seedCase(w.deps);
    const session = {
      caseId: c.id,
      submissionId: 'sess-between-1',
      date: '2026-11-24',
      mode: 'telephone',
      durationMinutes: '20',
      notes: 'Call.',
    };
    okValue(await logSession(w.deps, ot2, session));
    okValue(await savePlan(w.deps, ot, planData(c.id)));
    const stored = await reread(w.deps, c);
    assert.ok(stored.plan);
    assert.equal(stored.sessions?.length, 1);
  });

  it('answers the same submission sent twice as a duplicate and keeps its revision', async () => {
    const c = await seedCase(w.deps);
    const data = planData(c.id);
    okValue(await savePlan(w.deps, ot, data));
    const revision = (await reread(w.deps, c)).plan!.revision;
    const again = okValue(await savePlan(w.deps, ot, data));
    assert.equal(again.duplicate, true);
    assert.equal((await reread(w.deps, c)).plan!.revision, revision);
    assert.deepEqual((await caseAudit(w.deps, c, 'plan.submit')).map((e) => e.outcome).sort(), ['duplicate', 'ok']);
  });

  it('names overlapping phases and hours above the contract on their own rows, and writes nothing', async () => {
    const c = await seedCase(w.deps);
    const outcome = expectKind(
      await savePlan(w.deps, ot, planData(c.id, { phase2Start: '2026-12-03', phase2Hours: '40' })),
      'invalid',
    );
    assert.deepEqual(Object.keys(outcome.errors).sort(), ['phase2Hours', 'phase2Start']);
    assert.match(outcome.errors.phase2Start!, /overlaps phase 1/);
    assert.match(outcome.errors.phase2Hours!, /above the contracted 37.5 hours/);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    const [entry] = await caseAudit(w.deps, c, 'plan.submit');
    assert.deepEqual(entry?.detail, { fields: ['phase2Start', 'phase2Hours'] });
  });

  it('asks for at least one phase', async () => {
    const c = await seedCase(w.deps);
    const data = planData(c.id);
    for (const key of Object.keys(data)) if (key.startsWith('phase')) delete data[key];
    const outcome = expectKind(await savePlan(w.deps, ot, data), 'invalid');
    assert.deepEqual(Object.keys(outcome.errors), ['phase1Start']);
    assert.equal((await reread(w.deps, c)).plan, undefined);
  });

  it('refuses a nurse and audits it', async () => {
    const c = await seedCase(w.deps);
    assert.equal(expectKind(await savePlan(w.deps, nurse, planData(c.id)), 'forbidden').message, WORK_REFUSAL);
    assert.equal((await reread(w.deps, c)).plan, undefined);
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'plan.submit')).map((e) => e.outcome),
      ['refused'],
    );
  });

  it('refuses a discharged case and a referral not yet accepted', async () => {
    for (const state of [discharged(), referred()]) {
      const c = await seedCase(w.deps, state);
      expectKind(await savePlan(w.deps, ot, planData(c.id)), 'conflict');
      assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    }
  });

  it("answers not found for another service's case", async () => {
    const theirs = await seedCase(w.deps, {}, OTHER_SERVICE);
    expectKind(await savePlan(w.deps, ot, planData(theirs.id)), 'not_found');
    assert.equal((await reread(w.deps, theirs)).plan, undefined);
  });
});

describe('planFormAgain (plan.addPhase)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('answers the case without writing to it, and audits the form being shown', async () => {
    const c = await seedCase(w.deps);
    const record = okValue(await planFormAgain(w.deps, ot, planData(c.id)));
    assert.equal(record.id, c.id);
    assert.equal((await reread(w.deps, c))._etag, c._etag);
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'plan.addPhase')).map((e) => e.outcome),
      ['ok'],
    );
  });

  it('refuses a nurse, a discharged case and an unknown case', async () => {
    const c = await seedCase(w.deps);
    expectKind(await planFormAgain(w.deps, nurse, { caseId: c.id }), 'forbidden');
    const closed = await seedCase(w.deps, discharged());
    expectKind(await planFormAgain(w.deps, ot, { caseId: closed.id }), 'conflict');
    expectKind(await planFormAgain(w.deps, ot, { caseId: 'no-such-case-1' }), 'not_found');
    assert.equal((await allAudit(w, { action: 'plan.addPhase' })).length, 3);
  });
});
