import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  contentOf,
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
import { acceptReferral } from './accept';
import { declineReferral } from './decline';

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
