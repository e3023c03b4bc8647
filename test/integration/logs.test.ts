import { strict as assert } from 'node:assert';
import { cardText } from '../support/cards';
import { formData, referAndAcceptPatient, referPatient, SERVICE, startCaseworkBot } from '../support/casework';
import { LEAD, NURSE, NURSE2, OT, OT2, OTHER_LEAD, validReferral, validReport } from '../support/people';
import { seedCase } from '../support/seedCases';
import { TestBot } from '../support/testBot';

describe('logs hold no patient data', () => {
  it('writes no name, NHS number, date of birth, phone or note through whole flows (at debug level)', async () => {
    const bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, LOG_LEVEL: 'trace' } });
    try {
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
      const data = validReferral({
        patientName: 'Quentin Zebedee',
        nhsNumber: '943 476 5919',
        dateOfBirth: '1971-03-14',
        phone: '07700 900456',
        notes: 'Secret note about stairs',
      });
      await bot.invoke(NURSE, 'referral.submit', { ...data, nhsNumber: '943 476 5918' }); // refused
      await bot.invoke(NURSE, 'referral.submit', data);
      await bot.invoke(NURSE, 'referral.submit', data); // replay
      await bot.say(OT, 'find Quentin');
      await bot.say(OT, 'find 943 476 5919');
      await bot.say(NURSE, 'find zebedee');
      const log = bot.logLines.join('\n');
      assert.ok(bot.logLines.length > 10, 'the flows were logged');
      assert.match(log, /referral\.created/);
      for (const secret of [
        /Quentin/i,
        /Zebedee/i,
        /9434765919/,
        /943 476 591/,
        /1971-03-14/,
        /07700/,
        /Secret note/,
      ]) {
        assert.doesNotMatch(log, secret);
      }
    } finally {
      await bot.stop();
    }
  });
});

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const refer = (overrides?: Record<string, unknown>) => referPatient(bot, overrides);
  const referAndAccept = (overrides?: Record<string, unknown>) => referAndAcceptPatient(bot, overrides);

  /**
   * Every kind of casework turn, with patient data in it: saved, replayed, raced, stale, refused,
   * bad input, another service's, a large caseload and an alert whose delivery failed.
   */
  before(async () => {
    bot = await startCaseworkBot();
    const session = (caseId: string, id: string, notes: string, extra: Record<string, unknown> = {}) => ({
      caseId,
      submissionId: id,
      date: '2026-11-25',
      mode: 'home_visit',
      durationMinutes: '60',
      topics: 'confidence,pacing',
      notes,
      ...extra,
    });

    // New referrals: alerts, two OTs accepting at once, a decline (without a reason first).
    const raced = await refer();
    await Promise.all([OT, OT2].map((who) => bot.invoke(who, 'referral.accept', { caseId: raced.caseId })));
    const declined = await refer();
    await bot.invoke(OT, 'referral.decline', { caseId: declined.caseId, reason: '  ' });
    const decline = await bot.invoke(OT, 'referral.decline', {
      caseId: declined.caseId,
      reason: 'Not in work and not seeking work',
    });
    assert.match(cardText(decline), /declined/);
    await bot.say(NURSE, `case ${declined.ref}`);
    await bot.invoke(OT2, 'referral.accept', { caseId: declined.caseId });
    // An alert whose first deliveries fail.
    bot.connector.failNext({ status: 500 }, 3);
    assert.match(cardText(await bot.invoke(NURSE, 'referral.submit', validReferral())), /Referral sent/);
    await bot.settle();

    // The case hub and sessions: saved, replayed, refused for bad input, read by OT, nurse and others.
    const { caseId, ref } = await referAndAccept();
    await bot.invoke(OT, 'session.submit', session(caseId, `s-${caseId}`, 'Discussed pacing at home'));
    for (const who of [OT2, NURSE, NURSE2]) await bot.say(who, `case ${ref}`);
    await bot.say(OT, 'case RTW-9999');
    const [logForm] = await bot.say(OT, `log ${ref}`);
    const hidden = formData(logForm, 'session.submit');
    const visit = { ...hidden, ...session(caseId, String(hidden.submissionId), 'Home visit; keen to return') };
    assert.match(cardText(await bot.invoke(OT, 'session.submit', visit)), /Session saved/);
    await bot.invoke(OT, 'session.submit', visit);
    await bot.invoke(OT, 'session.submit', { ...visit, submissionId: `bad-${caseId}`, date: '2026-11-26' });

    // Fit notes: saved, replayed, refused by the Med3 rules.
    const [fitForm] = await bot.say(OT, `fitnote ${ref}`);
    const fitNote = {
      ...formData(fitForm, 'fitnote.submit'),
      status: 'may_be_fit',
      advice: 'phased_return',
      startDate: '2026-11-25',
      endDate: '2027-01-06',
      issuedBy: 'Dr Patel',
    };
    assert.match(cardText(await bot.invoke(OT, 'fitnote.submit', fitNote)), /Fit note saved/);
    await bot.invoke(OT, 'fitnote.submit', fitNote);
    await bot.invoke(OT, 'fitnote.submit', { ...fitNote, submissionId: `badf-${caseId}`, endDate: '2026-11-20' });

    // The plan (a row added, saved, a stale save, bad input) and the employer report with and without consent.
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
    const [planA] = await bot.say(OT, `plan ${ref}`);
    const [planB] = await bot.say(OT2, `plan ${ref}`);
    await bot.invoke(OT, 'plan.addPhase', { ...formData(planA, 'plan.addPhase'), ...plan });
    await bot.invoke(OT, 'plan.submit', { ...formData(planA, 'plan.submit'), ...plan, phase1Days: '8' });
    const saved = await bot.invoke(OT, 'plan.submit', {
      ...formData(planA, 'plan.submit'),
      ...plan,
      employerConsent: 'false',
    });
    assert.match(cardText(saved), /Plan saved/);
    await bot.say(OT, `report ${ref}`);
    const stale = await bot.invoke(OT2, 'plan.submit', { ...formData(planB, 'plan.submit'), ...plan });
    assert.match(cardText(stale), /NOT saved/);
    await bot.invoke(OT, 'plan.submit', { ...formData(saved, 'plan.submit'), ...plan, employerConsent: 'true' });
    // The report is a form the OT fills in (the AHP Health and Work Report's parts); saving it draws it.
    const [reportForm] = await bot.say(OT, `report ${ref}`);
    const report = await bot.invoke(OT, 'report.submit', {
      ...formData(reportForm, 'report.submit'),
      ...validReport(),
    });
    assert.ok(cardText(report).includes('Rest breaks every 2 hours'), 'the report was drawn');

    // Nobody else may: a nurse, and the lead of another service.
    await bot.invoke(NURSE, 'session.submit', session(caseId, `n-${caseId}`, 'Discussed pacing again'));
    await bot.say(NURSE, `log ${ref}`);
    await bot.say(OTHER_LEAD, `case ${ref}`);
    await bot.invoke(OTHER_LEAD, 'session.submit', session(caseId, `o-${caseId}`, 'Discussed pacing elsewhere'));

    // Discharge: bad input, done, replayed; the case is then found but not in the caseload.
    const [dischargeForm] = await bot.say(OT, `discharge ${ref}`);
    const discharge = { ...formData(dischargeForm, 'case.discharge'), date: '2026-11-25', notes: 'Back at work' };
    await bot.invoke(OT, 'case.discharge', { ...discharge, outcome: 'went_fishing', date: '2026-11-30' });
    const done = await bot.invoke(OT, 'case.discharge', { ...discharge, outcome: 'returned_phased' });
    assert.match(cardText(done), /discharged/);
    await bot.invoke(OT, 'case.discharge', { ...discharge, outcome: 'retired' });
    for (const command of ['caseload', `find ${ref}`, `case ${ref}`, `log ${ref}`]) await bot.say(OT, command);

    // A caseload of several pages, and the whole service's.
    for (let i = 0; i < 25; i++) {
      const spec = {
        ref: `RTW-${5000 + i}`,
        name: `Bulk Patient With A Rather Long Name Number ${i}`,
        referredOn: '2026-10-10',
        acceptedOn: '2026-10-11',
        sessions: [['2026-11-15', 'telephone']] as [string, 'telephone'][],
        fitNotes: [['not_fit', '2026-11-01', '2026-12-01']] as ['not_fit', string, string][],
      };
      await bot.app.store.cases.create({ ...seedCase(spec, NURSE, OT2), serviceId: SERVICE });
    }
    const [page1] = await bot.say(OT2, 'caseload');
    assert.match(cardText(page1), /Bulk Patient/);
    await bot.say(OT2, 'caseload 2');
    await bot.say(LEAD, 'caseload all');
    await bot.say(OT, 'caseload all');
  });
  after(() => bot.stop());

  describe('logs', () => {
    it('hold no patient names, NHS numbers, dates of birth, phone numbers or note text after every kind of casework turn', () => {
      assert.ok(bot.logLines.length > 20);
      for (const secret of [
        'Alan Testpatient',
        'Bulk Patient',
        '9434765919',
        '943 476 5919',
        '1968-04-12',
        '07700 900123',
        'Discussed pacing',
        'Home visit; keen',
        'Rest breaks every 2 hours',
        'Not in work and not seeking',
        'Back at work',
        'Dr Patel',
      ]) {
        assert.ok(!bot.logLines.some((l) => l.includes(secret)), secret);
      }
    });
  });
});
