import { strict as assert } from 'node:assert';
import type { Actor, ServiceDeps } from '../core/context';
import type { CardJson } from '../core/ports';
import type { Session } from '../../domain/case';
import {
  addStaff,
  allAudit,
  dischargedForFollowUp,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  ot2,
  referred,
  seedCase,
  SERVICE,
  world,
  type World,
} from '../../../test/support/useCases';
import { userId } from '../../../test/support/activities';
import { saveStaff, setMyDay } from '../staff/staff';
import { dailyDeliveryId } from './dailyRun';
import { runDigest } from './digest';
import { runMyDay, showMyDay } from './myDay';

const TODAY = '2026-11-25'; // the deps' clock: 2026-11-25T10:00Z
const otherOt: Actor = { aadObjectId: userId(77), name: 'Orla Elsewhere', role: 'ot', serviceId: OTHER_SERVICE };

async function reachable(deps: ServiceDeps, ...actors: Actor[]): Promise<void> {
  for (const a of actors)
    await deps.store.conversations.save({
      id: a.aadObjectId,
      serviceId: a.serviceId,
      reference: { conversation: { id: `a:${a.aadObjectId}` } },
      updatedAt: '2026-11-01T09:00:00Z',
    });
}

function contactDue(on: string): Session[] {
  return [
    {
      id: 's1',
      date: '2026-11-18',
      mode: 'telephone',
      durationMinutes: 30,
      topics: [],
      notes: 'x',
      nextContactDate: on,
      recordedAt: '2026-11-18T10:00:00Z',
      recordedBy: { aadObjectId: ot.aadObjectId, name: ot.name },
    },
  ];
}

const text = (card: CardJson) => JSON.stringify(card);
const to = (w: World, a: Actor) => w.notifier.sent.filter((s) => s.to.aadObjectId === a.aadObjectId);

describe('my day (the OT’s list: runMyDay, showMyDay, today off/on)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('sends each OT with something due their own list once a day; a second run sends nothing; audited as their reads', async () => {
    await addStaff(w.deps, lead, ot, ot2, nurse, otherOt);
    await reachable(w.deps, lead, ot, ot2, nurse, otherOt);
    const due = await seedCase(w.deps, { sessions: contactDue('2026-11-24') });
    const notDue = await seedCase(w.deps, { sessions: contactDue('2026-11-30') });
    const followUp = await seedCase(w.deps, dischargedForFollowUp());
    const waiting = await seedCase(w.deps, referred());
    // ot2 holds one case with nothing due today (the waiting referral is still theirs to see); otherOt holds none.
    await seedCase(w.deps, {
      assignedOt: { aadObjectId: ot2.aadObjectId, name: ot2.name },
      sessions: contactDue('2026-11-30'),
    });

    const first = await runMyDay(w.deps, { date: TODAY, holder: 'a' });
    assert.deepEqual(first, { date: TODAY, recipients: 3, sent: 2, skipped: 1, failed: 0 });
    assert.deepEqual(
      w.notifier.sent.map((s) => s.to.aadObjectId).sort(),
      [ot.aadObjectId, ot2.aadObjectId].sort(),
      'only OTs with cases of their own and something on the list; no lead, no nurse, not the other service’s OT',
    );
    const card = text(to(w, ot)[0].card);
    const card2 = text(to(w, ot2)[0].card);
    assert.ok(
      card2.includes(waiting.ref) && !card2.includes(due.ref) && !card2.includes(followUp.ref),
      'own cases only',
    );
    for (const c of [due, followUp, waiting]) assert.ok(card.includes(c.ref), `${c.ref} listed`);
    assert.ok(!card.includes(notDue.ref), 'a contact due next week is not listed');
    assert.match(card, /Contacts due or overdue \(1\)/);
    assert.match(card, /today off/);

    // Every case shown was audited as read by that OT, before the send.
    const reads = await allAudit(w, { action: 'myday.send' });
    assert.deepEqual(
      reads
        .filter((e) => e.caseId)
        .map((e) => [e.actor, e.caseRef])
        .sort(),
      [...[due, followUp, waiting].map((c) => [ot.aadObjectId, c.ref]), [ot2.aadObjectId, waiting.ref]].sort(),
    );

    const second = await runMyDay(w.deps, { date: TODAY, holder: 'b' });
    assert.deepEqual(second, { date: TODAY, recipients: 3, sent: 0, skipped: 3, failed: 0 });
    assert.equal(w.notifier.sent.length, 2);
    const empty = await w.deps.store.jobs.getDelivery(
      OTHER_SERVICE,
      dailyDeliveryId('myday', TODAY, otherOt.aadObjectId),
    );
    assert.deepEqual([empty?.state, empty?.reason], ['skipped', 'empty'], 'an empty list is not sent');
    // The leads' digest has claims of its own: the OT's list did not take them.
    assert.equal((await runDigest(w.deps, { date: TODAY, holder: 'a' })).sent, 1);
  });

  it('an OT with no cases of their own gets nothing, even with referrals waiting; `today` still shows them', async () => {
    await addStaff(w.deps, ot);
    await reachable(w.deps, ot);
    const waiting = await seedCase(w.deps, referred());
    assert.equal((await runMyDay(w.deps, { date: TODAY, holder: 'a' })).sent, 0);
    const page = okValue(await showMyDay(w.deps, ot));
    assert.ok(text(page.card).includes(waiting.ref));
  });

  it('`today` shows the list now without marking it sent; a nurse is refused', async () => {
    await addStaff(w.deps, ot, nurse);
    await reachable(w.deps, ot);
    const due = await seedCase(w.deps, { sessions: contactDue(TODAY) });
    const page = okValue(await showMyDay(w.deps, ot));
    assert.match(text(page.card), /My day \(now\)/);
    assert.match(text(page.card), /not marked as sent/);
    assert.ok(text(page.card).includes(due.ref));
    assert.deepEqual(w.notifier.sent, [], 'answered, not sent');
    assert.equal((await allAudit(w, { action: 'myday.view', caseId: due.id })).length, 1);
    assert.equal((await runMyDay(w.deps, { date: TODAY, holder: 'a' })).sent, 1, 'the preview did not count');
    expectKind(await showMyDay(w.deps, nurse), 'forbidden');
  });

  it('today off stops the morning list and today on brings it back; a lead’s later save of the person keeps it', async () => {
    await addStaff(w.deps, lead, ot);
    await reachable(w.deps, ot);
    await seedCase(w.deps, { sessions: contactDue(TODAY) });
    okValue(await setMyDay(w.deps, ot, false));
    // The lead renames the OT: the card does not carry the setting, the record keeps it.
    okValue(await saveStaff(w.deps, lead, { aadObjectId: ot.aadObjectId, name: 'Otto Renamed', role: 'ot' }));
    const member = await w.deps.store.staff.findByAadObjectId(ot.aadObjectId);
    assert.deepEqual([member?.name, member?.myDayOff], ['Otto Renamed', true]);
    assert.deepEqual(await runMyDay(w.deps, { date: TODAY, holder: 'a' }), {
      date: TODAY,
      recipients: 0,
      sent: 0,
      skipped: 0,
      failed: 0,
    });
    assert.equal(to(w, ot).length, 0);
    okValue(await setMyDay(w.deps, ot, true));
    assert.equal((await runMyDay(w.deps, { date: TODAY, holder: 'a' })).sent, 1);
    assert.equal(to(w, ot).length, 1);
    expectKind(await setMyDay(w.deps, nurse, false), 'forbidden');
  });

  it('a 403 drops the OT for the day (skipped, gone); a failed send gives the claim back for a later run', async () => {
    await addStaff(w.deps, ot);
    await reachable(w.deps, ot);
    await seedCase(w.deps, { sessions: contactDue(TODAY) });
    w.notifier.result = 'failed';
    assert.deepEqual((await runMyDay(w.deps, { date: TODAY, holder: 'a' })).failed, 1);
    w.notifier.result = 'gone';
    assert.deepEqual((await runMyDay(w.deps, { date: TODAY, holder: 'a' })).skipped, 1);
    const record = await w.deps.store.jobs.getDelivery(SERVICE, dailyDeliveryId('myday', TODAY, ot.aadObjectId));
    assert.deepEqual([record?.state, record?.reason], ['skipped', 'gone']);
    w.notifier.result = 'sent';
    assert.equal((await runMyDay(w.deps, { date: TODAY, holder: 'a' })).sent, 0, 'not again that day');
  });
});
