import { strict as assert } from 'node:assert';
import { cardText, fieldError, inputValue } from '../support/cards';
import { OT } from '../support/people';
import { startCaseworkBot, storedCase, referAndAcceptPatient, formData } from '../support/casework';
import type { TestBot } from '../support/testBot';

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const stored = (caseId: string) => storedCase(bot, caseId);
  const referAndAccept = (overrides?: Record<string, unknown>) => referAndAcceptPatient(bot, overrides);

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  describe('discharge', () => {
    it('discharges with an outcome; the case leaves caseloads but stays findable', async () => {
      const { caseId, ref } = await referAndAccept();
      const [before] = await bot.say(OT, 'caseload');
      assert.ok(cardText(before).includes(ref));
      const [form] = await bot.say(OT, `discharge ${ref}`);
      const hidden = formData(form, 'case.discharge');
      const bad = await bot.invoke(OT, 'case.discharge', {
        ...hidden,
        outcome: 'went_fishing',
        date: '2026-11-30',
        notes: 'Back at work',
      });
      assert.match(fieldError(bad, 'outcome') ?? '', /from the list/);
      assert.match(fieldError(bad, 'date') ?? '', /future/);
      assert.equal(inputValue(bad, 'notes'), 'Back at work');
      assert.equal((await stored(caseId))?.status, 'active');

      const done = await bot.invoke(OT, 'case.discharge', {
        ...hidden,
        outcome: 'returned_phased',
        date: '2026-11-25',
        notes: 'Back at work',
      });
      assert.match(cardText(done), /discharged/);
      assert.match(cardText(done), /Returned to work, phased/);
      assert.match(
        cardText(await bot.invoke(OT, 'case.discharge', { ...hidden, outcome: 'retired', date: '2026-11-25' })),
        /already been discharged/,
      );
      const record = await stored(caseId);
      assert.equal(record?.status, 'discharged');
      assert.equal(record?.discharge?.outcome, 'returned_phased');

      const [after] = await bot.say(OT, 'caseload');
      assert.ok(!cardText(after).includes(ref));
      const [found] = await bot.say(OT, `find ${ref}`);
      assert.ok(cardText(found).includes(ref));
      const [hub] = await bot.say(OT, `case ${ref}`);
      assert.match(cardText(hub), /Discharged/);
      assert.ok(!cardText(hub).includes('[Log a session]'));
      const [noLog] = await bot.say(OT, `log ${ref}`);
      assert.match(cardText(noLog), /was discharged/);
    });
  });
});
