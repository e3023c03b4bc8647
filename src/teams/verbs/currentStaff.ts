import type { StaffMember } from '../../domain/staff';
import type { Actor, ServiceDeps } from '../../services/core/context';
import { listStaff } from '../../services/staff/staff';

/** The staff list to re-draw the staff card with after a change (only leads reach here). */
export async function currentStaff(deps: ServiceDeps, actor: Actor): Promise<StaffMember[]> {
  const listed = await listStaff(deps, actor);
  return listed.kind === 'ok' ? listed.value : [];
}
