import { strict as assert } from 'node:assert';
import { conversationOf, type TestUser } from '../support/activities';
import { cardText, executeActions } from '../support/cards';
import { formData, referAndAcceptPatient, referPatient, startCaseworkBot } from '../support/casework';
import { LEAD, NURSE, OT, OT2 } from '../support/people';
import type { TestBot } from '../support/testBot';

/** Scheduled "my day" cards (not `today` answers) the connector received in `user`'s chat. */
const myDaysTo = (bot: TestBot, user: TestUser) =>
  bot.connector.cards(conversationOf(user)).filter((c) => /^My day: /.test(cardText(c)));
const digestsTo = (bot: TestBot, user: TestUser) =>
  bot.connector.cards(conversationOf(user)).filter((c) => /^Daily digest/.test(cardText(c)));

/**
 * The OT's "my day" list over real HTTP (CONTRACT §2 `today`, §5): the digest's scheduled run sends
 * it with a fixed clock ("today" starts as Wednesday 2026-11-25, 10:00 London; DIGEST_TIME 08:00).
 */
describe('my day (the OT’s morning list, `today`, `today off`/`today on`)', () => {
  let bot: TestBot;
  let due: { caseId: string; ref: string };
  let quiet: { caseId: string; ref: string };

  before(async () => {
    bot = await startCaseworkBot();
    // OT's case: this morning's call booked the next contact for today (a call back later).
    due = await referAndAcceptPatient(bot);
    const [form] = await bot.say(OT, `log ${due.ref}`);
    const saved = await bot.invoke(OT, 'session.submit', {
      ...formData(form, 'session.submit'),
      date: '2026-11-25',
      mode: 'telephone',
      durationMinutes: '30',
      notes: 'Call; ring back this afternoon',
      nextContactDate: '2026-11-25',
    });
    assert.match(cardText(saved), /Session saved/);
    // OT2's case: accepted, nothing due (no contact booked, its note ends after the window).
    quiet = await referPatient(bot);
    assert.match(cardText(await bot.invoke(OT2, 'referral.accept', { caseId: quiet.caseId })), /You have accepted/);
    await bot.settle();
    bot.connector.clear();
  });
  after(() => bot.stop());

  it('`today` shows the OT’s list now and does not mark it sent; a nurse is told it is not for her', async () => {
    const [card] = await bot.say(OT, 'today');
    const text = cardText(card);
    assert.match(text, /^My day \(now\): 25 Nov 2026/);
    assert.match(text, /not marked as sent/);
    assert.match(text, new RegExp(`${due.ref} · `));
    assert.match(text, /Next contact today \(25 Nov 2026\)/);
    assert.doesNotMatch(text, new RegExp(quiet.ref), 'another OT’s case is not on it');
    const [refusal] = await bot.say(NURSE, 'today');
    assert.doesNotMatch(cardText(refusal), /My day/);
    assert.equal(myDaysTo(bot, OT).length, 0);
    // Its pages ("Show more", verb myday.page) answer the same list, also unsent.
    const page = await bot.invoke(OT, 'myday.page', { date: '2026-11-25', page: 1 });
    assert.match(cardText(page), new RegExp(`${due.ref} · `));
    assert.doesNotMatch(cardText(await bot.invoke(NURSE, 'myday.page', { date: '2026-11-25', page: 1 })), /My day/);
    assert.equal(myDaysTo(bot, OT).length, 0);

    // Not marked as sent: the scheduled run still sends it.
    const run = await bot.app.digest.tick();
    assert.equal(run.status, 'ran');
    assert.equal(run.status === 'ran' && run.myDay?.sent, 1);
  });

  it('is sent once a day to each OT whose list has something, nothing when it is empty, beside the leads’ digest', async () => {
    // The first run (above) sent OT's list; OT2's list is empty: nothing sent to OT2.
    assert.equal(myDaysTo(bot, OT).length, 1);
    assert.equal(myDaysTo(bot, OT2).length, 0, 'an empty list is not sent');
    assert.equal(digestsTo(bot, LEAD).length, 1, 'the lead’s digest went out in the same run');
    const [card] = myDaysTo(bot, OT);
    assert.match(cardText(card), new RegExp(`${due.ref} · `));
    assert.match(cardText(card), /today off/, 'it says how to turn it off');
    assert.ok(executeActions(card).every((a) => a.verb !== 'digest.page'));
    // A second trigger the same day (the HTTP route, another check) sends nothing more.
    const again = await bot.app.digest.runNow('manual');
    assert.equal(again.status === 'ran' && again.myDay?.sent, 0);
    assert.equal(again.status === 'ran' && again.myDay?.skipped, 2);
    assert.equal(myDaysTo(bot, OT).length, 1);
    assert.equal(myDaysTo(bot, OT2).length, 0);
  });

  it('`today off` stops the morning list and `today on` brings it back; help says how', async () => {
    const [help] = await bot.say(OT, 'help');
    assert.match(cardText(help), /today off/);
    assert.match(cardText((await bot.say(OT, 'today off'))[0]), /Morning list off/);
    bot.connector.clear();
    bot.clock.set('2026-11-26T08:00:00Z'); // Thursday, 08:00 GMT: the next morning
    const off = await bot.app.digest.tick();
    assert.equal(off.status === 'ran' && off.myDay?.recipients, 1, 'OT left out; OT2 still a recipient');
    assert.equal(myDaysTo(bot, OT).length, 0);
    // `today` still answers while it is off.
    assert.match(cardText((await bot.say(OT, 'today'))[0]), new RegExp(due.ref));
    // A lead's later change of the OT (name, role) keeps the OT's choice.
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    assert.equal((await bot.app.store.staff.findByAadObjectId(OT.aadObjectId))?.myDayOff, true);

    assert.match(cardText((await bot.say(OT, 'today on'))[0]), /Morning list on/);
    const on = await bot.app.digest.runNow('manual');
    assert.equal(on.status === 'ran' && on.myDay?.sent, 1);
    const [card] = myDaysTo(bot, OT);
    assert.match(cardText(card), /^My day: 26 Nov 2026/);
    assert.match(cardText(card), /Next contact was 25 Nov 2026: 1 day overdue/);
  });
});
