import { strict as assert } from 'node:assert';
import {
  allAudit,
  declined,
  discharged,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  referred,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { showStats, STATS_REFUSAL } from './stats';

describe('showStats (stats)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it("counts the lead's own service only, and audits the read as one service-level entry", async () => {
    // All referred on 2026-11-02: one active, one waiting, one declined, one returned to work on 2026-11-20.
    await seedCase(w.deps);
    await seedCase(w.deps, referred());
    await seedCase(w.deps, declined());
    await seedCase(w.deps, discharged());
    await seedCase(w.deps, {}, OTHER_SERVICE);
    const stats = okValue(await showStats(w.deps, lead, 'month'));
    assert.equal(stats.from, '2026-11-01');
    assert.equal(stats.to, '2026-11-25');
    assert.deepEqual(stats.referrals, { received: 4, accepted: 2, declined: 1, awaiting: 1 });
    const [entry, ...more] = await allAudit(w, { action: 'service.stats' });
    assert.equal(more.length, 0);
    assert.deepEqual([entry!.outcome, entry!.caseId, entry!.detail], ['ok', undefined, { period: 'month', cases: 4 }]);
  });

  it('counts nothing of last month in this month', async () => {
    const thisMonth = await seedCase(w.deps);
    await seedCase(w.deps, { referral: { ...thisMonth.referral, referredOn: '2026-10-30' } });
    assert.equal(okValue(await showStats(w.deps, lead, 'month')).referrals.received, 1);
    assert.equal(okValue(await showStats(w.deps, lead, 'year')).referrals.received, 2);
  });

  it('refuses an OT and a nurse, auditing each refusal with the role', async () => {
    await seedCase(w.deps);
    for (const who of [ot, nurse])
      assert.equal(expectKind(await showStats(w.deps, who, 'all'), 'forbidden').message, STATS_REFUSAL);
    const refusals = await allAudit(w, { action: 'service.stats' });
    assert.deepEqual(refusals.map((e) => [e.outcome, e.detail?.role]).sort(), [
      ['refused', 'nurse'],
      ['refused', 'ot'],
    ]);
  });
});
