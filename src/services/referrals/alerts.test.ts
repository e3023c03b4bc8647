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
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { alertNewReferral } from './alerts';

describe('alertNewReferral (new referral to OTs and leads)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    await addStaff(w.deps, lead, ot, ot2, nurse, nurse2, otherLead);
  });
  afterEach(() => w.close());

  it('sends every OT and lead of the service the card, and no nurse nor anyone of another service', async () => {
    const c = await seedCase(w.deps, referred());
    const counts = await alertNewReferral(w.deps, c);
    assert.deepEqual(counts, { sent: 3, no_reference: 0, gone: 0, failed: 0 });
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
    const c = await seedCase(w.deps, referred());
    await alertNewReferral(w.deps, c);
    const entries = await caseAudit(w.deps, c, 'referral.notify');
    assert.deepEqual(entries.map((e) => e.actor).sort(), [lead, ot, ot2].map((a) => a.aadObjectId).sort());
    assert.ok(entries.every((e) => e.outcome === 'ok' && e.caseRef === c.ref));
  });

  it('counts those it cannot reach and audits no disclosure to them', async () => {
    const c = await seedCase(w.deps, referred());
    const answers: Record<string, SendResult> = {
      [lead.aadObjectId]: 'no_reference',
      [ot.aadObjectId]: 'gone',
      [ot2.aadObjectId]: 'sent',
    };
    w.notifier.sendCard = async (to: Recipient, card: CardJson) => {
      w.notifier.sent.push({ to, card });
      return answers[to.aadObjectId]!;
    };
    assert.deepEqual(await alertNewReferral(w.deps, c), { sent: 1, no_reference: 1, gone: 1, failed: 0 });
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'referral.notify')).map((e) => e.actor),
      [ot2.aadObjectId],
    );
  });

  it('never throws when sending fails, and still reaches the others', async () => {
    const c = await seedCase(w.deps, referred());
    w.notifier.sendCard = async (to: Recipient, card: CardJson) => {
      if (to.aadObjectId === ot.aadObjectId) throw new Error('Teams said 500');
      w.notifier.sent.push({ to, card });
      return 'sent';
    };
    const counts = await alertNewReferral(w.deps, c);
    assert.deepEqual(counts, { sent: 2, no_reference: 0, gone: 0, failed: 1 });
    assert.equal(w.notifier.sent.length, 2);
  });

  it('never throws when every send fails, nor when the staff list cannot be read', async () => {
    const c = await seedCase(w.deps, referred());
    w.notifier.sendCard = () => Promise.reject(new Error('down'));
    assert.deepEqual(await alertNewReferral(w.deps, c), { sent: 0, no_reference: 0, gone: 0, failed: 3 });
    assert.deepEqual(await caseAudit(w.deps, c, 'referral.notify'), []);

    w.deps.store.staff.list = () => Promise.reject(new Error('store away'));
    assert.deepEqual(await alertNewReferral(w.deps, c), { sent: 0, no_reference: 0, gone: 0, failed: 0 });
    assert.deepEqual(await allAudit(w, { action: 'referral.notify' }), []);
  });
});
