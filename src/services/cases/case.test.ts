import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  discharged,
  expectKind,
  nurse,
  nurse2,
  okValue,
  OTHER_SERVICE,
  ot,
  referred,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { WORK_REFUSAL } from './access';
import { openForWork, viewCase } from './case';

describe('viewCase (case <ref>)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('shows an OT the full case and audits the read before answering', async () => {
    const c = await seedCase(w.deps);
    const view = okValue(await viewCase(w.deps, ot, c.ref.toLowerCase()));
    assert.equal(view.record.id, c.id);
    assert.equal(view.statusOnly, false);
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.read')).map((e) => [e.outcome, e.actor, e.detail?.view]),
      [['ok', ot.aadObjectId, 'full']],
    );
  });

  it('shows the referring nurse the status only', async () => {
    const c = await seedCase(w.deps, referred(nurse));
    const view = okValue(await viewCase(w.deps, nurse, c.ref));
    assert.equal(view.statusOnly, true);
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.read')).map((e) => e.detail?.view),
      ['status'],
    );
  });

  it('does not confirm to another nurse that the case exists', async () => {
    const c = await seedCase(w.deps, referred(nurse));
    const miss = expectKind(await viewCase(w.deps, nurse2, c.ref), 'not_found');
    // "There is no case" would be false: it is a colleague's referral. The same words for a case that does not exist.
    assert.equal(
      miss.message,
      `${c.ref} is not one of the cases you referred, so it cannot be shown to you. The occupational therapists of your service can see every case.`,
    );
    assert.equal((await caseAudit(w.deps, c)).length, 0, 'nothing about the case itself is written');
    assert.equal(
      (await allAudit(w, { action: 'case.read', outcome: 'not_found', actor: nurse2.aadObjectId })).length,
      1,
    );
  });

  it("answers not found for another service's reference", async () => {
    const theirs = await seedCase(w.deps, {}, OTHER_SERVICE);
    expectKind(await viewCase(w.deps, ot, theirs.ref), 'not_found');
    assert.equal((await caseAudit(w.deps, theirs)).length, 0);
  });

  it('says that text which is no reference is not one', async () => {
    const miss = expectKind(await viewCase(w.deps, ot, 'Alan'), 'not_found');
    assert.match(miss.message, /is not a case reference: use the form RTW-0042/);
  });

  it('still opens a discharged case for reading', async () => {
    const c = await seedCase(w.deps, discharged());
    assert.equal(okValue(await viewCase(w.deps, ot, c.ref)).record.status, 'discharged');
  });
});

describe('openForWork (log, fitnote, plan, discharge forms)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('offers a form on an accepted case and audits that it was opened', async () => {
    const c = await seedCase(w.deps);
    assert.equal(okValue(await openForWork(w.deps, ot, { ref: c.ref }, 'session')).id, c.id);
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'case.form.session')).map((e) => e.outcome),
      ['ok'],
    );
  });

  it('refuses a nurse, naming the case attempted in the audit', async () => {
    const c = await seedCase(w.deps, referred(nurse));
    assert.equal(
      expectKind(await openForWork(w.deps, nurse, { ref: c.ref }, 'plan'), 'forbidden').message,
      WORK_REFUSAL,
    );
    const [entry, ...more] = await allAudit(w, { action: 'case.form.plan' });
    assert.equal(more.length, 0);
    assert.equal(entry!.outcome, 'refused');
    assert.equal(entry!.caseRef, c.ref);
    assert.equal(entry!.caseId, undefined, 'nothing is read for a refusal');
  });

  it('offers only the discharge form on a referral not yet accepted', async () => {
    const c = await seedCase(w.deps, referred());
    for (const form of ['session', 'fitnote', 'plan'] as const) {
      assert.match(
        expectKind(await openForWork(w.deps, ot, { caseId: c.id }, form), 'conflict').message,
        /has not been accepted yet/,
      );
    }
    okValue(await openForWork(w.deps, ot, { caseId: c.id }, 'discharge'));
  });

  it('offers no form at all on a discharged case', async () => {
    const c = await seedCase(w.deps, discharged());
    for (const form of ['session', 'fitnote', 'plan', 'discharge'] as const) {
      expectKind(await openForWork(w.deps, ot, { caseId: c.id }, form), 'conflict');
    }
    const outcomes = (await caseAudit(w.deps, c)).map((e) => e.outcome);
    assert.deepEqual(outcomes, ['conflict', 'conflict', 'conflict', 'conflict']);
  });

  it('refuses a card id that is not a plain token without looking it up', async () => {
    expectKind(await openForWork(w.deps, ot, { caseId: "x' OR 1=1 --" }, 'session'), 'not_found');
    expectKind(await openForWork(w.deps, ot, { caseId: 42 }, 'session'), 'not_found');
  });
});
