import assert from 'node:assert/strict';
import { depsFor } from '../../../test/support/deps';
import { sharedCosmos, uniqueDatabase } from '../../../test/support/sharedCosmos';
import { storedDocs } from '../../../test/support/storeInspect';
import { openStore } from '../../store';
import type { Actor, ServiceDeps } from '../core/context';
import { identify, makeLead, removeStaff, saveStaff } from './staff';

const LEAD_A: Actor = {
  aadObjectId: '00000000-0000-4000-8000-0000000000b1',
  name: 'Ann Lead',
  role: 'lead',
  serviceId: 'svc-a',
};
const LEAD_B: Actor = {
  ...LEAD_A,
  aadObjectId: '00000000-0000-4000-8000-0000000000b2',
  name: 'Bea Lead',
  serviceId: 'svc-b',
};
const PERSON = '00000000-0000-4000-8000-0000000000b3';

/** Two instances of the bot: two store clients on one database, as two App Service instances would be. */
async function twoInstances(): Promise<{ a: ServiceDeps; b: ServiceDeps; database: string }> {
  const cosmos = await sharedCosmos();
  const database = uniqueDatabase('staffdir');
  const open = () =>
    openStore({ endpoint: cosmos.endpoint, key: cosmos.key, databaseId: database, acceptSelfSignedCertificate: true });
  const a = depsFor(await open());
  const b = depsFor(await open());
  for (const lead of [LEAD_A, LEAD_B]) assert.equal(await makeLead(a, lead.serviceId, lead.aadObjectId), 'added');
  return { a, b, database };
}

describe('the staff directory: one service per person, and no stale identity on any instance', () => {
  let a: ServiceDeps;
  let b: ServiceDeps;
  let database: string;
  beforeEach(async () => {
    ({ a, b, database } = await twoInstances());
  });
  afterEach(() => {
    a.store.dispose();
    b.store.dispose();
  });

  it('refuses a person removed on A on the very next turn on B', async () => {
    assert.equal((await saveStaff(a, LEAD_A, { aadObjectId: PERSON, name: 'Olly OT', role: 'ot' })).kind, 'ok');
    assert.equal((await identify(b, PERSON))?.role, 'ot', 'B knows them (and would have cached them before)');
    assert.equal((await removeStaff(a, LEAD_A, PERSON)).kind, 'ok');
    assert.equal(await identify(b, PERSON), null, 'B refuses them at once');
  });

  it('applies a role change made on A to the next turn on B', async () => {
    await saveStaff(a, LEAD_A, { aadObjectId: PERSON, name: 'Olly OT', role: 'ot' });
    assert.equal((await identify(b, PERSON))?.role, 'ot');
    await saveStaff(a, LEAD_A, { aadObjectId: PERSON, name: 'Olly OT', role: 'nurse' });
    assert.equal((await identify(b, PERSON))?.role, 'nurse');
  });

  it('puts a person added by two services at the same instant in one of them only', async () => {
    const [x, y] = await Promise.all([
      saveStaff(a, LEAD_A, { aadObjectId: PERSON, name: 'Sam Twice', role: 'ot' }),
      saveStaff(b, LEAD_B, { aadObjectId: PERSON, name: 'Sam Twice', role: 'lead' }),
    ]);
    assert.deepEqual([x.kind, y.kind].sort(), ['conflict', 'ok']);
    const winner = x.kind === 'ok' ? LEAD_A : LEAD_B;
    assert.equal((await identify(a, PERSON))?.serviceId, winner.serviceId);
    const docs = (await storedDocs(database, 'staff')).filter((d) => d.id === PERSON);
    assert.equal(docs.length, 1, 'one document for the person');
    const loserList = await b.store.staff.list(winner === LEAD_A ? 'svc-b' : 'svc-a');
    assert.ok(!loserList.some((m) => m.aadObjectId === PERSON));
  });

  it('does not remove a person of another service, nor let a lead change them', async () => {
    await saveStaff(a, LEAD_A, { aadObjectId: PERSON, name: 'Olly OT', role: 'ot' });
    assert.equal((await removeStaff(b, LEAD_B, PERSON)).kind, 'not_found');
    assert.equal((await saveStaff(b, LEAD_B, { aadObjectId: PERSON, name: 'X', role: 'lead' })).kind, 'conflict');
    const member = await identify(a, PERSON);
    assert.equal(member?.serviceId, 'svc-a');
    assert.equal(member?.role, 'ot');
  });

  it('moves staff kept per service by an older bot into the directory, once, on several instances', async () => {
    const cosmos = await sharedCosmos();
    const { CosmosClient } = await import('@azure/cosmos');
    const client = new CosmosClient({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    try {
      const staff = client.database(database).container('staff');
      const legacy = (id: string, serviceId: string) => ({
        id,
        serviceId,
        aadObjectId: id,
        name: 'Legacy Person',
        role: 'ot',
        addedBy: 'x',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      await staff.items.create(legacy('00000000-0000-4000-8000-0000000000c1', 'svc-a'));
      await staff.items.create(legacy('00000000-0000-4000-8000-0000000000c2', 'svc-b'));
      const moved = await Promise.all([a.store.staff.migrate(), b.store.staff.migrate()]);
      assert.equal(moved[0] + moved[1], 2, 'each moved once');
      assert.equal((await identify(b, '00000000-0000-4000-8000-0000000000c1'))?.serviceId, 'svc-a');
      assert.equal((await identify(a, '00000000-0000-4000-8000-0000000000c2'))?.serviceId, 'svc-b');
      const left = (await storedDocs(database, 'staff')).filter((d) => d.serviceId !== '_people');
      assert.deepEqual(left, [], 'no staff document left in a service partition');
      assert.equal(await a.store.staff.migrate(), 0);
    } finally {
      client.dispose();
    }
  });
});
