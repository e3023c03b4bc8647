import { strict as assert } from 'node:assert';
import { userId } from '../../../test/support/activities';
import {
  addStaff,
  allAudit,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  ot2,
  otherLead,
  SERVICE,
  world,
  type World,
} from '../../../test/support/useCases';
import { bootstrapLeads, identify, listStaff, PLACEHOLDER_NAME, removeStaff, saveStaff } from './staff';

const NEWCOMER = userId(42);

describe('identify (who is this Teams user?)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('knows staff by their AAD object id, whatever its case, and nobody else', async () => {
    await addStaff(w.deps, ot);
    assert.deepEqual(await identify(w.deps, ot.aadObjectId.toUpperCase()), ot);
    assert.equal(await identify(w.deps, NEWCOMER), null);
    assert.equal(await identify(w.deps, undefined), null);
  });

  it("learns a bootstrapped lead's name from Teams on first contact, and keeps it", async () => {
    await bootstrapLeads(w.deps, SERVICE, [NEWCOMER]);
    const actor = await identify(w.deps, NEWCOMER, '  Dana Lead ');
    assert.deepEqual(actor, { aadObjectId: NEWCOMER, name: 'Dana Lead', role: 'lead', serviceId: SERVICE });
    assert.equal((await w.deps.store.staff.findByAadObjectId(NEWCOMER))?.name, 'Dana Lead');
    assert.equal(
      (await identify(w.deps, NEWCOMER, 'Someone Else'))?.name,
      'Dana Lead',
      'only the placeholder is replaced',
    );
  });
});

describe('saveStaff (staff.submit)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    await addStaff(w.deps, lead, ot, otherLead);
  });
  afterEach(() => w.close());

  it("adds a person to the lead's own service, and audits who and which role (not the name)", async () => {
    const member = okValue(
      await saveStaff(w.deps, lead, { aadObjectId: NEWCOMER.toUpperCase(), name: ' Nina New ', role: 'nurse' }),
    );
    assert.deepEqual(
      [member.aadObjectId, member.serviceId, member.name, member.role, member.addedBy],
      [NEWCOMER, SERVICE, 'Nina New', 'nurse', lead.aadObjectId],
    );
    assert.deepEqual(await identify(w.deps, NEWCOMER), {
      aadObjectId: NEWCOMER,
      name: 'Nina New',
      role: 'nurse',
      serviceId: SERVICE,
    });
    const [entry] = await allAudit(w, { action: 'staff.submit' });
    assert.deepEqual([entry?.outcome, entry?.detail], ['ok', { member: NEWCOMER, role: 'nurse' }]);
    assert.equal(JSON.stringify(entry).includes('Nina'), false);
  });

  it('changes the role of someone already on the list', async () => {
    okValue(await saveStaff(w.deps, lead, { aadObjectId: ot.aadObjectId, name: ot.name, role: 'lead' }));
    assert.equal((await identify(w.deps, ot.aadObjectId))?.role, 'lead');
  });

  it('names every bad field and saves nothing', async () => {
    const outcome = expectKind(
      await saveStaff(w.deps, lead, { aadObjectId: 'not-an-id', name: 'x'.repeat(101), role: 'admin' }),
      'invalid',
    );
    assert.deepEqual(Object.keys(outcome.errors).sort(), ['aadObjectId', 'name', 'role']);
    assert.equal((await w.deps.store.staff.list(SERVICE)).length, 2);
    const [entry] = await allAudit(w, { action: 'staff.submit' });
    assert.deepEqual([entry?.outcome, entry?.detail?.fields], ['invalid', ['aadObjectId', 'name', 'role']]);
  });

  it('does not let a lead change their own role', async () => {
    const outcome = expectKind(
      await saveStaff(w.deps, lead, { aadObjectId: lead.aadObjectId, name: lead.name, role: 'ot' }),
      'invalid',
    );
    assert.deepEqual(Object.keys(outcome.errors), ['role']);
    assert.equal((await identify(w.deps, lead.aadObjectId))?.role, 'lead');
    assert.equal((await allAudit(w, { action: 'staff.submit', outcome: 'refused' }))[0]?.detail?.reason, 'own_role');
  });

  it('does not take a person from another service', async () => {
    const outcome = expectKind(
      await saveStaff(w.deps, lead, { aadObjectId: otherLead.aadObjectId, name: 'Mine Now', role: 'ot' }),
      'conflict',
    );
    assert.match(outcome.message, /another service/);
    assert.deepEqual(await identify(w.deps, otherLead.aadObjectId), otherLead);
  });

  it('refuses an OT and a nurse, and audits it', async () => {
    for (const who of [ot, nurse])
      expectKind(await saveStaff(w.deps, who, { aadObjectId: NEWCOMER, name: 'X', role: 'lead' }), 'forbidden');
    assert.equal(await identify(w.deps, NEWCOMER), null);
    assert.deepEqual(
      (await allAudit(w, { action: 'staff.submit' })).map((e) => e.outcome),
      ['refused', 'refused'],
    );
  });
});

describe('removeStaff (staff.remove)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    await addStaff(w.deps, lead, ot, ot2, otherLead);
  });
  afterEach(() => w.close());

  it('removes a person at once: they are nobody from the moment it is answered', async () => {
    assert.ok(await identify(w.deps, ot2.aadObjectId), 'known (and remembered) before');
    assert.deepEqual(
      okValue(await removeStaff(w.deps, lead, ot2.aadObjectId.toUpperCase())).aadObjectId,
      ot2.aadObjectId,
    );
    assert.equal(await identify(w.deps, ot2.aadObjectId), null);
    assert.deepEqual(
      (await allAudit(w, { action: 'staff.remove' })).map((e) => [e.outcome, e.detail?.member]),
      [['ok', ot2.aadObjectId]],
    );
  });

  it('does not let a lead remove themselves, nor take a malformed id', async () => {
    assert.deepEqual(Object.keys(expectKind(await removeStaff(w.deps, lead, lead.aadObjectId), 'invalid').errors), [
      'aadObjectId',
    ]);
    assert.deepEqual(Object.keys(expectKind(await removeStaff(w.deps, lead, 'robert'), 'invalid').errors), [
      'aadObjectId',
    ]);
    assert.deepEqual(Object.keys(expectKind(await removeStaff(w.deps, lead, { id: 1 }), 'invalid').errors), [
      'aadObjectId',
    ]);
    assert.ok(await identify(w.deps, lead.aadObjectId));
  });

  it("answers not found for another service's staff, who stay where they are", async () => {
    expectKind(await removeStaff(w.deps, lead, otherLead.aadObjectId), 'not_found');
    expectKind(await removeStaff(w.deps, lead, NEWCOMER), 'not_found');
    assert.deepEqual(await identify(w.deps, otherLead.aadObjectId), otherLead);
  });

  it('refuses an OT, who removes nobody, and audits it', async () => {
    expectKind(await removeStaff(w.deps, ot, ot2.aadObjectId), 'forbidden');
    assert.ok(await identify(w.deps, ot2.aadObjectId));
    assert.deepEqual(
      (await allAudit(w, { action: 'staff.remove' })).map((e) => [e.outcome, e.actor]),
      [['refused', ot.aadObjectId]],
    );
  });
});

describe('listStaff (staff)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    await addStaff(w.deps, lead, ot, nurse, otherLead);
  });
  afterEach(() => w.close());

  it("lists the lead's own service only", async () => {
    const ids = okValue(await listStaff(w.deps, lead)).map((m) => m.aadObjectId);
    assert.deepEqual(ids.sort(), [lead, ot, nurse].map((a) => a.aadObjectId).sort());
  });

  it('refuses an OT and audits it', async () => {
    expectKind(await listStaff(w.deps, ot), 'forbidden');
    assert.deepEqual(
      (await allAudit(w, { action: 'staff.list' })).map((e) => [e.outcome, e.actor]),
      [['refused', ot.aadObjectId]],
    );
  });
});

describe('bootstrapLeads (BOOTSTRAP_LEADS at start-up)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('makes the ids leads of the default service, keeping known names, and audits each one once', async () => {
    await addStaff(w.deps, ot, otherLead);
    await bootstrapLeads(w.deps, SERVICE, [NEWCOMER.toUpperCase(), ot.aadObjectId, 'not-an-id', otherLead.aadObjectId]);
    await bootstrapLeads(w.deps, SERVICE, [NEWCOMER, ot.aadObjectId]);
    assert.deepEqual(await identify(w.deps, NEWCOMER), {
      aadObjectId: NEWCOMER,
      name: PLACEHOLDER_NAME,
      role: 'lead',
      serviceId: SERVICE,
    });
    assert.deepEqual(await identify(w.deps, ot.aadObjectId), { ...ot, role: 'lead' });
    assert.deepEqual(await identify(w.deps, otherLead.aadObjectId), otherLead, 'never moved from another service');
    const entries = await allAudit(w, { action: 'staff.bootstrap' });
    assert.deepEqual(entries.map((e) => e.detail?.member).sort(), [NEWCOMER, ot.aadObjectId].sort());
    assert.equal((await w.deps.store.staff.list(OTHER_SERVICE)).length, 1);
  });
});
