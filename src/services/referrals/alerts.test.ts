import { strict as assert } from 'node:assert';
import type { CardJson, Recipient, SendResult } from '../core/ports';
import {
  addStaff,
  allAudit,
  caseAudit,
  lead,
  nurse,
  nurse2,
  ot,
  ot2,
  otherLead,
  referred,
  world,
  type World,
} from '../../../test/support/useCases';
import { randomUUID } from 'node:crypto';
import type { CaseRecord } from '../../domain/case';
import type { Stored } from '../../store/types';
import { activeCaseRecord } from '../../../test/support/seedCases';
import { alertId, deliverOwedAlert, owedAlert } from './alerts';

let serial = 9000;

/** A referral opened as submitReferral opens it: the case and its owed alert in one batch. */
async function referWithAlert(w: World): Promise<Stored<CaseRecord>> {
  serial += 1;
  const record = activeCaseRecord('mid-yorkshire', `case-${randomUUID()}`, `RTW-${serial}`, referred());
  return w.deps.store.cases.open(record, { outbox: [owedAlert(record, w.deps.clock.now().toISOString())] });
}

/** Delivers the case's owed alert once, as an instance would (the one that answered, or the sweep). */
const deliver = (w: World, c: Stored<CaseRecord>) => deliverOwedAlert(w.deps, c.serviceId, alertId(c.id), 'test');

describe('deliverOwedAlert (the new-referral alert to OTs and leads)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    await addStaff(w.deps, lead, ot, ot2, nurse, nurse2, otherLead);
  });
  afterEach(() => w.close());

  it('sends every OT and lead of the service the card, and no nurse nor anyone of another service', async () => {
    const c = await referWithAlert(w);
    assert.equal(await deliver(w, c), 'done');
    assert.deepEqual(
      w.notifier.sent.map((s) => s.to.aadObjectId).sort(),
      [lead, ot, ot2].map((a) => a.aadObjectId).sort(),
    );
    for (const { to, card } of w.notifier.sent) {
      assert.equal(to.serviceId, c.serviceId);
      assert.equal(card.type, 'AdaptiveCard');
      assert.ok(JSON.stringify(card).includes(c.ref), 'the card names the case');
    }
  });

  it('audits the disclosure once per person reached, as that person', async () => {
    const c = await referWithAlert(w);
    await deliver(w, c);
    const entries = await caseAudit(w.deps, c, 'referral.notify');
    assert.deepEqual(entries.map((e) => e.actor).sort(), [lead, ot, ot2].map((a) => a.aadObjectId).sort());
    assert.ok(entries.every((e) => e.outcome === 'ok' && e.caseRef === c.ref));
  });

  it('counts those it cannot reach and audits no disclosure to them', async () => {
    const c = await referWithAlert(w);
    const answers: Record<string, SendResult> = {
      [lead.aadObjectId]: 'no_reference',
      [ot.aadObjectId]: 'gone',
      [ot2.aadObjectId]: 'sent',
    };
    w.notifier.sendCard = async (to: Recipient, card: CardJson) => {
      w.notifier.sent.push({ to, card });
      return { result: answers[to.aadObjectId]! };
    };
    // Nobody left to retry: those the bot cannot reach are skipped, not retried.
    assert.equal(await deliver(w, c), 'done');
    assert.equal(w.notifier.sent.length, 3);
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'referral.notify')).map((e) => e.actor),
      [ot2.aadObjectId],
    );
  });

  it('never throws when sending fails, and still reaches the others', async () => {
    const c = await referWithAlert(w);
    w.notifier.sendCard = async (to: Recipient, card: CardJson) => {
      if (to.aadObjectId === ot.aadObjectId) throw new Error('Teams said 500');
      w.notifier.sent.push({ to, card });
      return { result: 'sent' as const };
    };
    // The one that failed is owed again later (with back-off); the others were reached now.
    assert.equal(await deliver(w, c), 'retry');
    assert.equal(w.notifier.sent.length, 2);
    const owed = await w.deps.store.outbox.get(c.serviceId, alertId(c.id));
    assert.deepEqual(
      owed?.recipients?.filter((r) => r.state === 'pending').map((r) => r.aadObjectId),
      [ot.aadObjectId],
    );
  });

  it('never throws when every send fails: all stay owed, and no disclosure is audited', async () => {
    const c = await referWithAlert(w);
    w.notifier.sendCard = () => Promise.reject(new Error('down'));
    assert.equal(await deliver(w, c), 'retry');
    assert.deepEqual(await caseAudit(w.deps, c, 'referral.notify'), []);
    assert.deepEqual(await allAudit(w, { action: 'referral.notify' }), []);
  });
});
