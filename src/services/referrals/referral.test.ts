import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { freshNhsNumber, validReferral } from '../../../test/support/people';
import {
  addStaff,
  allAudit,
  discharged,
  expectKind,
  lead,
  nurse,
  nurse2,
  okValue,
  ot,
  SERVICE,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { submitReferral } from './referral';

describe('submitReferral (referral.submit)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  const casesOfService = () => w.deps.store.cases.listAll(SERVICE);

  it('opens a referred case under the card’s submission id with the next reference, and audits it', async () => {
    const data = validReferral({ nhsNumber: '943 476 5919' });
    const result = okValue(await submitReferral(w.deps, nurse, data));
    assert.equal(result.duplicate, false);
    const [stored, ...more] = await casesOfService();
    assert.equal(more.length, 0);
    assert.equal(stored!.id, data.submissionId);
    assert.equal(stored!.ref, 'RTW-0001');
    assert.equal(stored!.status, 'referred');
    assert.equal(stored!.assignedOt, undefined);
    assert.equal(stored!.patient.nhsNumber, '9434765919');
    assert.equal(stored!.patient.nameKey, 'alan testpatient');
    assert.deepEqual(stored!.referredBy, { aadObjectId: nurse.aadObjectId, name: nurse.name });
    assert.equal(stored!.referral.referredOn, '2026-11-25');
    assert.deepEqual(stored!.referral.jobDemands, ['manual_handling', 'shift_work']);
    assert.deepEqual(
      stored!.fitNotes.map((n) => [n.status, n.startDate, n.endDate]),
      [['not_fit', '2026-10-24', '2026-12-05']],
      'the fit note on the referral becomes the case’s first',
    );
    const entries = await allAudit(w, { action: 'referral.submit' });
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.caseId, e.caseRef]),
      [['ok', stored!.id, 'RTW-0001']],
    );
  });

  it('gives referrals made at the same moment different references', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => submitReferral(w.deps, nurse, validReferral())));
    const refs = answers.map((a) => okValue(a).record.ref).sort();
    assert.deepEqual(refs, ['RTW-0001', 'RTW-0002', 'RTW-0003']);
  });

  it('takes the next number when the one it read was taken before it wrote (any instance, same service)', async () => {
    okValue(await submitReferral(w.deps, nurse, validReferral()));
    // Two readings of "next is 2": the first referral to write takes it; the other is told, writes
    // nothing, and takes 3 by the store's increment.
    const stale = await w.deps.store.cases.peekRef(SERVICE);
    okValue(await submitReferral(w.deps, nurse, validReferral()));
    const peek = sinon.stub(w.deps.store.cases, 'peekRef').resolves(stale);
    try {
      const third = okValue(await submitReferral(w.deps, nurse, validReferral()));
      assert.equal(peek.callCount, 1);
      assert.equal(third.record.ref, 'RTW-0003');
    } finally {
      peek.restore();
    }
    assert.deepEqual((await casesOfService()).map((c) => c.ref).sort(), ['RTW-0001', 'RTW-0002', 'RTW-0003']);
    assert.equal((await w.deps.store.cases.peekRef(SERVICE)).number, 4, 'no number lost or given twice');
  });

  it('names every bad field, opens no case and takes no reference number', async () => {
    const outcome = expectKind(
      await submitReferral(
        w.deps,
        nurse,
        validReferral({ nhsNumber: '943 476 5918', consent: 'false', eventType: '' }),
      ),
      'invalid',
    );
    assert.deepEqual(Object.keys(outcome.errors).sort(), ['consent', 'eventType', 'nhsNumber']);
    assert.match(outcome.errors.nhsNumber!, /check digit/);
    assert.deepEqual(await casesOfService(), []);
    const [entry] = await allAudit(w, { action: 'referral.submit' });
    assert.equal(entry?.outcome, 'invalid');
    assert.deepEqual([...(entry!.detail!.fields as string[])].sort(), ['consent', 'eventType', 'nhsNumber']);
    // The typed NHS number in either form (not a fragment such as '943', which a random entry id may hold).
    const audited = JSON.stringify(entry);
    assert.ok(!audited.includes('9434765918') && !audited.includes('943 476 5918'), 'no value typed is audited');
    assert.equal(okValue(await submitReferral(w.deps, nurse, validReferral())).record.ref, 'RTW-0001');
  });

  it('answers the same submission sent twice with the case it opened, writing once', async () => {
    const data = validReferral();
    const first = okValue(await submitReferral(w.deps, nurse, data));
    const again = okValue(await submitReferral(w.deps, nurse, { ...data }));
    assert.equal(again.duplicate, true);
    assert.equal(again.record.ref, first.record.ref);
    assert.equal((await casesOfService()).length, 1);
    assert.equal(okValue(await submitReferral(w.deps, nurse, validReferral())).record.ref, 'RTW-0002');
    const outcomes = (await allAudit(w, { action: 'referral.submit', caseId: first.record.id })).map((e) => e.outcome);
    assert.deepEqual(outcomes.sort(), ['duplicate', 'ok']);
  });

  it('opens one case when two copies of one submission race', async () => {
    const data = validReferral();
    const answers = await Promise.all([
      submitReferral(w.deps, nurse, data),
      submitReferral(w.deps, nurse, { ...data }),
    ]);
    assert.deepEqual(answers.map((a) => okValue(a).duplicate).sort(), [false, true]);
    assert.equal(okValue(answers[0]!).record.ref, okValue(answers[1]!).record.ref);
    assert.equal((await casesOfService()).length, 1);
  });

  it('refuses another person’s submission id without revealing the case', async () => {
    const data = validReferral();
    okValue(await submitReferral(w.deps, nurse, data));
    const replay = expectKind(
      await submitReferral(w.deps, nurse2, { ...data, nhsNumber: freshNhsNumber() }),
      'conflict',
    );
    assert.equal(replay.message.includes('RTW-'), false);
    assert.equal((await casesOfService()).length, 1);
    const [refusal, ...more] = await allAudit(w, { action: 'referral.submit', outcome: 'refused' });
    assert.equal(more.length, 0);
    assert.equal(refusal!.actor, nurse2.aadObjectId);
    assert.equal(refusal!.caseId, undefined);
    assert.equal(refusal!.detail?.reason, 'submission_id_reused');
  });

  it('refuses a second open referral for one patient, naming the open case only to those who may read it', async () => {
    const nhsNumber = freshNhsNumber();
    const open = okValue(await submitReferral(w.deps, nurse, validReferral({ nhsNumber }))).record;
    const toReferrer = expectKind(await submitReferral(w.deps, nurse, validReferral({ nhsNumber })), 'invalid');
    assert.match(toReferrer.errors.nhsNumber!, new RegExp(open.ref));
    const toOt = expectKind(await submitReferral(w.deps, ot, validReferral({ nhsNumber })), 'invalid');
    assert.match(toOt.errors.nhsNumber!, new RegExp(open.ref));
    const toOtherNurse = expectKind(await submitReferral(w.deps, nurse2, validReferral({ nhsNumber })), 'invalid');
    assert.deepEqual(Object.keys(toOtherNurse.errors), ['nhsNumber']);
    assert.equal(toOtherNurse.errors.nhsNumber!.includes(open.ref), false);
    assert.equal((await casesOfService()).length, 1);
    const refusals = await allAudit(w, { action: 'referral.submit', outcome: 'refused' });
    assert.equal(refusals.length, 3);
    assert.ok(refusals.every((e) => e.detail?.reason === 'open_case_exists' && e.caseId === open.id));
  });

  it('takes a new referral for a patient whose earlier case was discharged', async () => {
    const old = await seedCase(w.deps, { ...discharged() });
    const again = okValue(
      await submitReferral(w.deps, nurse, validReferral({ nhsNumber: old.patient.nhsNumber })),
    ).record;
    assert.notEqual(again.id, old.id);
    assert.equal(again.status, 'referred');
  });

  it('tells the service’s OTs and leads after answering, and a failing alert never fails the referral', async () => {
    await addStaff(w.deps, nurse, ot, lead);
    okValue(await submitReferral(w.deps, nurse, validReferral()));
    await w.deps.background.idle();
    assert.deepEqual(w.notifier.sent.map((s) => s.to.aadObjectId).sort(), [lead.aadObjectId, ot.aadObjectId].sort());

    w.notifier.sendCard = () => Promise.reject(new Error('Teams is away'));
    okValue(await submitReferral(w.deps, nurse, validReferral()));
    await w.deps.background.idle();
    assert.equal((await casesOfService()).length, 2);
  });
});
