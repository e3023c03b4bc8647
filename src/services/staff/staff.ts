import { createHash } from 'node:crypto';
import { can } from '../../domain/roles';
import { AlreadyExistsError } from '../../store/errors';
import { isAadObjectId, NAME_UNTIL_FIRST_CONTACT, validateStaffForm, type StaffMember } from '../../domain/staff';
import { audit, UNKNOWN_SERVICE } from '../core/audit';
import { nowIso, today, type Actor, type ServiceDeps, type StoreDeps } from '../core/context';
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
  // Also a person a lead added without a name (people picker): NAME_UNTIL_FIRST_CONTACT.
  const nameUnknown = member.name === PLACEHOLDER_NAME || member.name === NAME_UNTIL_FIRST_CONTACT;
  if (nameUnknown && teamsName?.trim()) {
    // First contact of a bootstrapped lead: learn the real name from Teams.
    const renamed = { ...member, name: teamsName.trim().slice(0, 100), updatedAt: nowIso(deps) };
    // Guarded like every staff write: a person moved to another service meanwhile is not moved back.
    if ((await deps.store.staff.save(renamed)) === 'saved') return toActor(renamed);
    const now = await deps.store.staff.findByAadObjectId(aadObjectId);
    return now ? toActor(now) : null;
  }
  return toActor(member);
}

function toActor(m: StaffMember): Actor {
  return { aadObjectId: m.aadObjectId, name: m.name, role: m.role, serviceId: m.serviceId };
}

/**
 * Records a refused attempt by someone who is not staff (or whose tenant is not allowed): the first of
 * the day per person, action and reason. The entry's id says which, so a repeat is a create the store
 * refuses (409): a stranger hammering the bot adds one entry a day, not one a request, and the trail
 * stays append-only.
 */
export async function auditRefusal(
  deps: StoreDeps,
  aadObjectId: string | undefined,
  action: string,
  reason: string,
): Promise<void> {
  const actor = (aadObjectId ?? 'anonymous').toLowerCase().slice(0, 64);
  const day = today(deps);
  try {
    await deps.store.audit.append({
      id: `refusal:${day}:${createHash('sha256').update(`${actor}|${action}|${reason}`).digest('base64url')}`,
      serviceId: UNKNOWN_SERVICE,
      at: nowIso(deps),
      actor,
      action,
      outcome: 'refused',
      detail: { reason },
    });
  } catch (e) {
    if (!(e instanceof AlreadyExistsError)) throw e;
  }
}

/** What making someone a lead did: the store refused it when they belong to another service. */
export type MakeLeadResult = 'added' | 'already_lead' | 'other_service';

/**
 * Makes one person a lead of `serviceId`, keeping a name already known. The store decides whether they
 * belong to another service (the write is refused), not the look-up before it. Audited when added.
 */
export async function makeLead(deps: StoreDeps, serviceId: string, aadObjectId: string): Promise<MakeLeadResult> {
  const id = aadObjectId.toLowerCase();
  const existing = await deps.store.staff.findByAadObjectId(id);
  if (existing && existing.serviceId !== serviceId) return 'other_service';
  if (existing?.role === 'lead') return 'already_lead';
  const saved = await deps.store.staff.save({
    aadObjectId: id,
    serviceId,
    name: existing?.name ?? PLACEHOLDER_NAME,
    role: 'lead',
    addedBy: 'bootstrap',
    updatedAt: nowIso(deps),
  });
  if (saved === 'other_service') return 'other_service';
  await audit(
    deps,
    { aadObjectId: 'bootstrap', serviceId },
    { action: 'staff.bootstrap', outcome: 'ok', detail: { member: id } },
  );
  deps.log.info({ event: 'bootstrap.lead', aadObjectId: id, serviceId }, 'bootstrap lead added');
  return 'added';
}

/** Makes the configured ids leads of the default service at start-up; keeps names already known. */
export async function bootstrapLeads(deps: StoreDeps, serviceId: string, ids: readonly string[]): Promise<void> {
  for (const raw of ids) {
    const id = raw.toLowerCase();
    if (!isAadObjectId(id)) {
      deps.log.warn({ event: 'bootstrap.skipped', reason: 'not an AAD object id' }, 'BOOTSTRAP_LEADS entry ignored');
      continue;
    }
    if ((await makeLead(deps, serviceId, id)) === 'other_service')
      deps.log.warn(
        { event: 'bootstrap.skipped', aadObjectId: id, reason: 'belongs to another service' },
        'BOOTSTRAP_LEADS entry ignored',
      );
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
  // The name is optional (a person picked in the people picker): keep the one known, else learn it from
  // Teams at their first contact (identify). Only the name is read here; who belongs where is still
  // decided by the store's write below.
  const knownName = name || (await deps.store.staff.findByAadObjectId(aadObjectId))?.name;
  const member: StaffMember = {
    aadObjectId,
    serviceId: actor.serviceId,
    name: knownName || NAME_UNTIL_FIRST_CONTACT,
    role,
    addedBy: actor.aadObjectId,
    updatedAt: nowIso(deps),
  };
  // The store decides (one document per person: create, or replace guarded by its etag), not a look-up
  // before the write: two leads of two services adding one person at once cannot both succeed.
  if ((await deps.store.staff.save(member)) === 'other_service') {
    await audit(deps, actor, { action: 'staff.submit', outcome: 'refused', detail: { reason: 'other_service' } });
    return conflict('This person already belongs to another service. A person can belong to one service only.');
  }
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
  if (!(await deps.store.staff.remove(actor.serviceId, id))) {
    // Removed or moved by someone else since the look-up.
    await audit(deps, actor, { action: 'staff.remove', outcome: 'not_found', detail: { member: id } });
    return notFound('Nobody with that id is on your service’s staff list.');
  }
  await audit(deps, actor, { action: 'staff.remove', outcome: 'ok', detail: { member: id } });
  return ok(existing);
}

/**
 * `today off` / `today on`: the OT's morning "my day" list, kept on their own staff record (a lead's
 * later change of their name or role keeps it). `today` still shows the list when it is off.
 */
export async function setMyDay(deps: ServiceDeps, actor: Actor, on: boolean): Promise<Outcome<StaffMember>> {
  if (!can(actor.role, 'case.work')) {
    await audit(deps, actor, { action: 'staff.myday', outcome: 'refused' });
    return forbidden('The "my day" list is for OTs and leads.');
  }
  const me = await deps.store.staff.findByAadObjectId(actor.aadObjectId);
  if (!me || me.serviceId !== actor.serviceId) {
    await audit(deps, actor, { action: 'staff.myday', outcome: 'not_found' });
    return notFound('You are no longer on your service’s staff list.');
  }
  const changed: StaffMember = { ...me, myDayOff: !on, updatedAt: nowIso(deps) };
  if ((await deps.store.staff.save(changed)) === 'other_service') {
    await audit(deps, actor, { action: 'staff.myday', outcome: 'refused', detail: { reason: 'other_service' } });
    return conflict('You have moved to another service meanwhile: nothing was changed.');
  }
  await audit(deps, actor, { action: 'staff.myday', outcome: 'ok', detail: { on } });
  return ok(changed);
}
