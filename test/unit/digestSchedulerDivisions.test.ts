import { strict as assert } from 'node:assert';
import { FixedClock } from '../../src/domain/clock';
import { ENGLAND_AND_WALES } from '../../src/domain/workingDays';
import { DigestScheduler } from '../../src/scheduler/digestScheduler';
import type { ServiceDeps } from '../../src/services/core/context';
import { userId } from '../support/activities';
import { embeddedDeps, type RecordingNotifier } from '../support/deps';

/**
 * The digest clock with services in different divisions (issue 14): it runs on a weekday that is a
 * working day in any division in use, and each service's leads get it only on their own working days.
 */
describe('digest clock across bank-holiday divisions', () => {
  const SCOTS = { aadObjectId: userId(801), name: 'Scots Lead', role: 'lead' as const, serviceId: 'lothian' };
  const YORKS = { aadObjectId: userId(802), name: 'Yorks Lead', role: 'lead' as const, serviceId: 'mid-yorkshire' };

  async function setUp(divisions: ServiceDeps['digest']['divisions'], now: string) {
    const clock = new FixedClock(new Date(now));
    const deps = await embeddedDeps({ clock, digest: { windowDays: 7, holidays: ENGLAND_AND_WALES, divisions } });
    for (const l of [SCOTS, YORKS]) {
      await deps.store.staff.save({ ...l, addedBy: 'test', updatedAt: '2026-01-01T00:00:00Z' });
      await deps.store.conversations.save({
        id: l.aadObjectId,
        serviceId: l.serviceId,
        reference: { conversation: { id: `conv-${l.aadObjectId}` }, user: { id: l.aadObjectId } },
        updatedAt: '2026-01-01T00:00:00Z',
      });
    }
    const scheduler = new DigestScheduler({ deps, time: '08:00', timer: false, holder: 'test' });
    return { deps, scheduler, sent: () => (deps.notifier as RecordingNotifier).sent.map((s) => s.to.aadObjectId) };
  }

  it('Easter Monday 2026 (England’s holiday, a Scottish working day): only the Scottish lead gets a digest', async () => {
    const { scheduler, sent } = await setUp({ lothian: 'scotland' }, '2026-04-06T08:30:00Z'); // 09:30 BST
    const result = await scheduler.tick();
    assert.equal(result.status, 'ran');
    assert.deepEqual(sent(), [SCOTS.aadObjectId]);
  });

  it('Easter Monday with every service in England and Wales: not due at all', async () => {
    const { scheduler, sent } = await setUp({}, '2026-04-06T08:30:00Z');
    assert.equal((await scheduler.tick()).status, 'not_due');
    assert.deepEqual(sent(), []);
  });

  it('St Andrew’s Day 2027 (Tuesday 30 November): the English lead only', async () => {
    const { scheduler, sent } = await setUp({ lothian: 'scotland' }, '2027-11-30T08:30:00Z');
    assert.equal((await scheduler.tick()).status, 'ran');
    assert.deepEqual(sent(), [YORKS.aadObjectId]);
  });

  it('Christmas Day, a holiday in every division: not due', async () => {
    const { scheduler } = await setUp({ lothian: 'scotland' }, '2026-12-25T08:30:00Z');
    assert.equal((await scheduler.tick()).status, 'not_due');
  });
});
