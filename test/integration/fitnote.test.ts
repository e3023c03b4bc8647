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

  describe('fit notes', () => {
    it('records a fit note, keeps every note, and shows the current one', async () => {
      const { caseId, ref } = await referAndAccept();
      const [form] = await bot.say(OT, `fitnote ${ref}`);
      const hidden = formData(form, 'fitnote.submit');
      const data = {
        ...hidden,
        status: 'may_be_fit',
        advice: 'phased_return,altered_hours',
        startDate: '2026-11-25',
        endDate: '2027-01-06',
        issuedBy: 'Dr Patel',
        reassessmentNeeded: 'true',
      };
      const saved = await bot.invoke(OT, 'fitnote.submit', data);
      assert.match(cardText(saved), /Fit note saved/);
      assert.match(
        cardText(saved),
        /May be fit for work \(a phased return to work, altered hours\), 25 Nov 2026 to 6 Jan 2027/,
      );
      assert.match(cardText(await bot.invoke(OT, 'fitnote.submit', data)), /already been saved/);
      const record = await stored(caseId);
      assert.equal(record?.fitNotes.length, 2, 'the referral note and the new one are both kept');
    });

    it('applies the Med3 rules and keeps what was typed', async () => {
      const { caseId } = await referAndAccept();
      const before = await stored(caseId);
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ endDate: '2026-11-20' }, 'endDate', /cannot end before it starts/],
        [{ endDate: '2027-03-10' }, 'endDate', /at most 3 months/],
        [{ status: 'not_fit', advice: 'phased_return' }, 'advice', /carries no advice/],
        [{ status: undefined }, 'status', /Choose what the fit note says/],
        [{ startDate: '2026-10-01', endDate: '2026-11-01' }, 'startDate', /before the cardiac event/],
      ];
      for (const [bad, field, message] of cases) {
        const data: Record<string, unknown> = {
          caseId,
          submissionId: `f-${caseId}-${field}`,
          status: 'may_be_fit',
          advice: 'amended_duties',
          startDate: '2026-11-25',
          endDate: '2026-12-20',
          issuedBy: 'Dr Jones',
          ...bad,
        };
        const card = await bot.invoke(OT, 'fitnote.submit', data);
        assert.match(fieldError(card, field) ?? '', message, field);
        assert.equal(inputValue(card, 'issuedBy'), 'Dr Jones');
        assert.equal(inputValue(card, 'endDate'), data.endDate);
      }
      assert.equal((await stored(caseId))?.fitNotes.length, before?.fitNotes.length);
    });
  });
});
