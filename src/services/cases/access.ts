import type { CaseRecord } from '../../domain/case';
import type { FieldErrors } from '../../domain/form';
import { parseCaseRef } from '../../domain/caseRef';
import { can, type Permission } from '../../domain/roles';
import { StaleWriteError } from '../../store/errors';
import type { ReadAhead } from '../../store/readAhead';
import type { Stored } from '../../store/types';
import { audit, type AuditEvent } from '../core/audit';
import type { Actor, ServiceDeps } from '../core/context';
import { forbidden, invalid, notFound, ok, type Outcome } from '../core/outcome';

/** Hidden card data is client-controlled: only a plain token may become an id. */
export const TOKEN = /^[A-Za-z0-9-]{8,64}$/;

export function tokenOf(value: unknown): string | undefined {
  return typeof value === 'string' && TOKEN.test(value) ? value : undefined;
}

/**
 * The read a button naming its case (`data.caseId`) makes first, started ahead of the staff read
 * (store/readAhead.ts) in the service the person is thought to be in; fetchCase then takes it.
 */
export function readCaseAhead(ahead: ReadAhead, serviceId: string, data: Record<string, unknown>): void {
  const id = tokenOf(data.caseId);
  if (id) ahead.case(serviceId, id);
}

/** A case named by a command (`ref`) or by a card's hidden data (`caseId`). */
export type CaseKey = { ref: string } | { caseId: unknown };

/**
 * Finds a case inside the actor's service only; for a nurse, only one they referred. Anything else,
 * including a case of another service, is "not found": we never confirm that it exists.
 */
export async function fetchCase(deps: ServiceDeps, actor: Actor, key: CaseKey): Promise<Stored<CaseRecord> | null> {
  const referredBy = can(actor.role, 'case.readFull') ? undefined : actor.aadObjectId;
  if ('caseId' in key) {
    const id = tokenOf(key.caseId);
    if (!id) return null;
    const record = await deps.store.cases.get(actor.serviceId, id);
    if (!record || record.serviceId !== actor.serviceId) return null;
    if (referredBy && record.referredBy.aadObjectId !== referredBy) return null;
    return record;
  }
  const ref = parseCaseRef(key.ref);
  if (!ref) return null;
  const [record] = await deps.store.cases.find(
    { serviceId: actor.serviceId, ...(referredBy ? { referredBy } : {}) },
    { kind: 'ref', ref },
    1,
  );
  return record ?? null;
}

/**
 * Why a case is not shown. A nurse reaches only the cases they referred: "there is no such case"
 * would be false for a colleague's referral, so they are told it is not one of theirs (true whether
 * or not it exists, so nothing is revealed).
 */
export function describeKey(key: CaseKey, role?: Actor['role']): string {
  const ownOnly = role !== undefined && !can(role, 'case.readFull');
  if ('ref' in key) {
    const ref = parseCaseRef(key.ref);
    if (!ref) return `“${key.ref.slice(0, 40)}” is not a case reference: use the form RTW-0042.`;
    return ownOnly
      ? `${ref} is not one of the cases you referred, so it cannot be shown to you. The occupational therapists of your service can see every case.`
      : `There is no case ${ref} in your service.`;
  }
  return ownOnly
    ? 'This case is not one of the cases you referred. The card may be out of date.'
    : 'This case was not found in your service. The card may be out of date.';
}

/**
 * The gate of every case use case: the role check (refusals audited, nothing read), then the
 * scoped look-up (a miss audited as not found).
 */
export async function caseFor(
  deps: ServiceDeps,
  actor: Actor,
  action: string,
  permission: Permission,
  key: CaseKey,
  refusal: string,
): Promise<Outcome<Stored<CaseRecord>>> {
  if (!can(actor.role, permission)) {
    // Which case was attempted, as the card or command named it (nothing is read for a refusal).
    const attempted =
      'caseId' in key ? { caseId: tokenOf(key.caseId) } : { caseRef: parseCaseRef(key.ref) ?? undefined };
    await audit(deps, actor, {
      action,
      outcome: 'refused',
      ...attempted,
      detail: { reason: 'role', role: actor.role },
    });
    return forbidden(refusal);
  }
  const record = await fetchCase(deps, actor, key);
  if (!record) {
    await audit(deps, actor, { action, outcome: 'not_found' });
    return notFound(describeKey(key, actor.role));
  }
  return ok(record);
}

export const WORK_REFUSAL = 'Only occupational therapists and service leads can work on cases. Nothing was changed.';

/** What a change function decides: write this record, or answer without writing. */
export type Change<T> = { write: CaseRecord; result: T } | { skip: Outcome<T> };

/**
 * Read, change, replace guarded by the etag; on a concurrent write, read again and re-decide, so two
 * independent changes (two sessions logged at once) both land and neither is lost.
 */
export async function updateCase<T>(
  deps: ServiceDeps,
  first: Stored<CaseRecord>,
  change: (current: Stored<CaseRecord>) => Change<T>,
  attempts = 5,
): Promise<{ written: true; record: Stored<CaseRecord>; result: T } | { written: false; outcome: Outcome<T> }> {
  let current: Stored<CaseRecord> | null = first;
  for (let i = 0; i < attempts && current; i++) {
    const decision = change(current);
    if ('skip' in decision) return { written: false, outcome: decision.skip };
    try {
      const record = await deps.store.cases.replace(decision.write, current._etag);
      return { written: true, record, result: decision.result };
    } catch (e) {
      if (!(e instanceof StaleWriteError)) throw e;
      current = await deps.store.cases.get(first.serviceId, first.id);
    }
  }
  throw new StaleWriteError();
}

/** A form with problems, answered: which fields (never their values) audited as invalid. */
export async function refuseInvalid(
  deps: ServiceDeps,
  actor: Actor,
  action: string,
  record: Stored<CaseRecord>,
  errors: FieldErrors,
): Promise<Outcome<never>> {
  await audit(deps, actor, {
    action,
    outcome: 'invalid',
    caseId: record.id,
    caseRef: record.ref,
    detail: { fields: Object.keys(errors) },
  });
  return invalid(errors, record);
}

/**
 * The answer when `updateCase` wrote nothing: a retry of a change already saved is audited as a
 * duplicate and answered from the case as stored now; a conflict is audited and passed on.
 */
export async function answerUnwritten<R>(
  deps: ServiceDeps,
  actor: Actor,
  action: string,
  record: Stored<CaseRecord>,
  outcome: Outcome<unknown>,
  answer: (current: Stored<CaseRecord>) => R,
  conflictDetail?: AuditEvent['detail'],
): Promise<Outcome<R>> {
  const duplicate = outcome.kind === 'ok';
  await audit(deps, actor, {
    action,
    outcome: duplicate ? 'duplicate' : 'conflict',
    caseId: record.id,
    caseRef: record.ref,
    ...(!duplicate && conflictDetail ? { detail: conflictDetail } : {}),
  });
  if (outcome.kind !== 'ok') return outcome;
  return ok(answer((await deps.store.cases.get(record.serviceId, record.id)) ?? record));
}

/** A copy of the stored case without the store's etag, ready to be changed and written back. */
export function editable(record: Stored<CaseRecord>): CaseRecord {
  const { _etag, ...rest } = record;
  void _etag;
  return structuredClone(rest);
}
