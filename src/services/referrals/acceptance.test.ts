import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  contentOf,
  declined,
  discharged,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  ot2,
  referred,
  reread,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { WORK_REFUSAL } from '../cases/access';
import { acceptReferral, declineReferral } from './acceptance';

describe('acceptReferral (referral.accept)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('assigns the referral to the OT who pressed Accept, today, and audits it', async () => {
    const c = await seedCase(w.deps, referred());
    const result = okValue(await acceptReferral(w.deps, ot2, { caseId: c.id }));
    assert.equal(result.already, false);
    const stored = await reread(w.deps, c);
    assert.equal(stored.status, 'active');
    assert.deepEqual(stored.assignedOt, { aadObjectId: ot2.aadObjectId, name: ot2.name });
    assert.equal(stored.acceptedOn, '2026-11-25');
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'referral.accept')).map((e) => [e.outcome, e.actor]),
      [['ok', ot2.aadObjectId]],
    );
  });

  it('answers a second press by the same OT as already theirs, writing nothing', async () => {
    const c = await seedCase(w.deps, referred());
    okValue(await acceptReferral(w.deps, ot, { caseId: c.id }));
    const before = await reread(w.deps, c);
    assert.equal(okValue(await acceptReferral(w.deps, ot, { caseId: c.id })).already, true);
    assert.equal((await reread(w.deps, c))._etag, before._etag);
    assert.deepEqual((await caseAudit(w.deps, c, 'referral.accept')).map((e) => e.outcome).sort(), ['duplicate', 'ok']);
  });

  it('tells a later OT who has the case', async () => {
    const c = await seedCase(w.deps, referred());
    okValue(await acceptReferral(w.deps, ot, { caseId: c.id }));
    const late = expectKind(await acceptReferral(w.deps, ot2, { caseId: c.id }), 'conflict');
    assert.equal(late.message, `${c.ref} has already been accepted by ${ot.name}.`);
    assert.equal((await reread(w.deps, c)).assignedOt?.aadObjectId, ot.aadObjectId);
  });

  it('of two OTs pressing Accept at once, gives the case to one and tells the other', async () => {
    const c = await seedCase(w.deps, referred());
    const [a, b] = await Promise.all([
      acceptReferral(w.deps, ot, { caseId: c.id }),
      acceptReferral(w.deps, ot2, { caseId: c.id }),
    ]);
    assert.deepEqual([a.kind, b.kind].sort(), ['conflict', 'ok']);
    const winner = a.kind === 'ok' ? ot : ot2;
    assert.equal((await reread(w.deps, c)).assignedOt?.aadObjectId, winner.aadObjectId);
    const loser = (a.kind === 'conflict' ? a : b) as { message: string };
    assert.match(loser.message, new RegExp(`accepted by ${winner.name}`));
  });

  it('refuses a nurse and audits it', async () => {
    const c = await seedCase(w.deps, referred());
    assert.equal(expectKind(await acceptReferral(w.deps, nurse, { caseId: c.id }), 'forbidden').message, WORK_REFUSAL);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'referral.accept')).map((e) => e.outcome),
      ['refused'],
    );
  });

  it('refuses a declined referral and a discharged case', async () => {
    const d = await seedCase(w.deps, declined());
    assert.match(expectKind(await acceptReferral(w.deps, ot, { caseId: d.id }), 'conflict').message, /declined/);
    assert.deepEqual(contentOf(await reread(w.deps, d)), contentOf(d));
    const x = await seedCase(w.deps, { ...referred(), ...discharged() });
    assert.match(expectKind(await acceptReferral(w.deps, lead, { caseId: x.id }), 'conflict').message, /discharged/);
    assert.deepEqual(contentOf(await reread(w.deps, x)), contentOf(x));
    assert.deepEqual(
      (await caseAudit(w.deps, x, 'referral.accept')).map((e) => e.outcome),
      ['conflict'],
    );
  });

  it("answers not found for another service's referral", async () => {
    const theirs = await seedCase(w.deps, referred(), OTHER_SERVICE);
    expectKind(await acceptReferral(w.deps, ot, { caseId: theirs.id }), 'not_found');
    assert.equal((await reread(w.deps, theirs)).status, 'referred');
  });
});

describe('declineReferral (referral.decline)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('declines a waiting referral with the reason, who and when', async () => {
    const c = await seedCase(w.deps, referred());
    assert.equal(
      okValue(await declineReferral(w.deps, lead, { caseId: c.id, reason: ' Not in work ' })).already,
      false,
    );
    const stored = await reread(w.deps, c);
    assert.equal(stored.status, 'declined');
    assert.deepEqual(stored.decline, {
      reason: 'Not in work',
      by: { aadObjectId: lead.aadObjectId, name: lead.name },
      on: '2026-11-25',
    });
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'referral.decline')).map((e) => e.outcome),
      ['ok'],
    );
  });

  it('asks for a reason and writes nothing without one', async () => {
    const c = await seedCase(w.deps, referred());
    const outcome = expectKind(await declineReferral(w.deps, ot, { caseId: c.id, reason: '   ' }), 'invalid');
    assert.deepEqual(Object.keys(outcome.errors), ['reason']);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'referral.decline')).map((e) => [e.outcome, e.detail?.fields]),
      [['invalid', ['reason']]],
    );
  });

  it('answers a second decline as already done', async () => {
    const c = await seedCase(w.deps, referred());
    okValue(await declineReferral(w.deps, ot, { caseId: c.id, reason: 'Retired' }));
    const again = okValue(await declineReferral(w.deps, ot, { caseId: c.id, reason: 'Changed my mind' }));
    assert.equal(again.already, true);
    assert.equal((await reread(w.deps, c)).decline?.reason, 'Retired');
  });

  it('refuses to decline an accepted case, pointing to discharge', async () => {
    const c = await seedCase(w.deps);
    const outcome = expectKind(await declineReferral(w.deps, ot2, { caseId: c.id, reason: 'No' }), 'conflict');
    assert.match(outcome.message, new RegExp(`accepted by ${ot.name}; it can be discharged instead`));
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
  });

  it('lets exactly one of an accept and a decline pressed at once stand', async () => {
    const c = await seedCase(w.deps, referred());
    const [accepted, refused] = await Promise.all([
      acceptReferral(w.deps, ot, { caseId: c.id }),
      declineReferral(w.deps, ot2, { caseId: c.id, reason: 'Not eligible' }),
    ]);
    assert.deepEqual([accepted.kind, refused.kind].sort(), ['conflict', 'ok']);
    const stored = await reread(w.deps, c);
    if (accepted.kind === 'ok') {
      assert.equal(stored.status, 'active');
      assert.equal(stored.decline, undefined);
    } else {
      assert.equal(stored.status, 'declined');
      assert.equal(stored.assignedOt, undefined);
    }
  });

  it('refuses a nurse and audits it; another service’s referral is not found', async () => {
    const c = await seedCase(w.deps, referred());
    expectKind(await declineReferral(w.deps, nurse, { caseId: c.id, reason: 'x' }), 'forbidden');
    const theirs = await seedCase(w.deps, referred(), OTHER_SERVICE);
    expectKind(await declineReferral(w.deps, ot, { caseId: theirs.id, reason: 'x' }), 'not_found');
    assert.equal((await reread(w.deps, c)).status, 'referred');
    assert.equal((await reread(w.deps, theirs)).status, 'referred');
    assert.deepEqual((await allAudit(w, { action: 'referral.decline' })).map((e) => e.outcome).sort(), [
      'not_found',
      'refused',
    ]);
  });
});
