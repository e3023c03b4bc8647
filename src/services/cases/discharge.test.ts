import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  contentOf,
  declined,
  discharged,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  referred,
  reread,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { WORK_REFUSAL } from './access';
import { dischargeCase } from './discharge';

function dischargeData(caseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId,
    outcome: 'returned_phased',
    date: '2026-11-24',
    notes: 'Back on reduced hours.',
    ...overrides,
  };
}

describe('dischargeCase (case.discharge)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('closes the case with its outcome and who discharged it, and audits the outcome', async () => {
    const c = await seedCase(w.deps);
    const saved = okValue(await dischargeCase(w.deps, ot, dischargeData(c.id)));
    assert.equal(saved.duplicate, false);
    const stored = await reread(w.deps, c);
    assert.equal(stored.status, 'discharged');
    assert.deepEqual(stored.discharge, {
      outcome: 'returned_phased',
      date: '2026-11-24',
      notes: 'Back on reduced hours.',
      followUpConsent: true,
      by: { aadObjectId: ot.aadObjectId, name: ot.name },
      recordedAt: w.clock.now().toISOString(),
    });
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.discharge')).map((e) => [e.outcome, e.detail]),
      [['ok', { outcome: 'returned_phased', followUpConsent: true }]],
    );
  });

  it('follows the patient up by default: consent kept, and the 3-month date kept for the digest', async () => {
    const c = await seedCase(w.deps);
    okValue(await dischargeCase(w.deps, ot, dischargeData(c.id, { workAbility: '6' })));
    const stored = await reread(w.deps, c);
    assert.equal(stored.discharge?.followUpConsent, true);
    assert.equal(stored.discharge?.workAbility, 6);
    assert.equal(stored.followUpDue, '2027-02-24');
  });

  it('keeps a refusal of follow-up: no follow-up date', async () => {
    const c = await seedCase(w.deps);
    okValue(await dischargeCase(w.deps, ot, dischargeData(c.id, { followUpConsent: 'false' })));
    const stored = await reread(w.deps, c);
    assert.equal(stored.discharge?.followUpConsent, false);
    assert.equal(stored.followUpDue, undefined);
    assert.equal(stored.discharge?.workAbility, undefined);
  });

  it('refuses a Work Ability Score outside 0 to 10, by its field, and writes nothing', async () => {
    const c = await seedCase(w.deps);
    const out = await dischargeCase(w.deps, ot, dischargeData(c.id, { workAbility: '11', followUpConsent: 'maybe' }));
    assert.equal(out.kind, 'invalid');
    assert.deepEqual(Object.keys(out.kind === 'invalid' ? out.errors : {}).sort(), ['followUpConsent', 'workAbility']);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
  });

  it('may close a referral nobody accepted (the patient could not be reached)', async () => {
    const c = await seedCase(w.deps, referred());
    okValue(await dischargeCase(w.deps, lead, dischargeData(c.id, { outcome: 'lost_contact' })));
    const stored = await reread(w.deps, c);
    assert.equal(stored.status, 'discharged');
    assert.equal(stored.discharge?.outcome, 'lost_contact');
  });

  it('refuses a declined referral', async () => {
    const c = await seedCase(w.deps, declined());
    expectKind(await dischargeCase(w.deps, ot, dischargeData(c.id)), 'conflict');
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.discharge')).map((e) => [e.outcome, e.detail?.status]),
      [['conflict', 'declined']],
    );
  });

  it('answers a second discharge with the one that stands', async () => {
    const c = await seedCase(w.deps, discharged());
    const again = okValue(await dischargeCase(w.deps, ot, dischargeData(c.id, { outcome: 'retired' })));
    assert.equal(again.duplicate, true);
    assert.equal(again.record.discharge?.outcome, 'returned_full');
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.discharge')).map((e) => e.outcome),
      ['duplicate'],
    );
  });

  it('of two discharges at once, writes one and answers the other with it', async () => {
    const c = await seedCase(w.deps);
    const answers = await Promise.all([
      dischargeCase(w.deps, ot, dischargeData(c.id, { outcome: 'returned_full' })),
      dischargeCase(w.deps, lead, dischargeData(c.id, { outcome: 'retired' })),
    ]);
    const values = answers.map(okValue);
    assert.deepEqual(values.map((v) => v.duplicate).sort(), [false, true]);
    const written = values[0]!.duplicate ? 'retired' : 'returned_full';
    const stored = await reread(w.deps, c);
    assert.equal(stored.discharge?.outcome, written);
    for (const v of values) assert.equal(v.record.discharge?.outcome, written, 'both are answered with what stands');
  });

  it('names a future date and an unknown outcome, and writes nothing', async () => {
    const c = await seedCase(w.deps);
    const outcome = expectKind(
      await dischargeCase(w.deps, ot, dischargeData(c.id, { date: '2026-11-26', outcome: 'moved_away' })),
      'invalid',
    );
    assert.deepEqual(Object.keys(outcome.errors).sort(), ['date', 'outcome']);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.discharge')).map((e) => e.outcome),
      ['invalid'],
    );
  });

  it('refuses a discharge dated before the referral', async () => {
    const c = await seedCase(w.deps);
    const outcome = expectKind(await dischargeCase(w.deps, ot, dischargeData(c.id, { date: '2026-11-01' })), 'invalid');
    assert.match(outcome.errors.date!, /before the referral/);
    assert.equal((await reread(w.deps, c)).status, 'active');
  });

  it('refuses a nurse and audits it', async () => {
    const c = await seedCase(w.deps);
    assert.equal(
      expectKind(await dischargeCase(w.deps, nurse, dischargeData(c.id)), 'forbidden').message,
      WORK_REFUSAL,
    );
    assert.equal((await reread(w.deps, c)).status, 'active');
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.discharge')).map((e) => [e.outcome, e.detail?.role]),
      [['refused', 'nurse']],
    );
  });

  it("answers not found for another service's case", async () => {
    const theirs = await seedCase(w.deps, {}, OTHER_SERVICE);
    expectKind(await dischargeCase(w.deps, ot, dischargeData(theirs.id)), 'not_found');
    assert.equal((await reread(w.deps, theirs)).status, 'active');
    assert.equal((await allAudit(w, { action: 'case.discharge', outcome: 'not_found' })).length, 1);
  });
});
