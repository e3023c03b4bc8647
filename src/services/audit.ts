import type { AuditEntry } from '../store/types';
import { newId, nowIso, type Actor, type ServiceDeps } from './context';

export interface AuditEvent {
  action: string;
  outcome: AuditEntry['outcome'];
  caseId?: string;
  caseRef?: string;
  detail?: AuditEntry['detail'];
}

/** The service partition where attempts by people who are not staff anywhere are kept. */
export const UNKNOWN_SERVICE = '_unknown';

/**
 * Appends one audit entry. Reads are audited before data is shown, so a failing audit store fails
 * the read (no unaudited access); there is no API to change or delete an entry.
 */
export async function audit(deps: ServiceDeps, who: Pick<Actor, 'aadObjectId' | 'serviceId'>, event: AuditEvent): Promise<void> {
  await deps.store.audit.append({
    id: newId(deps),
    serviceId: who.serviceId,
    at: nowIso(deps),
    actor: who.aadObjectId,
    action: event.action,
    outcome: event.outcome,
    ...(event.caseId ? { caseId: event.caseId } : {}),
    ...(event.caseRef ? { caseRef: event.caseRef } : {}),
    ...(event.detail ? { detail: event.detail } : {}),
  });
}

/** How many independent entries are written side by side at most. */
export const AUDIT_BATCH = 20;

/**
 * Entries that do not depend on each other (one per case shown), written side by side a batch at a
 * time: one store round trip of waiting per batch instead of one per entry (docs/PERFORMANCE.md).
 * Any failure still rejects, so the read it audits fails.
 */
export async function auditAll(deps: ServiceDeps, who: Pick<Actor, 'aadObjectId' | 'serviceId'>, events: readonly AuditEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += AUDIT_BATCH) await Promise.all(events.slice(i, i + AUDIT_BATCH).map((e) => audit(deps, who, e)));
}
