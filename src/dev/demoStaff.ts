import type { Role } from '../domain/roles';
import { audit } from '../services/core/audit';
import { nowIso, type StoreDeps } from '../services/core/context';

export interface DemoPerson {
  /** The playground's user id (`29:`-less), used only inside the playground's config. */
  id: string;
  aadObjectId: string;
  name: string;
  givenName: string;
  surname: string;
  role: Role;
}

/**
 * The people of the local playground (`.m365agentsplayground.yml`). Ids are made up and never valid
 * in a real tenant. The playground chats as `currentUser` (the lead here, who may do everything);
 * it insists on exactly five other users. One lead only: the digest warns about every lead it
 * cannot reach, and a second lead who never opens the playground would be that noise.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    id: 'demo-lead',
    aadObjectId: 'de000000-0000-4000-8000-000000000001',
    name: 'Lee Demo-Lead',
    givenName: 'Lee',
    surname: 'Demo-Lead',
    role: 'lead',
  },
  {
    id: 'demo-nurse',
    aadObjectId: 'de000000-0000-4000-8000-000000000002',
    name: 'Nia Demo-Nurse',
    givenName: 'Nia',
    surname: 'Demo-Nurse',
    role: 'nurse',
  },
  {
    id: 'demo-ot',
    aadObjectId: 'de000000-0000-4000-8000-000000000003',
    name: 'Oli Demo-OT',
    givenName: 'Oli',
    surname: 'Demo-OT',
    role: 'ot',
  },
  {
    id: 'demo-ot2',
    aadObjectId: 'de000000-0000-4000-8000-000000000004',
    name: 'Ona Demo-OT',
    givenName: 'Ona',
    surname: 'Demo-OT',
    role: 'ot',
  },
  {
    id: 'demo-nurse2',
    aadObjectId: 'de000000-0000-4000-8000-000000000005',
    name: 'Ned Demo-Nurse',
    givenName: 'Ned',
    surname: 'Demo-Nurse',
    role: 'nurse',
  },
  {
    id: 'demo-ot3',
    aadObjectId: 'de000000-0000-4000-8000-000000000006',
    name: 'Kit Demo-OT',
    givenName: 'Kit',
    surname: 'Demo-OT',
    role: 'ot',
  },
];

export function demoPerson(role: Role): DemoPerson {
  const p = DEMO_PEOPLE.find((x) => x.role === role);
  if (!p) throw new Error(`no demo person with role ${role}`);
  return p;
}

/**
 * Local mode only (the caller checks: never with an app id): makes the playground's people staff of
 * the default service, so that a newcomer can refer, accept, log and read a digest with no set-up.
 * People already on a staff list (of any service) are left as they are.
 */
export async function ensureDemoStaff(deps: StoreDeps, serviceId: string): Promise<number> {
  let added = 0;
  for (const p of DEMO_PEOPLE) {
    if (await deps.store.staff.findByAadObjectId(p.aadObjectId)) continue;
    await deps.store.staff.save({
      aadObjectId: p.aadObjectId,
      serviceId,
      name: p.name,
      role: p.role,
      addedBy: 'demo',
      updatedAt: nowIso(deps),
    });
    await audit(
      deps,
      { aadObjectId: 'demo', serviceId },
      { action: 'staff.demo', outcome: 'ok', detail: { member: p.aadObjectId, role: p.role } },
    );
    added += 1;
  }
  if (added)
    deps.log.warn(
      { event: 'demo.staff', serviceId, added },
      'LOCAL MODE: the playground users are staff of the default service',
    );
  return added;
}
