import { strict as assert } from 'node:assert';
import { cardText, fieldError, inputValue, unresolvedBindings } from '../support/cards';
import { LEAD, OT, validReport } from '../support/people';
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
      // With consent, the report is a form the OT fills in: nothing is ticked for them, and the fit note
      // in force (the referral's "not fit" note) is what fitness is stated from by default.
      const [reportForm] = await bot.say(OT, `report ${ref}`);
      assert.match(cardText(reportForm), /Employer report/);
      assert.match(
        cardText(reportForm),
        /Fit note in force today: Not fit for work: fit note \(Med3\) 24 Oct 2026 to 5 Dec 2026/,
      );
      assert.equal(inputValue(reportForm, 'fitness'), 'fit_note');
      assert.equal(inputValue(reportForm, 'recommendations'), '');
      assert.equal(inputValue(reportForm, 'registrationNumber'), '', 'nothing kept for this OT yet');
      const filled = {
        ...formData(reportForm, 'report.submit'),
        ...validReport(),
      };
      // Bad input: the form again, every value kept, each problem by its field, nothing written.
      const bad = await bot.invoke(OT, 'report.submit', {
        ...filled,
        fitness: 'may_be_fit',
        registrationNumber: 'PH54321',
        difficulty1: 'Lifting',
        adviceTo: '2026-11-01',
        review: 'yes',
      });
      assert.match(fieldError(bad, 'fitness') ?? '', /says not fit for work: the report cannot say otherwise/);
      assert.match(fieldError(bad, 'registrationNumber') ?? '', /starts with OT/);
      assert.match(fieldError(bad, 'goal1') ?? '', /Give a recommendation or goal/);
      assert.match(fieldError(bad, 'adviceTo') ?? '', /cannot end before it starts/);
      assert.match(fieldError(bad, 'reviewOn') ?? '', /Enter the date/);
      assert.equal(inputValue(bad, 'difficulty1'), 'Lifting');
      assert.equal(inputValue(bad, 'organisation'), 'Mid Yorkshire NHS Trust');
      assert.equal((await bot.app.store.cases.get(SERVICE, caseId))?.employerReport, undefined, 'nothing written');

      const report = await bot.invoke(OT, 'report.submit', filled);
      const text = cardText(report);
      for (const part of [
        'Return-to-work report',
        'Alan Testpatient',
        'I assessed the patient on 25 Nov 2026 (telephone).',
        'Not fit for work: fit note (Med3) 24 Oct 2026 to 5 Dec 2026.',
        // Only what the OT ticked: not inferred from the plan's phases, duties or adjustments.
        'A phased return to work: Yes',
        'Altered hours: No',
        'Amended duties: No',
        'Workplace adaptations: No',
        'A workplace assessment: No',
        'Functional effects of the condition',
        'None written by the practitioner.',
        'Rest breaks every 2 hours',
        'This advice covers: 25 Nov 2026 to 4 Jan 2027',
        'Review: No review is planned',
        'Practitioner: Otto Therapist',
        'Profession: Occupational therapist',
        'HCPC registration number: OT54321',
        '30 Nov 2026',
      ]) {
        assert.ok(text.includes(part), `${part}\n${text}`);
      }
      // Nothing from the referral's or sessions' notes or topics goes to the employer.
      assert.doesNotMatch(text, /Anxious about lifting|wife drives|Areas being addressed|Job demands/);
      assert.ok(JSON.stringify(report).includes('"type":"Table"'));
      assert.deepEqual(unresolvedBindings(report), []);
      const audits = await bot.app.store.audit.listForCase(SERVICE, caseId, 100);
      assert.ok(audits.some((a) => a.action === 'report.submit' && a.outcome === 'invalid'));
      assert.ok(audits.some((a) => a.action === 'report.submit' && a.outcome === 'ok'));
      assert.ok(audits.some((a) => a.action === 'case.report' && a.outcome === 'ok'));

      // The OT's profession, HCPC number, organisation and contact are kept once and filled in on their next report.
      const other = await referAndAccept();
      const [otherPlan] = await bot.say(OT, `plan ${other.ref}`);
      await bot.invoke(OT, 'plan.submit', { ...formData(otherPlan, 'plan.submit'), ...plan, employerConsent: 'true' });
      const [next] = await bot.say(OT, `report ${other.ref}`);
      assert.equal(inputValue(next, 'profession'), 'occupational_therapist');
      assert.equal(inputValue(next, 'registrationNumber'), 'OT54321');
      assert.equal(inputValue(next, 'organisation'), 'Mid Yorkshire NHS Trust');
      assert.equal(inputValue(next, 'contactDetails'), '01924 000000');
      // "report <ref>" shows the saved report; "report <ref> edit" the form again, as saved.
      const [again] = await bot.say(OT, `report ${ref}`);
      assert.match(cardText(again), /\[Change the report\]/);
      const [edit] = await bot.say(OT, `report ${ref} edit`);
      assert.equal(inputValue(edit, 'recommendations'), 'phased_return');
      assert.equal(inputValue(edit, 'registrationNumber'), 'OT54321');
      // Another practitioner changing it is not given the author's registration: saving names them.
      const [leadEdit] = await bot.say(LEAD, `report ${ref} edit`);
      assert.equal(inputValue(leadEdit, 'registrationNumber'), '');
      assert.equal(inputValue(leadEdit, 'recommendations'), 'phased_return');
      assert.match(cardText(leadEdit), /names you as its practitioner/);
    });
  });
});
