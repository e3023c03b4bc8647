import { strict as assert } from 'node:assert';
import { cardText, unresolvedBindings } from '../support/cards';
import { OT } from '../support/people';
import { startCaseworkBot, referAndAcceptPatient, formData, SERVICE } from '../support/casework';
import type { TestBot } from '../support/testBot';

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const referAndAccept = (overrides?: Record<string, unknown>) => referAndAcceptPatient(bot, overrides);

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  describe('the employer report', () => {
    it('says consent is missing until the patient agrees, then shows the AHP-shaped report', async () => {
      const { caseId, ref } = await referAndAccept();
      const [noPlan] = await bot.say(OT, `report ${ref}`);
      assert.match(cardText(noPlan), /consent is missing/);
      const [form] = await bot.say(OT, `plan ${ref}`);
      const plan = {
        targetReturnDate: '2027-01-04',
        contractedHours: '37.5',
        phase1Start: '2026-11-30',
        phase1Hours: '20',
        phase1Days: '4',
        phase1Duties: 'Office work',
        adjustments: 'Rest breaks every 2 hours',
        employerContact: 'HR team',
      };
      const saved = await bot.invoke(OT, 'plan.submit', {
        ...formData(form, 'plan.submit'),
        ...plan,
        employerConsent: 'false',
      });
      const [noConsent] = await bot.say(OT, `report ${ref}`);
      assert.match(cardText(noConsent), /consent is missing/);
      assert.ok(!cardText(noConsent).includes('Rest breaks'));
      await bot.invoke(OT, 'plan.submit', { ...formData(saved, 'plan.submit'), ...plan, employerConsent: 'true' });
      const [report] = await bot.say(OT, `report ${ref}`);
      const text = cardText(report);
      for (const part of [
        'Return-to-work report',
        'Alan Testpatient',
        'Assessment date',
        'Functional effects',
        'Recommendations',
        'A phased return to work: Yes',
        'Rest breaks every 2 hours',
        'Review date',
        'Practitioner: Otto Therapist',
        'Profession: Occupational Therapist',
        '30 Nov 2026',
      ]) {
        assert.ok(text.includes(part), part);
      }
      assert.ok(JSON.stringify(report).includes('"type":"Table"'));
      assert.deepEqual(unresolvedBindings(report), []);
      const audits = await bot.app.store.audit.listForCase(SERVICE, caseId, 100);
      assert.ok(audits.some((a) => a.action === 'case.report' && a.outcome === 'ok'));
    });
  });
});
