import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../domain/case';
import { allAudit, ot, OTHER_SERVICE, seedCase, world, type World } from '../../../test/support/useCases';
import { purgeExpiredCases, RETENTION_ACTOR } from './retention';

function dischargedOn(date: string): Partial<CaseRecord> {
  return {
    status: 'discharged',
    discharge: {
      outcome: 'returned_full',
      date,
      by: { aadObjectId: ot.aadObjectId, name: ot.name },
      recordedAt: `${date}T16:00:00.000Z`,
    },
  };
}

describe('purgeExpiredCases (retention)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('removes only cases discharged before the same date 8 years back, in every service, each audited', async () => {
    const old = await seedCase(w.deps, dischargedOn('2018-11-24'));
    const recent = await seedCase(w.deps, dischargedOn('2018-11-25'));
    const open = await seedCase(w.deps);
    const oldElsewhere = await seedCase(w.deps, dischargedOn('2012-01-01'), OTHER_SERVICE);

    const report = await purgeExpiredCases(w.deps, 8);
    assert.deepEqual(report, { cutoff: '2018-11-25', purged: 2, services: 2, strangerReferences: 0 });
    assert.equal(await w.deps.store.cases.get(old.serviceId, old.id), null);
    assert.equal(await w.deps.store.cases.get(oldElsewhere.serviceId, oldElsewhere.id), null);
    assert.ok(await w.deps.store.cases.get(recent.serviceId, recent.id));
    assert.ok(await w.deps.store.cases.get(open.serviceId, open.id));

    const purges = await allAudit(w, { action: 'case.purge' });
    assert.deepEqual(
      purges.map((e) => [e.serviceId, e.caseId, e.caseRef, e.actor]).sort(),
      [
        [old.serviceId, old.id, old.ref, RETENTION_ACTOR],
        [oldElsewhere.serviceId, oldElsewhere.id, oldElsewhere.ref, RETENTION_ACTOR],
      ].sort(),
    );
    assert.ok(purges.every((e) => e.detail?.reason === 'retention' && e.detail?.retentionYears === 8));
  });

  it('is harmless when run again, and purges the next case once the day moves on', async () => {
    const recent = await seedCase(w.deps, dischargedOn('2018-11-25'));
    assert.equal((await purgeExpiredCases(w.deps, 8)).purged, 0);
    assert.equal((await purgeExpiredCases(w.deps, 8)).purged, 0);
    assert.deepEqual(await allAudit(w, { action: 'case.purge' }), []);
    w.clock.set('2026-11-26T10:00:00Z');
    assert.equal((await purgeExpiredCases(w.deps, 8)).purged, 1);
    assert.equal(await w.deps.store.cases.get(recent.serviceId, recent.id), null);
  });
});
