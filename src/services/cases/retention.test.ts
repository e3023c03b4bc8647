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

  it('counts from the last follow-up, not the discharge, for a case followed up or still being followed', async () => {
    // Today 2026-11-25, 8 years: the cutoff is 2018-11-25. "Still being followed" means discharged with
    // consent to follow-up and a follow-up still owed (followUpStanding: not all done, not lost to
    // follow-up); such a case counts from the date of the last follow-up it is owed (its 12-month one).
    const by = { aadObjectId: ot.aadObjectId, name: ot.name };
    const followed = (date: string, followUps: [string, string, string][], consent = true): Partial<CaseRecord> => {
      const d = dischargedOn(date);
      return {
        ...d,
        discharge: { ...d.discharge!, followUpConsent: consent },
        followUps: followUps.map(([due, on, workStatus], i) => ({
          id: `fu-${i}`,
          due: due as '3m',
          date: on,
          workStatus: workStatus as 'working_full',
          recordedAt: `${on}T10:00:00.000Z`,
          recordedBy: by,
        })),
      };
    };
    // Discharged 2017-11-01; the 12-month follow-up made late, on 2018-11-30 (after the cutoff): kept.
    const lateLast = await seedCase(
      w.deps,
      followed('2017-11-01', [
        ['3m', '2018-02-01', 'working_full'],
        ['6m', '2018-05-01', 'working_full'],
        ['12m', '2018-11-30', 'working_full'],
      ]),
    );
    // Discharged 2017-06-01, last follow-up 2018-06-01: more than 8 years ago, purged.
    const doneLongAgo = await seedCase(
      w.deps,
      followed('2017-06-01', [
        ['3m', '2017-09-01', 'working_full'],
        ['6m', '2017-12-01', 'working_full'],
        ['12m', '2018-06-01', 'working_full'],
      ]),
    );
    // Discharged 2018-01-10, only the 3-month follow-up made: still being followed, owed its 12-month
    // follow-up of 2019-01-10 (after the cutoff): kept. Counted from the discharge it would have gone.
    const stillFollowed = await seedCase(w.deps, followed('2018-01-10', [['3m', '2018-04-10', 'working_full']]));
    // The same discharge without consent: from the discharge, purged.
    const noConsent = await seedCase(w.deps, followed('2018-01-10', [], false));
    // Lost to follow-up (three not reached in a row, the last on 2018-04-12): no longer followed, purged.
    const lost = await seedCase(
      w.deps,
      followed('2018-01-10', [
        ['3m', '2018-04-05', 'not_reached'],
        ['3m', '2018-04-08', 'not_reached'],
        ['3m', '2018-04-12', 'not_reached'],
      ]),
    );

    const report = await purgeExpiredCases(w.deps, 8);
    assert.equal(report.purged, 3);
    const left = async (c: { serviceId: string; id: string }) =>
      Boolean(await w.deps.store.cases.get(c.serviceId, c.id));
    assert.deepEqual(
      [
        await left(lateLast),
        await left(doneLongAgo),
        await left(stillFollowed),
        await left(noConsent),
        await left(lost),
      ],
      [true, false, true, false, false],
    );
    const purges = await allAudit(w, { action: 'case.purge' });
    assert.deepEqual(
      purges.map((e) => [e.caseId, e.detail?.retainedFrom]).sort(),
      [
        [doneLongAgo.id, '2018-06-01'],
        [noConsent.id, '2018-01-10'],
        [lost.id, '2018-04-12'],
      ].sort(),
    );
  });
});
