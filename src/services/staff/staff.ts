import { can } from '../../domain/roles';
import { isAadObjectId, NAME_UNTIL_FIRST_CONTACT, validateStaffForm, type StaffMember } from '../../domain/staff';
import { audit, UNKNOWN_SERVICE } from '../core/audit';
import { nowIso, type Actor, type ServiceDeps, type StoreDeps } from '../core/context';
import { conflict, forbidden, invalid, notFound, ok, type Outcome } from '../core/outcome';

/** The name shown until a bootstrapped lead first talks to the bot and Teams tells us theirs. */
export const PLACEHOLDER_NAME = 'Service lead';

/** Who is this Teams user? Null when they are not staff of any service. */
export async function identify(
  deps: ServiceDeps,
  aadObjectId: string | undefined,
  teamsName?: string,
): Promise<Actor | null> {
  if (!aadObjectId) return null;
  const member = await deps.store.staff.findByAadObjectId(aadObjectId);
  if (!member) return null;
  // [teamsnative] also a person a lead added without a name (people picker): NAME_UNTIL_FIRST_CONTACT.
  const nameUnknown = member.name === PLACEHOLDER_NAME || member.name === NAME_UNTIL_FIRST_CONTACT;
  if (nameUnknown && teamsName?.trim()) {
    // First contact of a bootstrapped lead: learn the real name from Teams.
    const renamed = { ...member, name: teamsName.trim().slice(0, 100), updatedAt: nowIso(deps) };
    await deps.store.staff.save(renamed);
    return toActor(renamed);
  }
  return toActor(member);
}

function toActor(m: StaffMember): Actor {
  return { aadObjectId: m.aadObjectId, name: m.name, role: m.role, serviceId: m.serviceId };
}

/** Records a refused attempt by someone who is not staff (or whose tenant is not allowed). */
export async function auditRefusal(
  deps: StoreDeps,
  aadObjectId: string | undefined,
  action: string,
  reason: string,
): Promise<void> {
  await audit(
    deps,
    { aadObjectId: aadObjectId ?? 'anonymous', serviceId: UNKNOWN_SERVICE },
    { action, outcome: 'refused', detail: { reason } },
  );
}

/** Makes the configured ids leads of the default service at start-up; keeps names already known. */
export async function bootstrapLeads(deps: StoreDeps, serviceId: string, ids: readonly string[]): Promise<void> {
  for (const raw of ids) {
    const id = raw.toLowerCase();
    if (!isAadObjectId(id)) {
      deps.log.warn({ event: 'bootstrap.skipped', reason: 'not an AAD object id' }, 'BOOTSTRAP_LEADS entry ignored');
      continue;
    }
    const existing = await deps.store.staff.findByAadObjectId(id);
    if (existing && existing.serviceId !== serviceId) {
      deps.log.warn(
        { event: 'bootstrap.skipped', aadObjectId: id, reason: 'belongs to another service' },
        'BOOTSTRAP_LEADS entry ignored',
      );
      continue;
    }
    if (existing?.role === 'lead') continue;
    await deps.store.staff.save({
      aadObjectId: id,
      serviceId,
      name: existing?.name ?? PLACEHOLDER_NAME,
      role: 'lead',
      addedBy: 'bootstrap',
      updatedAt: nowIso(deps),
    });
    await audit(
      deps,
      { aadObjectId: 'bootstrap', serviceId },
      { action: 'staff.bootstrap', outcome: 'ok', detail: { member: id } },
    );
    deps.log.info({ event: 'bootstrap.lead', aadObjectId: id, serviceId }, 'bootstrap lead added');
  }
}

export async function listStaff(deps: ServiceDeps, actor: Actor): Promise<Outcome<StaffMember[]>> {
  if (!can(actor.role, 'staff.manage')) {
    await audit(deps, actor, { action: 'staff.list', outcome: 'refused' });
    return forbidden('Only the service lead can manage staff.');
  }
  return ok(await deps.store.staff.list(actor.serviceId));
}

export async function saveStaff(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<StaffMember>> {
  if (!can(actor.role, 'staff.manage')) {
    await audit(deps, actor, { action: 'staff.submit', outcome: 'refused' });
    return forbidden('Only the service lead can add or change staff.');
  }
  const form = validateStaffForm(data);
  if (!form.ok) {
    await audit(deps, actor, {
      action: 'staff.submit',
      outcome: 'invalid',
      detail: { fields: Object.keys(form.errors) },
    });
    return invalid(form.errors);
  }
  const { aadObjectId, name, role } = form.value;
  if (aadObjectId === actor.aadObjectId.toLowerCase() && role !== actor.role) {
    await audit(deps, actor, { action: 'staff.submit', outcome: 'refused', detail: { reason: 'own_role' } });
    return invalid({ role: 'You cannot change your own role: ask another lead of your service.' });
  }
  const existing = await deps.store.staff.findByAadObjectId(aadObjectId);
  if (existing && existing.serviceId !== actor.serviceId) {
    await audit(deps, actor, { action: 'staff.submit', outcome: 'refused', detail: { reason: 'other_service' } });
    return conflict('This person already belongs to another service. A person can belong to one service only.');
  }
  const member: StaffMember = {
    aadObjectId,
    serviceId: actor.serviceId,
    // [teamsnative] the name is optional: keep the one known, else learn it at first contact (identify).
    name: name || (existing?.name ?? NAME_UNTIL_FIRST_CONTACT),
    role,
    addedBy: actor.aadObjectId,
    updatedAt: nowIso(deps),
  };
  await deps.store.staff.save(member);
  await audit(deps, actor, { action: 'staff.submit', outcome: 'ok', detail: { member: aadObjectId, role } });
  return ok(member);
}

export async function removeStaff(
  deps: ServiceDeps,
  actor: Actor,
  aadObjectId: unknown,
): Promise<Outcome<StaffMember>> {
  if (!can(actor.role, 'staff.manage')) {
    await audit(deps, actor, { action: 'staff.remove', outcome: 'refused' });
    return forbidden('Only the service lead can remove staff.');
  }
  const id = typeof aadObjectId === 'string' ? aadObjectId.trim().toLowerCase() : '';
  if (!isAadObjectId(id)) {
    await audit(deps, actor, { action: 'staff.remove', outcome: 'invalid', detail: { fields: ['aadObjectId'] } });
    return invalid({ aadObjectId: 'This is not an Azure AD object id.' });
  }
  if (id === actor.aadObjectId.toLowerCase()) {
    await audit(deps, actor, { action: 'staff.remove', outcome: 'refused', detail: { reason: 'self' } });
    return invalid({ aadObjectId: 'You cannot remove yourself: ask another lead of your service.' });
  }
  const existing = await deps.store.staff.findByAadObjectId(id);
  // Staff of another service are "not found": a lead learns nothing about other services.
  if (!existing || existing.serviceId !== actor.serviceId) {
    await audit(deps, actor, { action: 'staff.remove', outcome: 'not_found', detail: { member: id } });
    return notFound('Nobody with that id is on your service’s staff list.');
  }
  await deps.store.staff.remove(actor.serviceId, id);
  await audit(deps, actor, { action: 'staff.remove', outcome: 'ok', detail: { member: id } });
  return ok(existing);
}
