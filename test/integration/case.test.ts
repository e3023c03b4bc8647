import { strict as assert } from 'node:assert';
import { cardText, unresolvedBindings } from '../support/cards';
import { LEAD, NURSE, NURSE2, OT, OT2 } from '../support/people';
import { startCaseworkBot, referPatient, referAndAcceptPatient } from '../support/casework';
import type { TestBot } from '../support/testBot';

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const refer = (overrides?: Record<string, unknown>) => referPatient(bot, overrides);
  const referAndAccept = (overrides?: Record<string, unknown>) => referAndAcceptPatient(bot, overrides);

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  describe('the case hub', () => {
    it('shows an OT the whole case with every action, and a referring nurse the status only', async () => {
      const { caseId, ref } = await referAndAccept();
      await bot.invoke(OT, 'session.submit', {
        caseId,
        submissionId: `s-${caseId}`,
        date: '2026-11-25',
        mode: 'telephone',
        durationMinutes: '45',
        topics: 'fatigue,pacing',
        notes: 'Discussed pacing at home',
      });
      const [hub] = await bot.say(OT2, `case ${ref.toLowerCase()}`);
      const text = cardText(hub);
      assert.match(text, new RegExp(`${ref} · Alan Testpatient`));
      assert.match(text, /999 \d{3} \d{4}/, 'the NHS number, in the 3-3-4 form');
      assert.match(text, /OT: Otto Therapist/);
      assert.match(text, /Not fit for work, 24 Oct 2026 to 5 Dec 2026/);
      assert.match(text, /No plan yet/);
      assert.match(text, /Discussed pacing at home/);
      for (const title of ['Log a session', 'Fit note', 'Plan', 'Report', 'Discharge'])
        assert.ok(text.includes(`[${title}]`), title);
      assert.ok(!text.includes('[Accept]'));
      assert.deepEqual(unresolvedBindings(hub), []);

      const [nurseView] = await bot.say(NURSE, `case ${ref}`);
      const nt = cardText(nurseView);
      assert.match(nt, /Open with an OT/);
      assert.ok(!nt.includes('Discussed pacing'), 'no session notes for a nurse');
      assert.ok(!/\[(Log a session|Plan|Accept)\]/.test(nt), 'no OT actions for a nurse');

      const [other] = await bot.say(NURSE2, `case ${ref}`);
      // Not "there is no case": it exists, it is just not hers (and the same words when it does not exist).
      assert.match(cardText(other), new RegExp(`${ref} is not one of the cases you referred`));
      assert.doesNotMatch(cardText(other), /There is no case/);
      const [none] = await bot.say(NURSE2, 'case RTW-9999');
      assert.match(cardText(none), /RTW-9999 is not one of the cases you referred/);
    });

    it('offers Accept on an unassigned referral and says so for an unknown reference', async () => {
      const { ref } = await refer();
      const [hub] = await bot.say(LEAD, `case ${ref}`);
      assert.ok(cardText(hub).includes('[Accept]'));
      assert.ok(cardText(hub).includes('[Decline]'));
      const [missing] = await bot.say(OT, 'case RTW-9999');
      assert.match(cardText(missing), /There is no case RTW-9999/);
    });
  });
});
