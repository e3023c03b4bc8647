import { strict as assert } from 'node:assert';
import { conversationOf, installActivity, membersAddedActivity, type TestUser } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD } from '../support/people';
import { TestBot } from '../support/testBot';

/**
 * First contact as Teams and Agents Playground make it (fixtures/agents-playground-activities.jsonl):
 * installationUpdate (add) and conversationUpdate (bot and user added) posted together. Both used to
 * find no conversation reference yet, and both welcomed.
 */
describe('the welcome on first contact (installationUpdate and conversationUpdate together)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.say(LEAD, 'whoami');
  });
  after(() => bot.stop());

  const person = (n: number, name: string): TestUser => ({
    aadObjectId: `aaaaaaaa-0000-0000-0000-0000000001${String(n).padStart(2, '0')}`,
    name,
  });

  /** Both events of a first contact at once, as the playground posts them; the activities the bot sent. */
  async function firstContact(user: TestUser) {
    const before = bot.connector.activities(conversationOf(user)).length;
    const answers = await Promise.all([
      bot.post(installActivity(user, bot.connector.url)),
      bot.post(membersAddedActivity(user, bot.connector.url)),
    ]);
    assert.deepEqual(
      answers.map((a) => a.status < 300),
      [true, true],
    );
    await bot.settle();
    return bot.connector.activities(conversationOf(user)).slice(before);
  }

  it('welcomes a new member of staff once', async () => {
    for (let i = 0; i < 5; i++) {
      const newcomer = person(i, `Nadia Newcomer ${i}`);
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: newcomer.aadObjectId, name: newcomer.name, role: 'ot' });
      const sent = await firstContact(newcomer);
      assert.equal(sent.length, 1, `${newcomer.name}: ${sent.length} messages`);
      assert.match(cardText(sent[0].attachments[0].content), new RegExp(`Hello ${newcomer.name}`));
      assert.equal((await firstContact(newcomer)).length, 0, 'a page load later sends nothing');
    }
  });

  it('tells someone not on staff once that the bot is not for them', async () => {
    const stranger = person(50, 'Simon Stranger');
    const sent = await firstContact(stranger);
    assert.equal(sent.length, 1);
    assert.match(cardText(sent[0].attachments[0].content), /not on the staff list/);
  });

  it('welcomes again after the bot was uninstalled and installed again', async () => {
    const returning = person(60, 'Rita Returning');
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: returning.aadObjectId, name: returning.name, role: 'nurse' });
    assert.equal((await firstContact(returning)).length, 1);
    await bot.post({ ...installActivity(returning, bot.connector.url), action: 'remove' });
    const again = await firstContact(returning);
    assert.equal(again.length, 1);
    assert.match(cardText(again[0].attachments[0].content), /Hello Rita Returning/);
  });
});
