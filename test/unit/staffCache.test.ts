import { strict as assert } from 'node:assert';
import type { StaffMember } from '../../src/domain/staff';
import { CachedStaffRepository, STAFF_CACHE_SECONDS } from '../../src/store/staffCache';
import type { StaffRepository } from '../../src/store/types';

const OT: StaffMember = {
  aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000003',
  serviceId: 'svc',
  name: 'Otto',
  role: 'ot',
  addedBy: 'lead',
  updatedAt: '2026-11-25T10:00:00Z',
};

/** An in-memory staff directory that counts identity look-ups (the round trips the cache saves). */
function directory() {
  const people = new Map<string, StaffMember>();
  let lookups = 0;
  const repo: StaffRepository = {
    findByAadObjectId: async (id) => {
      lookups++;
      const m = people.get(id.toLowerCase());
      return m ? { ...m } : null;
    },
    list: async (serviceId) => [...people.values()].filter((m) => m.serviceId === serviceId),
    save: async (m) => void people.set(m.aadObjectId.toLowerCase(), { ...m }),
    remove: async (_s, id) => people.delete(id.toLowerCase()),
  };
  return { repo, people, lookups: () => lookups };
}

describe('staff identity cache', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('answers a repeated identity look-up without the store until the time is up, then asks again', async () => {
    const d = directory();
    d.people.set(OT.aadObjectId, OT);
    const staff = new CachedStaffRepository(d.repo, { now: clock });
    assert.equal((await staff.findByAadObjectId(OT.aadObjectId))?.role, 'ot');
    assert.equal((await staff.findByAadObjectId(OT.aadObjectId.toUpperCase()))?.role, 'ot');
    assert.equal(d.lookups(), 1);
    // A change made elsewhere (another instance, scripts/add-lead) shows once the entry has expired.
    d.people.set(OT.aadObjectId, { ...OT, role: 'lead' });
    now += (STAFF_CACHE_SECONDS - 1) * 1000;
    assert.equal((await staff.findByAadObjectId(OT.aadObjectId))?.role, 'ot');
    now += 2000;
    assert.equal((await staff.findByAadObjectId(OT.aadObjectId))?.role, 'lead');
    assert.equal(d.lookups(), 2);
  });

  it('forgets a person at once when this process saves or removes them', async () => {
    const d = directory();
    const staff = new CachedStaffRepository(d.repo, { now: clock });
    assert.equal(await staff.findByAadObjectId(OT.aadObjectId), null, 'not staff yet (remembered as such)');
    await staff.save(OT);
    assert.equal((await staff.findByAadObjectId(OT.aadObjectId))?.role, 'ot', 'added: known at once');
    await staff.save({ ...OT, role: 'nurse' });
    assert.equal((await staff.findByAadObjectId(OT.aadObjectId))?.role, 'nurse', 'role change: at once');
    assert.equal(await staff.remove('svc', OT.aadObjectId.toUpperCase()), true);
    assert.equal(await staff.findByAadObjectId(OT.aadObjectId), null, 'removed: refused at once');
  });

  it('does not let a caller change the remembered answer', async () => {
    const d = directory();
    d.people.set(OT.aadObjectId, OT);
    const staff = new CachedStaffRepository(d.repo, { now: clock });
    const first = await staff.findByAadObjectId(OT.aadObjectId);
    first!.role = 'lead';
    const again = await staff.findByAadObjectId(OT.aadObjectId);
    again!.name = 'changed';
    assert.deepEqual(await staff.findByAadObjectId(OT.aadObjectId), OT);
  });
});
