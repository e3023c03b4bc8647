import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../domain/case';
import { FixedClock } from '../../domain/clock';
import { ENGLAND_AND_WALES, SCOTLAND } from '../../domain/workingDays';
import { cardText } from '../../../test/support/cards';
import { embeddedDeps, type RecordingNotifier } from '../../../test/support/deps';
import { activeCaseRecord } from '../../../test/support/seedCases';
import { userId } from '../../../test/support/activities';
import { serviceHolidays, type Actor, type ServiceDeps } from '../core/context';
import { runDigest, showDigest } from './digest';

/**
 * A service's own bank holidays (issue 14): a Scottish service counts a referral's waiting working
 * days without 2 January, and the scheduled digest skips it on its own holidays, not England's.
 */
const LOTHIAN = 'lothian';
const YORKS = 'mid-yorkshire';
const lead = (n: number, serviceId: string): Actor => ({
  aadObjectId: userId(700 + n),
  name: `Lead ${n}`,
  role: 'lead',
  serviceId,
});
const SCOTS_LEAD = lead(1, LOTHIAN);
const YORKS_LEAD = lead(2, YORKS);

function waitingReferral(serviceId: string, id: string, referredOn: string): CaseRecord {
  const base = activeCaseRecord(serviceId, id, `RTW-${id.slice(-4)}`);
  const { assignedOt: _ot, acceptedOn: _on, ...rest } = base;
  return { ...rest, status: 'referred', referral: { ...base.referral, eventDate: '2025-12-01', referredOn } };
}

describe('digest per bank-holiday division (use case)', () => {
  let deps: ServiceDeps;
  let clock: FixedClock;

  before(async () => {
    clock = new FixedClock(new Date('2026-01-05T10:00:00Z')); // Monday 5 January 2026
    deps = await embeddedDeps({
      clock,
      digest: { windowDays: 7, holidays: ENGLAND_AND_WALES, divisions: { [LOTHIAN]: 'scotland' } },
    });
    for (const l of [SCOTS_LEAD, YORKS_LEAD]) {
      await deps.store.staff.save({ ...l, addedBy: 'test', updatedAt: '2026-01-01T00:00:00Z' });
      await deps.store.conversations.save({
        id: l.aadObjectId,
        serviceId: l.serviceId,
        reference: { conversation: { id: `conv-${l.aadObjectId}` }, user: { id: l.aadObjectId } },
        updatedAt: '2026-01-01T00:00:00Z',
      });
    }
    // Referred on Wednesday 31 December 2025, still not accepted.
    await deps.store.cases.create(waitingReferral(LOTHIAN, 'div-case-0001', '2025-12-31'));
    await deps.store.cases.create(waitingReferral(YORKS, 'div-case-0002', '2025-12-31'));
  });

  it('each service reads its own division’s holidays; others default to England and Wales', () => {
    assert.equal(serviceHolidays(deps, LOTHIAN), SCOTLAND);
    assert.equal(serviceHolidays(deps, YORKS), ENGLAND_AND_WALES);
  });

  it('on Monday 5 January a referral of 31 December has waited 2 working days in England, 1 in Scotland (2 January)', async () => {
    const yorks = await showDigest(deps, YORKS_LEAD);
    const scots = await showDigest(deps, SCOTS_LEAD);
    assert.ok(yorks.kind === 'ok' && scots.kind === 'ok');
    assert.match(cardText(yorks.value.card), /Referrals not accepted after 2 working days \(1\)/);
    assert.match(cardText(yorks.value.card), /waiting 2 working days/);
    assert.doesNotMatch(cardText(scots.value.card), /Referrals not accepted/);
  });

  it('the scheduled run skips a service on its own bank holiday (Friday 2 January: Scotland only); an explicit run does not', async () => {
    clock.set('2026-01-02T09:00:00Z');
    const notifier = deps.notifier as RecordingNotifier;
    const before = notifier.sent.length;
    const scheduled = await runDigest(deps, { date: '2026-01-02', holder: 'test', workingDaysOnly: true });
    const sentTo = notifier.sent.slice(before).map((s) => s.to.aadObjectId);
    assert.deepEqual(sentTo, [YORKS_LEAD.aadObjectId]);
    assert.deepEqual([scheduled.sent, scheduled.skipped], [1, 1]);

    const explicit = await runDigest(deps, { date: '2026-01-02', holder: 'test' });
    assert.deepEqual(
      notifier.sent.slice(before + 1).map((s) => s.to.aadObjectId),
      [SCOTS_LEAD.aadObjectId],
      'POST /api/digest/run runs whatever the day; the English lead already had today’s',
    );
    assert.equal(explicit.sent, 1);
  });
});
