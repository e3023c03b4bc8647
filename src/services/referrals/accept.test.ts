import { strict as assert } from 'node:assert';
import {
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
import { acceptReferral } from './accept';

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
