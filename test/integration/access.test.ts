import { strict as assert } from 'node:assert';
import {
  channelMessageActivity,
  conversationOf,
  membersAddedActivity,
  TENANT,
  type TestUser,
} from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, NURSE, STRANGER, validReferral } from '../support/people';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

const FOREIGN: TestUser = { ...NURSE, tenantId: '99999999-9999-9999-9999-999999999999' };

describe('who may talk to the bot: tenants, staff, conversation references', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, ALLOWED_TENANT_IDS: TENANT } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
  });
  after(() => bot.stop());

  it('refuses a stranger politely on messages and gives no data', async () => {
    for (const text of ['help', 'refer', 'find Alan', 'whoami']) {
      const cards = await bot.say(STRANGER, text);
      assert.equal(cards.length, 1);
      assert.match(cardText(cards[0]), /not on the staff list/);
      assert.match(cardText(cards[0]), new RegExp(STRANGER.aadObjectId), 'tells them the id to give their lead');
    }
  });

  it('refuses a stranger on card actions, writes nothing, and audits the attempt', async () => {
    const card = await bot.invoke(STRANGER, 'referral.submit', validReferral());
    assert.match(cardText(card), /not on the staff list/);
    assert.equal((await allDocs(bot.database, 'cases')).length, 0);
    const audit = await allDocs(bot.database, 'audit');
    const refused = audit.filter((e) => e.actor === STRANGER.aadObjectId && e.outcome === 'refused');
    assert.ok(refused.some((e) => e.action === 'referral.submit'));
    assert.ok(refused.some((e) => e.action === 'command.find'));
    assert.ok(refused.every((e) => e.detail.reason === 'not_staff'));
  });

  it('refuses staff reaching the bot from a tenant that is not allowed, and stores nothing for them', async () => {
    const [card] = await bot.say(FOREIGN, 'whoami');
    assert.match(cardText(card), /only serves the NHS organisations/);
    const invoke = await bot.invoke(FOREIGN, 'referral.submit', validReferral());
    assert.match(cardText(invoke), /only serves the NHS organisations/);
    assert.equal((await allDocs(bot.database, 'cases')).length, 0);
    const audit = await allDocs(bot.database, 'audit');
    assert.ok(audit.some((e) => e.actor === NURSE.aadObjectId && e.detail?.reason === 'tenant_not_allowed'));
  });

  it('keeps conversation references from install and every message', async () => {
    await bot.install(NURSE);
    let refs = await allDocs(bot.database, 'conversations');
    const nurseRef = refs.find((r) => r.id === NURSE.aadObjectId);
    assert.equal(nurseRef.serviceId, 'mid-yorkshire');
    assert.equal(nurseRef.reference.conversation.id, conversationOf(NURSE));
    assert.equal(nurseRef.reference.serviceUrl, bot.connector.url);

    // A stranger's reference is kept apart, so that they can be reached once a lead adds them.
    refs = await allDocs(bot.database, 'conversations');
    assert.equal(refs.find((r) => r.id === STRANGER.aadObjectId)?.serviceId, '_unassigned');
    assert.equal(
      refs.some((r) => r.reference?.conversation?.tenantId === FOREIGN.tenantId),
      false,
    );
  });

  it('writes the reference again after another instance dropped it: on re-install at once, on a message once the cache ages', async () => {
    await bot.say(NURSE, 'whoami');
    // Another instance got a 403 for this person and dropped the reference; this instance's cache still has it.
    await bot.app.store.conversations.remove(NURSE.aadObjectId);
    await bot.install(NURSE);
    assert.ok(await bot.app.store.conversations.get(NURSE.aadObjectId), 'a re-install is always written');

    await bot.app.store.conversations.remove(NURSE.aadObjectId);
    bot.clock.advance(11 * 60_000);
    await bot.say(NURSE, 'whoami');
    assert.ok(
      await bot.app.store.conversations.get(NURSE.aadObjectId),
      'a message after the cache aged writes it again',
    );
  });

  it('welcomes a person on first install only (the playground re-sends install on every page load)', async () => {
    const newcomer: TestUser = { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000077', name: 'Nina New' };
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: newcomer.aadObjectId, name: newcomer.name, role: 'ot' });
    const first = await bot.install(newcomer);
    assert.equal(first.length, 1);
    assert.match(cardText(first[0].attachments[0].content), /Hello Nina New/);
    const again = await bot.install(newcomer);
    assert.equal(again.length, 0);
  });

  it('welcomes a person added with the bot to a 1:1 conversation (conversationUpdate), once', async () => {
    const newcomer: TestUser = { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000078', name: 'Noel New' };
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: newcomer.aadObjectId, name: newcomer.name, role: 'nurse' });
    const before = bot.connector.activities(conversationOf(newcomer)).length;
    await bot.post(membersAddedActivity(newcomer, bot.connector.url));
    await bot.post(membersAddedActivity(newcomer, bot.connector.url));
    const sent = bot.connector.activities(conversationOf(newcomer)).slice(before);
    assert.equal(sent.length, 1);
    assert.match(cardText(sent[0].attachments[0].content), /Hello Noel New/);
  });

  it("answers any unknown text with the help card for the reader's role", async () => {
    const [nurseHelp] = await bot.say(NURSE, 'what can you do?');
    assert.match(cardText(nurseHelp), /refer/);
    assert.doesNotMatch(cardText(nurseHelp), /staff/, 'nurses are not offered lead commands');
    const [leadHelp] = await bot.say(LEAD, '<at>Rehab Bot</at> HELP');
    assert.match(cardText(leadHelp), /staff/);
  });

  it('answers invokes it does not use (no name, message extensions, task modules) without a 5xx', async () => {
    for (const name of [undefined, 'composeExtension/query', 'task/fetch', 'config/fetch']) {
      const answer = await bot.post({
        type: 'invoke',
        ...(name ? { name } : {}),
        channelId: 'msteams',
        serviceUrl: bot.connector.url,
        from: { id: '29:x', aadObjectId: NURSE.aadObjectId, name: NURSE.name },
        conversation: { id: conversationOf(NURSE), conversationType: 'personal', tenantId: TENANT },
        recipient: { id: '28:bot' },
        value: {},
      });
      assert.ok(answer.status < 500, `${name}: ${answer.status}`);
    }
  });

  it('answers an invoke with a malformed value with a card, never a 5xx', async () => {
    for (const value of [
      undefined,
      {},
      { action: null },
      { action: { type: 'Action.Submit' } },
      { action: { verb: 42, data: 'x' } },
    ]) {
      const answer = await bot.post({
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: bot.connector.url,
        from: { id: '29:x', aadObjectId: NURSE.aadObjectId, name: NURSE.name },
        conversation: { id: conversationOf(NURSE), conversationType: 'personal', tenantId: TENANT },
        recipient: { id: '28:bot' },
        value,
      });
      assert.equal(answer.status, 200, JSON.stringify(value));
      assert.equal(answer.body.type, 'application/vnd.microsoft.card.adaptive');
    }
  });

  it('shows no patient data in a team channel: records stay in the 1:1 chat', async () => {
    await bot.invoke(NURSE, 'referral.submit', validReferral({ patientName: 'Channel Secret' }));
    const channel = '19:team-general@thread.tacv2;messageid=1795603831700';
    for (const text of ['find Channel', 'refer', 'caseload']) {
      const before = bot.connector.activities(channel).length;
      const answer = await bot.post(channelMessageActivity(LEAD, text, bot.connector.url));
      assert.equal(answer.status, 200);
      const cards = bot.connector.cards(channel).slice(before);
      assert.equal(cards.length, 1, text);
      assert.match(cardText(cards[0]), /1:1 chat/);
      assert.doesNotMatch(JSON.stringify(bot.connector.activities(channel)), /Channel Secret/);
    }
    const before = bot.connector.cards(channel).length;
    await bot.post(channelMessageActivity(LEAD, 'whoami', bot.connector.url));
    assert.match(cardText(bot.connector.cards(channel)[before]), /Service lead/);
    const audit = await allDocs(bot.database, 'audit');
    assert.ok(audit.some((e) => e.action === 'command.find' && e.detail?.reason === 'not_personal_chat'));
  });
});
