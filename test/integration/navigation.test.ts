import { strict as assert } from 'node:assert';
import { cardText, executeActions, walk } from '../support/cards';
import { startCaseworkBot, referAndAcceptPatient, referPatient } from '../support/casework';
import type { TestUser } from '../support/activities';
import { LEAD, NURSE, OT, OTHER_LEAD, validReferral } from '../support/people';
import type { TestBot } from '../support/testBot';

/** Every navigation button of a card: Action.Execute `nav.open` with the command it runs. */
function navButtons(card: unknown): { title: string; command: string; associatedInputs?: string }[] {
  const out: { title: string; command: string; associatedInputs?: string }[] = [];
  walk(card, (n) => {
    if (n.type === 'Action.Execute' && n.verb === 'nav.open')
      out.push({ title: n.title, command: n.data?.command, associatedInputs: n.associatedInputs });
  });
  return out;
}

/** What a card says, without the ids a form makes afresh each time it is drawn. */
const comparable = (card: unknown) => JSON.stringify(card).replace(/"submissionId":"[^"]*"/g, '');

/**
 * Navigation buttons (Open, Log a session, Refer a patient…) over real HTTP: each is Action.Execute
 * `nav.open`, answered with the card its command gives, by the same handler and the same checks as
 * typing it. They used to be imBack submits, which Agents Playground never sent.
 */
describe('navigation buttons (nav.open)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  async function pressGivesTyped(who: TestUser, button: { title: string; command: string }) {
    const pressed = await bot.invoke(who, 'nav.open', { command: button.command });
    const [typed] = await bot.say(who, button.command);
    assert.equal(comparable(pressed), comparable(typed), `"${button.title}" answers what "${button.command}" does`);
    return pressed;
  }

  it('the case hub: Log a session, Fit note, Plan, Report and Discharge open their forms', async () => {
    const { ref } = await referAndAcceptPatient(bot);
    const [hub] = await bot.say(OT, `case ${ref}`);
    const buttons = navButtons(hub);
    assert.deepEqual(
      buttons.map((b) => [b.title, b.command]),
      [
        ['Log a session', `log ${ref}`],
        ['Fit note', `fitnote ${ref}`],
        ['Plan', `plan ${ref}`],
        ['Report', `report ${ref}`],
        ['Discharge', `discharge ${ref}`],
      ],
    );
    for (const b of buttons) {
      assert.equal(b.associatedInputs, 'none', `${b.title} sends only its own command`);
      const card = await pressGivesTyped(OT, b);
      assert.match(cardText(card), new RegExp(ref), `${b.title} is about ${ref}`);
    }
    const session = await bot.invoke(OT, 'nav.open', { command: `log ${ref}` });
    assert.ok(
      executeActions(session).some((a) => a.verb === 'session.submit'),
      'Log a session gives the session form',
    );
  });

  it('Open on the caseload, the search results and the digest opens the case hub', async () => {
    const { ref } = await referAndAcceptPatient(bot, {
      patientName: 'Nina Navigate-Fictional',
      nhsNumber: '943 476 5919',
      // Ends within the digest window of "today" (2026-11-25), so the lead's digest lists the case.
      fitNoteStart: '2026-10-24',
      fitNoteEnd: '2026-11-29',
    });
    const [caseload] = await bot.say(OT, 'caseload');
    const [found] = await bot.say(OT, 'find Navigate-Fictional');
    const [digest] = await bot.say(LEAD, 'digest');
    for (const [who, card, what] of [
      [OT, caseload, 'caseload'],
      [OT, found, 'find'],
      [LEAD, digest, 'digest'],
    ] as const) {
      const open = navButtons(card).filter((b) => b.title === 'Open');
      assert.ok(open.length > 0, `${what} has Open buttons`);
      const mine = open.find((b) => b.command === `case ${ref}`) ?? open[0];
      const hub = await pressGivesTyped(who, mine);
      assert.match(cardText(hub), /Casework/, `${what}: Open gives the hub`);
    }
    assert.ok(
      navButtons(found).some((b) => b.command === `case ${ref}`),
      'find offers Open on the case it found',
    );
  });

  it('help: Refer a patient and Who am I?; the referral confirmation: Refer another patient', async () => {
    const [help] = await bot.say(NURSE, 'help');
    const buttons = navButtons(help);
    assert.deepEqual(
      buttons.map((b) => [b.title, b.command]),
      [
        ['Refer a patient', 'refer'],
        ['Who am I?', 'whoami'],
      ],
    );
    const refer = await pressGivesTyped(NURSE, buttons[0]);
    assert.ok(executeActions(refer).some((a) => a.verb === 'referral.submit'));
    assert.match(cardText(await pressGivesTyped(NURSE, buttons[1])), /Nora Nurse/);

    const sent = await bot.invoke(NURSE, 'referral.submit', validReferral({ submissionId: 'nav-referral-1' }));
    const again = navButtons(sent);
    assert.deepEqual(
      again.map((b) => b.command),
      ['refer'],
    );
    assert.ok(executeActions(await bot.invoke(NURSE, 'nav.open', again[0])).some((a) => a.verb === 'referral.submit'));
    await bot.settle();
  });

  it('checks what typing checks: a nurse gets the same refusal, another service finds nothing', async () => {
    const { ref } = await referPatient(bot);
    const refused = await pressGivesTyped(NURSE, { title: 'Log a session', command: `log ${ref}` });
    assert.match(cardText(refused), /Not allowed|only/i);
    const other = await pressGivesTyped(OTHER_LEAD, { title: 'Open', command: `case ${ref}` });
    assert.match(cardText(other), /There is no case/);
    assert.doesNotMatch(cardText(other), /Alan Testpatient/);
  });

  it('answers a button naming no known command with a notice, not an error', async () => {
    for (const data of [{ command: 'rm -rf' }, { command: 42 }, {}]) {
      const card = await bot.invoke(OT, 'nav.open', data);
      assert.match(cardText(card), /not recognised/);
    }
  });
});
