import { strict as assert } from 'node:assert';
import { cardText, fieldError, inputValue, unresolvedBindings } from '../support/cards';
import { LEAD, NURSE, NURSE2, OT, validReferral } from '../support/people';
import { allDocs, snapshot } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

describe('referral through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE2.aadObjectId, name: NURSE2.name, role: 'nurse' });
  });
  after(() => bot.stop());

  it('gives a nurse the referral form and creates RTW-0001, then RTW-0002', async () => {
    const [form] = await bot.say(NURSE, 'refer');
    assert.match(cardText(form), /Refer a patient/);
    assert.deepEqual(unresolvedBindings(form), []);
    const submit = form.actions.find((a: any) => a.type === 'Action.Execute' && a.verb === 'referral.submit');
    assert.ok(submit?.data?.submissionId, 'the form carries a submissionId');

    const card = await bot.invoke(
      NURSE,
      'referral.submit',
      validReferral({ submissionId: submit.data.submissionId, nhsNumber: '943 476 5919' }),
    );
    assert.match(cardText(card), /Referral sent: RTW-0001/);
    assert.match(cardText(card), /943 476 5919/);
    assert.deepEqual(unresolvedBindings(card), []);

    const second = await bot.invoke(NURSE, 'referral.submit', validReferral({ patientName: 'Beth Second' }));
    assert.match(cardText(second), /RTW-0002/);

    const cases = await allDocs(bot.database, 'cases');
    const first = cases.find((c) => c.ref === 'RTW-0001');
    assert.equal(first.serviceId, 'mid-yorkshire');
    assert.equal(first.patient.nhsNumber, '9434765919');
    assert.equal(first.status, 'referred');
    assert.equal(first.referredBy.aadObjectId, NURSE.aadObjectId);
    assert.equal(first.fitNotes.length, 1, 'the fit note on the referral is kept');
  });

  it('creates one case for a card submitted twice and answers the same confirmation', async () => {
    const data = validReferral({ patientName: 'Dora Double' });
    const [a, b] = [await bot.invoke(NURSE, 'referral.submit', data), await bot.invoke(NURSE, 'referral.submit', data)];
    assert.deepEqual(a, b);
    const c = await bot.invoke(NURSE, 'referral.submit', data);
    assert.deepEqual(c, a);
    const dora = (await allDocs(bot.database, 'cases')).filter((x) => x.patient.name === 'Dora Double');
    assert.equal(dora.length, 1);
  });

  it('creates one case when the same submission arrives several times at once (Teams retry)', async () => {
    const data = validReferral({ patientName: 'Rita Retry' });
    const cards = await Promise.all([1, 2, 3, 4].map(() => bot.invoke(NURSE, 'referral.submit', data)));
    const refs = new Set(cards.map((c) => /RTW-\d+/.exec(cardText(c))?.[0]));
    assert.equal(refs.size, 1, 'every answer names the same reference');
    assert.equal((await allDocs(bot.database, 'cases')).filter((x) => x.patient.name === 'Rita Retry').length, 1);
  });

  it('gives distinct references to referrals arriving at the same moment', async () => {
    const cards = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        bot.invoke(i % 2 ? NURSE : OT, 'referral.submit', validReferral({ patientName: `Concurrent ${i}` })),
      ),
    );
    const refs = cards.map((c) => /RTW-\d{4,}/.exec(cardText(c))?.[0]);
    assert.ok(refs.every(Boolean), 'every referral was confirmed');
    assert.equal(new Set(refs).size, refs.length, `references must be unique: ${refs.join(', ')}`);
    const all = (await allDocs(bot.database, 'cases')).map((c) => c.ref);
    assert.equal(new Set(all).size, all.length);
  });

  it('refuses a second open referral for the same NHS number, naming the open case', async () => {
    // Its own patient, so that the test does not lean on the referrals made by the tests above.
    const nhsNumber = '9997420519';
    const first = await bot.invoke(NURSE, 'referral.submit', validReferral({ patientName: 'Olive Open', nhsNumber }));
    const openRef = /RTW-\d{4,}/.exec(cardText(first))?.[0];
    assert.ok(openRef, cardText(first));
    const before = await snapshot(bot.database);
    const card = await bot.invoke(NURSE, 'referral.submit', validReferral({ patientName: 'Olive Again', nhsNumber }));
    assert.match(fieldError(card, 'nhsNumber') ?? '', new RegExp(`already has an open referral, ${openRef}`));
    assert.equal(inputValue(card, 'patientName'), 'Olive Again');
    assert.equal(await snapshot(bot.database), before);
    // Another nurse learns that the patient is already with the service, not which case it is.
    const other = await bot.invoke(NURSE2, 'referral.submit', validReferral({ nhsNumber }));
    assert.match(fieldError(other, 'nhsNumber') ?? '', /already has an open referral with the service/);
    assert.doesNotMatch(JSON.stringify(other), new RegExp(openRef));
  });

  describe('bad input: the form again, values kept, problem named, nothing written', () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['a missing name', { patientName: '' }, 'patientName', /Enter the patient/],
      ['a failing NHS check digit', { nhsNumber: '943 476 5918' }, 'nhsNumber', /check digit/],
      ['an event in the future', { eventDate: '2026-12-01' }, 'eventDate', /future/],
      ['a fit note ending before it starts', { fitNoteEnd: '2026-10-01' }, 'fitNoteEnd', /before it starts/],
      ['a fit note over 3 months early on', { fitNoteEnd: '2027-03-01' }, 'fitNoteEnd', /3 months/],
      ['an unknown event type', { eventType: 'stroke' }, 'eventType', /from the list/],
      ['an unknown employment status', { employmentStatus: 'pirate' }, 'employmentStatus', /from the list/],
      ['no consent', { consent: 'false' }, 'consent', /agree/],
    ];
    for (const [what, overrides, field, message] of cases) {
      it(`refuses ${what}`, async () => {
        const before = await snapshot(bot.database);
        const data = validReferral(overrides);
        const card = await bot.invoke(NURSE, 'referral.submit', data);
        assert.match(fieldError(card, field) ?? '', message);
        assert.doesNotMatch(cardText(card), /Referral sent/);
        assert.equal(inputValue(card, 'patientName'), data.patientName);
        assert.equal(inputValue(card, 'occupation'), 'Warehouse supervisor');
        assert.equal(inputValue(card, 'jobDemands'), 'manual_handling,shift_work');
        assert.equal(inputValue(card, field), String(data[field]));
        const submit = card.actions.find((a: any) => a.verb === 'referral.submit');
        assert.equal(
          submit.data.submissionId,
          data.submissionId,
          'the same submission id, so a corrected resubmit stays idempotent',
        );
        assert.equal(await snapshot(bot.database), before, 'nothing was written');
      });
    }

    it('names several problems at once', async () => {
      const card = await bot.invoke(
        NURSE,
        'referral.submit',
        validReferral({ patientName: '', nhsNumber: '123', eventType: '' }),
      );
      assert.ok(fieldError(card, 'patientName') && fieldError(card, 'nhsNumber') && fieldError(card, 'eventType'));
      assert.match(cardText(card), /correct the 3 problems/);
    });
  });

  describe('the audit trail', () => {
    it('audits each referral with who, what, when and which case, without patient data', async () => {
      // Its own flows (a referral, its replay, bad input), so that it does not lean on the tests above.
      const submission = validReferral({ patientName: 'Audrey Audited', nhsNumber: '9997420527' });
      const made = await bot.invoke(NURSE, 'referral.submit', submission);
      const ref = /RTW-\d{4,}/.exec(cardText(made))?.[0];
      assert.ok(ref, cardText(made));
      await bot.invoke(NURSE, 'referral.submit', submission);
      await bot.invoke(NURSE, 'referral.submit', validReferral({ nhsNumber: '123' }));
      const entries = await allDocs(bot.database, 'audit');
      const created = entries.find((e) => e.action === 'referral.submit' && e.outcome === 'ok' && e.caseRef === ref);
      assert.ok(created, 'creation audited');
      assert.equal(created.actor, NURSE.aadObjectId);
      assert.ok(created.caseId && created.at);
      assert.ok(
        entries.some((e) => e.action === 'referral.submit' && e.outcome === 'invalid'),
        'rejected input audited',
      );
      assert.ok(
        entries.some((e) => e.action === 'referral.submit' && e.outcome === 'duplicate' && e.caseRef === ref),
        'replays audited',
      );
      assert.doesNotMatch(
        JSON.stringify(entries),
        /Testpatient|Audrey|Audited|9434765919|943 476 5919|9997420527|Anxious/,
      );
    });
  });
});
