import { strict as assert } from 'node:assert';
import type { Actor, ServiceDeps } from '../core/context';
import type { CardJson, Recipient, SendReceipt } from '../core/ports';
import type { CaseRecord } from '../../domain/case';
import {
  addStaff,
  allAudit,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  otherLead,
  seedCase,
  SERVICE,
  world,
  type World,
} from '../../../test/support/useCases';
import { userId } from '../../../test/support/activities';
import { deliveryId, runDigest, showDigest } from './digest';

const TODAY = '2026-11-25';
const lead2: Actor = { aadObjectId: userId(6), name: 'Lars Secondlead', role: 'lead', serviceId: SERVICE };

/** A lead the bot can reach: they installed it, so their conversation reference is kept. */
async function reachable(deps: ServiceDeps, ...actors: Actor[]): Promise<void> {
  for (const a of actors)
    await deps.store.conversations.save({
      id: a.aadObjectId,
      serviceId: a.serviceId,
      reference: { conversation: { id: `a:${a.aadObjectId}` } },
      updatedAt: '2026-11-01T09:00:00Z',
    });
}

/** Seeded cases have had no contact since 2026-11-03: each one is a "no contact for 14 days" row. */
async function caseNeedingContact(deps: ServiceDeps, serviceId = SERVICE): Promise<CaseRecord> {
  return seedCase(deps, {}, serviceId);
}

const text = (card: CardJson) => JSON.stringify(card);

describe('runDigest (the scheduled daily digest)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('sends each reachable lead their own service’s digest once a day; a second run sends nothing', async () => {
    await addStaff(w.deps, lead, lead2, ot, nurse, otherLead);
    await reachable(w.deps, lead, lead2, otherLead);
    const mine = await caseNeedingContact(w.deps);
    const theirs = await caseNeedingContact(w.deps, OTHER_SERVICE);

    const first = await runDigest(w.deps, { date: TODAY, holder: 'instance-a' });
    assert.deepEqual(first, { date: TODAY, leads: 3, sent: 3, skipped: 0, failed: 0 });
    assert.deepEqual(
      w.notifier.sent.map((s) => s.to.aadObjectId).sort(),
      [lead, lead2, otherLead].map((a) => a.aadObjectId).sort(),
      'leads only: no OT, no nurse',
    );
    const cardOf = (a: Actor) => text(w.notifier.sent.find((s) => s.to.aadObjectId === a.aadObjectId)!.card);
    assert.ok(cardOf(lead).includes(mine.ref) && !cardOf(lead).includes(theirs.ref));
    assert.ok(cardOf(otherLead).includes(theirs.ref) && !cardOf(otherLead).includes(mine.ref));

    const second = await runDigest(w.deps, { date: TODAY, holder: 'instance-a' });
    assert.deepEqual(second, { date: TODAY, leads: 3, sent: 0, skipped: 3, failed: 0 });
    assert.equal(w.notifier.sent.length, 3);
    const delivery = await w.deps.store.jobs.getDelivery(SERVICE, deliveryId(TODAY, lead.aadObjectId));
    assert.equal(delivery?.state, 'sent');
  });

  it('sends once per lead when two instances run at the same moment', async () => {
    await addStaff(w.deps, lead, lead2, otherLead);
    await reachable(w.deps, lead, lead2, otherLead);
    await caseNeedingContact(w.deps);
    const [a, b] = await Promise.all([
      runDigest(w.deps, { date: TODAY, holder: 'instance-a' }),
      runDigest(w.deps, { date: TODAY, holder: 'instance-b' }),
    ]);
    assert.equal(a.sent + b.sent, 3);
    assert.equal(a.skipped + b.skipped, 3);
    assert.deepEqual(
      w.notifier.sent.map((s) => s.to.aadObjectId).sort(),
      [lead, lead2, otherLead].map((x) => x.aadObjectId).sort(),
    );
  });

  it('sends again the next day', async () => {
    await addStaff(w.deps, lead);
    await reachable(w.deps, lead);
    assert.equal((await runDigest(w.deps, { date: TODAY, holder: 'i' })).sent, 1);
    assert.equal((await runDigest(w.deps, { date: '2026-11-26', holder: 'i' })).sent, 1);
    assert.equal(w.notifier.sent.length, 2);
  });

  it('skips a lead it cannot reach and names them to the other leads', async () => {
    await addStaff(w.deps, lead, lead2);
    await reachable(w.deps, lead);
    const summary = await runDigest(w.deps, { date: TODAY, holder: 'i' });
    assert.deepEqual([summary.sent, summary.skipped], [1, 1]);
    assert.deepEqual(
      w.notifier.sent.map((s) => s.to.aadObjectId),
      [lead.aadObjectId],
    );
    assert.ok(text(w.notifier.sent[0]!.card).includes(lead2.name));
  });

  it('gives a failed send back, so that a later run that day sends it', async () => {
    await addStaff(w.deps, lead);
    await reachable(w.deps, lead);
    w.notifier.result = 'failed';
    assert.deepEqual(await runDigest(w.deps, { date: TODAY, holder: 'i' }), {
      date: TODAY,
      leads: 1,
      sent: 0,
      skipped: 0,
      failed: 1,
    });
    assert.equal(await w.deps.store.jobs.getDelivery(SERVICE, deliveryId(TODAY, lead.aadObjectId)), null);
    w.notifier.result = 'sent';
    assert.equal((await runDigest(w.deps, { date: TODAY, holder: 'i' })).sent, 1);
  });

  it('does not try again that day for a lead who removed the bot', async () => {
    await addStaff(w.deps, lead);
    await reachable(w.deps, lead);
    w.notifier.result = 'gone';
    assert.equal((await runDigest(w.deps, { date: TODAY, holder: 'i' })).skipped, 1);
    const delivery = await w.deps.store.jobs.getDelivery(SERVICE, deliveryId(TODAY, lead.aadObjectId));
    assert.deepEqual([delivery?.state, delivery?.reason], ['skipped', 'gone']);
    w.notifier.result = 'sent';
    assert.equal((await runDigest(w.deps, { date: TODAY, holder: 'i' })).sent, 0);
    assert.equal(w.notifier.sent.length, 1);
  });

  it('carries on with the other leads when one send throws', async () => {
    await addStaff(w.deps, lead, lead2);
    await reachable(w.deps, lead, lead2);
    const sent: Recipient[] = [];
    w.notifier.sendCard = async (to: Recipient): Promise<SendReceipt> => {
      if (to.aadObjectId === lead.aadObjectId) throw new Error('Teams said 500');
      sent.push(to);
      return { result: 'sent' };
    };
    const summary = await runDigest(w.deps, { date: TODAY, holder: 'i' });
    assert.deepEqual([summary.sent, summary.failed], [1, 1]);
    assert.deepEqual(
      sent.map((r) => r.aadObjectId),
      [lead2.aadObjectId],
    );
    assert.equal(await w.deps.store.jobs.getDelivery(SERVICE, deliveryId(TODAY, lead.aadObjectId)), null);
  });

  it('audits each case shown to the lead before sending', async () => {
    await addStaff(w.deps, lead);
    await reachable(w.deps, lead);
    const c = await caseNeedingContact(w.deps);
    await runDigest(w.deps, { date: TODAY, holder: 'i' });
    const entries = await allAudit(w, { action: 'digest.send', actor: lead.aadObjectId });
    assert.deepEqual(
      entries.filter((e) => e.caseId).map((e) => e.caseId),
      [c.id],
    );
    assert.equal(entries.filter((e) => !e.caseId).length, 1, 'and one entry for the page itself');
  });

  it('stops when told to before a lead, sending nothing more', async () => {
    await addStaff(w.deps, lead, lead2);
    await reachable(w.deps, lead, lead2);
    const summary = await runDigest(w.deps, { date: TODAY, holder: 'i', beforeLead: async () => false });
    assert.equal(summary.stopped, true);
    assert.equal(summary.sent, 0);
    assert.deepEqual(w.notifier.sent, []);
  });
});

describe('showDigest (digest command)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it("shows a lead today's digest of their service, audits each case shown, and marks nothing as sent", async () => {
    await addStaff(w.deps, lead);
    await reachable(w.deps, lead);
    const c = await caseNeedingContact(w.deps);
    const theirs = await caseNeedingContact(w.deps, OTHER_SERVICE);
    const page = okValue(await showDigest(w.deps, lead));
    assert.deepEqual(
      page.rows.map((r) => r.caseId),
      [c.id],
    );
    assert.ok(text(page.card).includes(c.ref) && !text(page.card).includes(theirs.ref));
    const views = await allAudit(w, { action: 'digest.view', actor: lead.aadObjectId });
    assert.deepEqual(
      views.filter((e) => e.caseId).map((e) => e.caseId),
      [c.id],
    );
    assert.deepEqual(w.notifier.sent, [], 'a preview is answered, not sent');
    assert.equal((await runDigest(w.deps, { date: TODAY, holder: 'i' })).sent, 1, 'the scheduled digest still goes');
  });

  it('refuses an OT and a nurse, and audits each refusal', async () => {
    for (const who of [ot, nurse]) {
      assert.match(expectKind(await showDigest(w.deps, who), 'forbidden').message, /service lead/);
    }
    const refusals = await allAudit(w, { action: 'digest.view' });
    assert.deepEqual(refusals.map((e) => [e.outcome, e.actor]).sort(), [
      ['refused', nurse.aadObjectId],
      ['refused', ot.aadObjectId],
    ]);
  });
});
