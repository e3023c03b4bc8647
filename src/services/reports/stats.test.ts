import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../domain/case';
import {
  allAudit,
  declined,
  discharged,
  dischargedForFollowUp,
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

  it('reads the follow-ups stored on the cases into the outcome figures, of its own service only', async () => {
    // Discharged back at work on 2025-11-20 with consent: the 6-month follow-up on 2026-05-20 working
    // reduced hours, the 12-month on 2026-11-20 working full (score 8). This year (2026): at 6 months 1 of
    // 1 still working (reduced), at 12 months 1 of 1 (full); the 6m and 12m fell due this year and are
    // done, the 3m (2026-02-20, opened 02-13) is overdue. The same case in another service counts nowhere.
    const by = { aadObjectId: ot.aadObjectId, name: ot.name };
    const followed = {
      ...dischargedForFollowUp('2025-11-20'),
      followUps: [
        {
          id: 'f6',
          due: '6m',
          date: '2026-05-20',
          workStatus: 'working_reduced',
          recordedAt: '2026-05-20T10:00:00Z',
          recordedBy: by,
        },
        {
          id: 'f12',
          due: '12m',
          date: '2026-11-20',
          workStatus: 'working_full',
          workAbility: 8,
          recordedAt: '2026-11-20T10:00:00Z',
          recordedBy: by,
        },
      ],
    } as Partial<CaseRecord>;
    await seedCase(w.deps, followed);
    await seedCase(w.deps, followed, OTHER_SERVICE);
    const o = okValue(await showStats(w.deps, lead, 'year')).outcomes;
    assert.deepEqual(
      [o.sustained.sixMonths.followedUp, o.sustained.sixMonths.workingReduced, o.sustained.sixMonths.stillWorking],
      [1, 1, 1],
    );
    assert.deepEqual([o.sustained.twelveMonths.followedUp, o.sustained.twelveMonths.workingFull], [1, 1]);
    assert.deepEqual(o.followUps, { owed: 3, done: 2, due: 0, overdue: 1, lost: 0, attemptedNotReached: 0 });
    assert.deepEqual(o.workAbility.twelveMonths, { scored: 1, median: 8 });
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
