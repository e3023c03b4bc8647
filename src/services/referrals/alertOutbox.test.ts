import assert from 'node:assert/strict';
import { FixedClock } from '../../domain/clock';
import { depsFor, embeddedDeps, TEST_NOW } from '../../../test/support/deps';
import { validReferral } from '../../../test/support/people';
import { BackgroundTasks } from '../core/background';
import type { Actor, ServiceDeps } from '../core/context';
import type { CardJson, Notifier, Recipient, SendReceipt, SendResult } from '../core/ports';
import { alertBackoffMs, alertId, ALERT_LEASE_MS, deliverDueAlerts, deliverOwedAlert } from './alerts';
import { submitReferral } from './referral';

const SERVICE = 'outbox-svc';
const id = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;
const NURSE: Actor = { aadObjectId: id(1), name: 'Nan Nurse', role: 'nurse', serviceId: SERVICE };
const OT_ID = id(2);
const LEAD_ID = id(3);

/** Records every card sent; answers per recipient what `answer` says (default sent). */
class ScriptedNotifier implements Notifier {
  readonly sent: Recipient[] = [];
  answer: (to: Recipient) => SendResult = () => 'sent';
  async sendCard(to: Recipient, _card: CardJson): Promise<SendReceipt> {
    const result = this.answer(to);
    if (result === 'sent') this.sent.push(to);
    return { result };
  }
  async updateCard(): Promise<SendResult> {
    return 'sent';
  }
  countFor(aad: string): number {
    return this.sent.filter((r) => r.aadObjectId === aad).length;
  }
}

/** Background work that never runs: the process "dies" right after answering. */
class DeadBackground extends BackgroundTasks {
  override run(): void {}
}

describe('new-referral alerts go through an outbox written with the case', () => {
  let deps: ServiceDeps;
  let clock: FixedClock;
  let notifier: ScriptedNotifier;

  beforeEach(async () => {
    clock = new FixedClock(TEST_NOW);
    notifier = new ScriptedNotifier();
    deps = await embeddedDeps({ clock, notifier, background: new DeadBackground() });
    for (const [aad, role] of [
      [OT_ID, 'ot'],
      [LEAD_ID, 'lead'],
      [NURSE.aadObjectId, 'nurse'],
    ] as const)
      await deps.store.staff.save({
        aadObjectId: aad,
        serviceId: SERVICE,
        name: role,
        role,
        addedBy: 't',
        updatedAt: '',
      });
  });
  afterEach(() => deps.store.dispose());

  async function refer(): Promise<string> {
    const made = await submitReferral(deps, NURSE, validReferral());
    assert.ok(made.kind === 'ok');
    return made.value.record.id;
  }

  it('owes the alert from the moment the case exists: a process dying after the answer still sends it once', async () => {
    const caseId = await refer();
    const owed = await deps.store.outbox.get(SERVICE, alertId(caseId));
    assert.ok(owed, 'written with the case');
    assert.equal(notifier.sent.length, 0, 'nothing was sent: the answering process died');
    // Another instance (or this one restarted) sweeps what is owed.
    const other = depsFor(deps.store, { clock, notifier });
    assert.deepEqual(await deliverDueAlerts(other, 'instance-b'), { done: 1, retry: 0, busy: 0, gone: 0 });
    assert.equal(notifier.countFor(OT_ID), 1);
    assert.equal(notifier.countFor(LEAD_ID), 1);
    assert.equal(notifier.countFor(NURSE.aadObjectId), 0, 'OTs and leads only');
    assert.equal(await deps.store.outbox.get(SERVICE, alertId(caseId)), null, 'done: nothing owed');
    assert.deepEqual(await deliverDueAlerts(other, 'instance-c'), { done: 0, retry: 0, busy: 0, gone: 0 });
    assert.equal(notifier.sent.length, 2, 'once per recipient');
    const trail = await deps.store.audit.listForCase(SERVICE, caseId, 20);
    assert.deepEqual(
      trail
        .filter((e) => e.action === 'referral.notify')
        .map((e) => e.actor)
        .sort(),
      [LEAD_ID, OT_ID].sort(),
      'each disclosure audited under the person shown it',
    );
  });

  it('sends each recipient one alert when two instances deliver the same item at the same instant', async () => {
    const caseId = await refer();
    const results = await Promise.all([
      deliverOwedAlert(deps, SERVICE, alertId(caseId), 'instance-a'),
      deliverOwedAlert(deps, SERVICE, alertId(caseId), 'instance-b'),
    ]);
    assert.deepEqual(results.sort(), ['busy', 'done']);
    assert.equal(notifier.countFor(OT_ID), 1);
    assert.equal(notifier.countFor(LEAD_ID), 1);
  });

  it('retries a failed recipient with back-off, never resending to one already reached', async () => {
    const caseId = await refer();
    notifier.answer = (to) => (to.aadObjectId === OT_ID ? 'failed' : 'sent');
    assert.equal(await deliverOwedAlert(deps, SERVICE, alertId(caseId), 'a'), 'retry');
    const owed = await deps.store.outbox.get(SERVICE, alertId(caseId));
    assert.equal(owed?.dueAt, new Date(TEST_NOW.getTime() + alertBackoffMs(1)).toISOString());
    assert.deepEqual(
      owed?.recipients?.map((r) => [r.aadObjectId, r.state]).sort(),
      [
        [OT_ID, 'pending'],
        [LEAD_ID, 'sent'],
      ].sort(),
    );
    // Not due yet: the sweep leaves it.
    assert.equal((await deliverDueAlerts(deps, 'b')).done, 0);
    notifier.answer = () => 'sent';
    clock.advance(alertBackoffMs(1));
    assert.equal((await deliverDueAlerts(deps, 'b')).done, 1);
    assert.equal(notifier.countFor(OT_ID), 1);
    assert.equal(notifier.countFor(LEAD_ID), 1, 'the lead reached the first time is not sent it again');
  });

  it('leaves an item being delivered by another instance alone until its lease runs out, then takes it over', async () => {
    const caseId = await refer();
    // An instance claims it and hangs mid-send (as good as dead): its recipients are recorded as being sent.
    const pending: (() => void)[] = [];
    let sending: () => void = () => undefined;
    const sendingStarted = new Promise<void>((resolve) => (sending = resolve));
    const stuck: Notifier = {
      sendCard: () =>
        new Promise<SendReceipt>((resolve) => {
          pending.push(() => resolve({ result: 'failed' }));
          sending();
        }),
      updateCard: async () => 'failed',
    };
    const dying = depsFor(deps.store, { clock, notifier: stuck });
    const inFlight = deliverOwedAlert(dying, SERVICE, alertId(caseId), 'dying');
    await sendingStarted;
    assert.equal((await deps.store.outbox.get(SERVICE, alertId(caseId)))?.holder, 'dying');
    assert.deepEqual(
      await deliverDueAlerts(deps, 'sweeper'),
      { done: 0, retry: 0, busy: 0, gone: 0 },
      'not due while leased',
    );
    clock.advance(ALERT_LEASE_MS);
    assert.equal((await deliverDueAlerts(deps, 'sweeper')).done, 1);
    assert.equal(notifier.countFor(OT_ID), 1);
    assert.equal(notifier.countFor(LEAD_ID), 1);
    // The dead instance's late answer changes nothing: its record is refused by the etag.
    for (const release of pending) release();
    await inFlight;
    assert.equal(await deps.store.outbox.get(SERVICE, alertId(caseId)), null);
  });

  it('drops an owed alert whose case is gone, sending nothing', async () => {
    const caseId = await refer();
    // Retention removes the case with what it owes; a half-removed one is still dropped, not sent.
    await deps.store.cases.delete(SERVICE, caseId);
    assert.equal(await deps.store.outbox.get(SERVICE, alertId(caseId)), null);
    assert.equal(notifier.sent.length, 0);
  });
});
