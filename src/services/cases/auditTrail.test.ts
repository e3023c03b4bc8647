import { strict as assert } from 'node:assert';
import {
  addStaff,
  allAudit,
  caseAudit,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { AUDIT_TRAIL_LIMIT, caseAuditTrail } from './auditTrail';
import { viewCase } from './case';

describe('caseAuditTrail (audit <ref>)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it("shows the lead who did what to the case, its own read included, with the staff's names", async () => {
    await addStaff(w.deps, lead, ot);
    const c = await seedCase(w.deps);
    const other = await seedCase(w.deps);
    okValue(await viewCase(w.deps, ot, c.ref));
    okValue(await viewCase(w.deps, ot, other.ref));
    w.clock.advance(60_000);
    const trail = okValue(await caseAuditTrail(w.deps, lead, c.ref));
    assert.equal(trail.record.id, c.id);
    assert.deepEqual(
      trail.entries.map((e) => [e.action, e.actor]),
      [
        ['case.audit', lead.aadObjectId],
        ['case.read', ot.aadObjectId],
      ],
      'newest first, and only this case',
    );
    assert.equal(trail.names[ot.aadObjectId], ot.name);
    assert.equal(trail.names[lead.aadObjectId], lead.name);
  });

  it('shows at most the latest entries', async () => {
    const c = await seedCase(w.deps);
    for (let i = 0; i < AUDIT_TRAIL_LIMIT + 2; i++) {
      w.clock.advance(1000);
      okValue(await viewCase(w.deps, ot, c.ref));
    }
    w.clock.advance(1000);
    const trail = okValue(await caseAuditTrail(w.deps, lead, c.ref));
    assert.equal(trail.entries.length, AUDIT_TRAIL_LIMIT);
    assert.equal(trail.entries[0]!.action, 'case.audit');
  });

  it('refuses an OT and a nurse, and audits each refusal naming the case attempted', async () => {
    const c = await seedCase(w.deps);
    for (const who of [ot, nurse]) {
      assert.match(expectKind(await caseAuditTrail(w.deps, who, c.ref), 'forbidden').message, /service lead/);
    }
    const refusals = await allAudit(w, { action: 'case.audit', outcome: 'refused' });
    assert.deepEqual(refusals.map((e) => e.actor).sort(), [ot.aadObjectId, nurse.aadObjectId].sort());
    assert.ok(refusals.every((e) => e.caseRef === c.ref && e.caseId === undefined));
  });

  it("answers not found for another service's case and shows none of its trail", async () => {
    const theirs = await seedCase(w.deps, {}, OTHER_SERVICE);
    expectKind(await caseAuditTrail(w.deps, lead, theirs.ref), 'not_found');
    assert.deepEqual(await caseAudit(w.deps, theirs), []);
  });
});
