import { strict as assert } from 'node:assert';
import { conversationOf, invokeActivity, userId, type TestUser } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, NURSE, NURSE2, OT, OT2, OTHER_LEAD } from '../support/people';
import { allDocs, snapshot, storedDocs } from '../support/storeInspect';
import { referAndAcceptPatient, referPatient, startCaseworkBot } from '../support/casework';
import type { TestBot } from '../support/testBot';

/**
 * Cards that stay current (CONTRACT §3, issue 17): the hub and the new-referral alert carry Teams'
 * `refresh`; the automatic `case.refresh` invoke answers the card as that reader should see it now,
 * and is a read: one audit entry, nothing else written.
 */
describe('case.refresh: cards that stay current (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const OT3: TestUser = { aadObjectId: userId(6), name: 'Oscar Therapist' };

  before(async () => {
    bot = await startCaseworkBot();
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT3.aadObjectId, name: OT3.name, role: 'ot' });
    await bot.say(OT3, 'help');
  });
  after(() => bot.stop());

  /** The alert of `ref` as the connector delivered it to `user`. */
  function alertOf(user: TestUser, ref: string): any {
    const card = bot.connector.cards(conversationOf(user)).find((c) => cardText(c).includes(`New referral ${ref} `));
    assert.ok(card, `${user.name} was sent the alert of ${ref}`);
    return card;
  }

  /** What Teams sends when `user` opens `card`: its refresh action, `trigger: "automatic"`. */
  async function refresh(user: TestUser, card: any): Promise<any> {
    const action = card.refresh?.action;
    assert.equal(action?.type, 'Action.Execute');
    assert.equal(action?.verb, 'case.refresh');
    const activity = invokeActivity(user, action.verb, action.data, bot.connector.url);
    (activity.value as Record<string, unknown>).trigger = 'automatic';
    await bot.settle();
    const answer = await bot.post(activity);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.type, 'application/vnd.microsoft.card.adaptive');
    return answer.body.value;
  }

  const buttons = (card: any) => (cardText(card).match(/\[[^\]]+\]/g) ?? []).join(' ');

  it('sends the alert with a refresh for the staff it was sent to', async () => {
    const { caseId, ref } = await referPatient(bot);
    const alert = alertOf(OT2, ref);
    assert.deepEqual(alert.refresh.action.data, { caseId, view: 'alert' });
    assert.deepEqual(
      [...alert.refresh.userIds].sort(),
      [LEAD, OT, OT2, OT3].map((u) => u.aadObjectId).sort(),
      'the recipients: every OT and lead of the service, no nurse',
    );
  });

  it("shows everyone else's alert as accepted, with no Accept button, once an OT has accepted", async () => {
    const { caseId, ref } = await referPatient(bot);
    const before = await refresh(OT2, alertOf(OT2, ref));
    assert.match(cardText(before), new RegExp(`New referral ${ref} from Nora Nurse`));
    assert.match(buttons(before), /\[Accept\]/);
    assert.match(buttons(before), /\[Decline\]/);

    await bot.invoke(OT, 'referral.accept', { caseId });
    const other = await refresh(OT2, alertOf(OT2, ref));
    assert.match(cardText(other), new RegExp(`Accepted by Otto Therapist, ${ref}`));
    assert.doesNotMatch(buttons(other), /\[Accept\]|\[Decline\]/);
    assert.deepEqual(other.refresh.userIds, [OT2.aadObjectId], 'answered for this reader');
    assert.equal(other.refresh.action.data.view, 'alert', 'an alert refreshes as an alert');

    const lead = await refresh(LEAD, alertOf(LEAD, ref));
    assert.match(cardText(lead), new RegExp(`Accepted by Otto Therapist, ${ref}`));
    assert.doesNotMatch(buttons(lead), /\[Accept\]/);

    const mine = await refresh(OT, alertOf(OT, ref));
    assert.match(cardText(mine), new RegExp(`Accepted by you, ${ref}`));
    assert.match(buttons(mine), /\[Log a session\]/);
  });

  it('shows a declined referral as declined, with no Accept button', async () => {
    const { caseId, ref } = await referPatient(bot);
    await bot.invoke(LEAD, 'referral.decline', { caseId, reason: 'Not in our area' });
    const card = await refresh(OT2, alertOf(OT2, ref));
    assert.match(cardText(card), new RegExp(`Declined by Lena Lead, ${ref}`));
    assert.doesNotMatch(buttons(card), /\[Accept\]|\[Decline\]/);
  });

  it('refreshes the hub as a hub, for its reader; a discharged case offers no casework', async () => {
    const { caseId, ref } = await referAndAcceptPatient(bot);
    const [hub] = await bot.say(OT2, `case ${ref}`);
    assert.deepEqual(hub.refresh.userIds, [OT2.aadObjectId], "the reader's own id");
    assert.deepEqual(hub.refresh.action.data, { caseId, view: 'hub' });
    const open = await refresh(OT2, hub);
    assert.doesNotMatch(cardText(open), /New referral|Accepted by/, 'a hub, not an alert');
    assert.match(buttons(open), /\[Log a session\].*\[Discharge\]/);

    const discharged = await bot.invoke(OT, 'case.discharge', {
      caseId,
      submissionId: `d-${caseId}`,
      outcome: 'returned_full',
      date: '2026-11-25',
    });
    assert.match(cardText(discharged), /Returned/);
    const after = await refresh(OT2, hub);
    assert.match(cardText(after), /Discharged/);
    assert.doesNotMatch(buttons(after), /\[(Log a session|Fit note|Plan|Report|Discharge|Accept)\]/);
  });

  it('shows the referring nurse the status only, and another nurse nothing of the case', async () => {
    const { caseId, ref } = await referAndAcceptPatient(bot);
    const [mine] = await bot.say(NURSE, `case ${ref}`);
    assert.deepEqual(mine.refresh.userIds, [NURSE.aadObjectId]);
    const status = await refresh(NURSE, mine);
    assert.match(cardText(status), /Open with an OT/);
    assert.doesNotMatch(buttons(status), /\[(Log a session|Accept)\]/);
    const other = await refresh(NURSE2, { refresh: { action: mine.refresh.action } });
    assert.match(cardText(other), /not one of the cases you referred/);
    assert.doesNotMatch(cardText(other), /Alan Testpatient|999 \d{3}/);
    void caseId;
  });

  it('gives a person of another service, or no longer on staff, the refusal and nothing of the case', async () => {
    const { ref } = await referPatient(bot);
    const alert = alertOf(OT3, ref);
    const foreign = await refresh(OTHER_LEAD, alert);
    assert.match(cardText(foreign), /not found in your service/);
    assert.doesNotMatch(cardText(foreign), /Alan Testpatient|999 \d{3}|RTW-/);

    await bot.invoke(LEAD, 'staff.remove', { aadObjectId: OT3.aadObjectId, confirm: true });
    const before = await snapshot(bot.database);
    const conversations = JSON.stringify(await storedDocs(bot.database, 'conversations'));
    const gone = await refresh(OT3, alert);
    assert.match(cardText(gone), /not on the staff list/);
    assert.doesNotMatch(cardText(gone), /Alan Testpatient|999 \d{3}|RTW-/);
    assert.equal(await snapshot(bot.database), before, 'nothing written');
    assert.equal(JSON.stringify(await storedDocs(bot.database, 'conversations')), conversations);
  });

  describe('updates the sent alerts in place, for clients that do not refresh', () => {
    /** Each recipient's alert of `ref` and the id the connector gave its message. */
    function sentCopies(ref: string) {
      return [LEAD, OT, OT2].map((user) => {
        const card = alertOf(user, ref);
        const activityId = bot.connector.activityIdOf(card);
        assert.ok(activityId, `${user.name}'s alert has an id`);
        return { user, activityId };
      });
    }

    it('once accepted, every copy says who took it, with no Accept or Decline', async () => {
      const { caseId, ref } = await referPatient(bot);
      const copies = sentCopies(ref);
      assert.ok(await bot.app.store.outbox.alertMessages('mid-yorkshire', caseId), 'where the copies went is kept');
      await bot.invoke(OT2, 'referral.accept', { caseId });
      await bot.settle();
      for (const { user, activityId } of copies) {
        const updates = bot.connector.updates(conversationOf(user)).filter((u) => u.activityId === activityId);
        assert.equal(updates.length, 1, `${user.name}'s own message updated once`);
        const card = updates[0].body.attachments[0].content;
        assert.equal(updates[0].body.id, activityId);
        assert.match(cardText(card), new RegExp(`Accepted by Olive Therapist, ${ref}`));
        assert.doesNotMatch(buttons(card), /\[Accept\]|\[Decline\]/);
        assert.deepEqual(
          [...card.refresh.userIds].sort(),
          copies.map((c) => c.user.aadObjectId).sort(),
          'still refreshed for those it was sent to',
        );
      }
      assert.equal(await bot.app.store.outbox.alertMessages('mid-yorkshire', caseId), null, 'nothing left to update');
    });

    it('once declined, every copy says so', async () => {
      const { caseId, ref } = await referPatient(bot);
      const copies = sentCopies(ref);
      await bot.invoke(LEAD, 'referral.decline', { caseId, reason: 'Not in our area' });
      await bot.settle();
      for (const { user, activityId } of copies) {
        const [update] = bot.connector.updates(conversationOf(user)).filter((u) => u.activityId === activityId);
        assert.ok(update, `${user.name}'s message updated`);
        const card = update.body.attachments[0].content;
        assert.match(cardText(card), new RegExp(`Declined by Lena Lead, ${ref}`));
        assert.doesNotMatch(buttons(card), /\[Accept\]|\[Decline\]/);
      }
    });

    it('does not update the copy of someone removed from the staff since', async () => {
      const OT4: TestUser = { aadObjectId: userId(7), name: 'Opal Therapist' };
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT4.aadObjectId, name: OT4.name, role: 'ot' });
      await bot.say(OT4, 'help');
      const { caseId, ref } = await referPatient(bot);
      assert.ok(bot.connector.activityIdOf(alertOf(OT4, ref)), 'OT4 was sent the alert');
      await bot.invoke(LEAD, 'staff.remove', { aadObjectId: OT4.aadObjectId, confirm: true });
      await bot.invoke(OT, 'referral.accept', { caseId });
      await bot.settle();
      assert.deepEqual(bot.connector.updates(conversationOf(OT4)), [], 'nothing more of the case for them');
      const lead = bot.connector.updates(conversationOf(LEAD)).map((u) => cardText(u.body.attachments[0].content));
      assert.ok(
        lead.some((t) => t.includes(`Accepted by Otto Therapist, ${ref}`)),
        'the others are updated',
      );
    });

    it('never fails the accept when Teams refuses the updates', async () => {
      const { caseId, ref } = await referPatient(bot);
      const copies = sentCopies(ref);
      const before = bot.connector.updates().length;
      bot.connector.failNext({ status: 400 }, copies.length);
      const answer = await bot.invoke(OT, 'referral.accept', { caseId });
      assert.match(cardText(answer), new RegExp(`You have accepted ${ref}`));
      await bot.settle();
      assert.equal(bot.connector.updates().length, before, 'every update was refused');
      const [hub] = await bot.say(OT, `case ${ref}`);
      assert.match(cardText(hub), /OT: Otto Therapist/, 'the accept stands');
    });
  });

  it('is a read: one audit entry, nothing else written', async () => {
    const { caseId, ref } = await referAndAcceptPatient(bot);
    const alert = alertOf(OT2, ref);
    await bot.settle();
    const before = await snapshot(bot.database);
    const conversations = JSON.stringify(await storedDocs(bot.database, 'conversations'));
    const auditBefore = new Set((await allDocs(bot.database, 'audit')).map((a) => a.id));
    await refresh(OT2, alert);
    await bot.settle();
    assert.equal(await snapshot(bot.database), before, 'no case, staff or counter written');
    assert.equal(
      JSON.stringify(await storedDocs(bot.database, 'conversations')),
      conversations,
      'no conversation reference written',
    );
    const added = (await allDocs(bot.database, 'audit')).filter((a) => !auditBefore.has(a.id));
    assert.equal(added.length, 1, JSON.stringify(added.map((a) => a.action)));
    assert.equal(added[0].action, 'case.read');
    assert.equal(added[0].outcome, 'ok');
    assert.equal(added[0].caseId, caseId);
    assert.equal(added[0].actor, OT2.aadObjectId);
    assert.equal(added[0].detail?.via, 'refresh');
  });
});
