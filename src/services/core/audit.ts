import type { AuditEntry } from '../../store/types';
import type { Actor } from './actor';
import { newId, nowIso, type StoreDeps } from './context';

export interface AuditEvent {
  action: string;
  outcome: AuditEntry['outcome'];
  caseId?: string;
  caseRef?: string;
  detail?: AuditEntry['detail'];
}

/** The service partition where attempts by people who are not staff anywhere are kept. */
export const UNKNOWN_SERVICE = '_unknown';

/** Where the conversation references of people who are not (yet) staff are kept until a lead adds them. */
export const UNASSIGNED_SERVICE = '_unassigned';

/**
 * Appends one audit entry. Reads are audited before data is shown, so a failing audit store fails
 * the read (no unaudited access); there is no API to change or delete an entry.
 */
export async function audit(
  deps: StoreDeps,
  who: Pick<Actor, 'aadObjectId' | 'serviceId'>,
  event: AuditEvent,
): Promise<void> {
  await deps.store.audit.append(entryOf(deps, who, event));
}

function entryOf(deps: StoreDeps, who: Pick<Actor, 'aadObjectId' | 'serviceId'>, event: AuditEvent): AuditEntry {
  return {
    id: newId(deps),
    serviceId: who.serviceId,
    at: nowIso(deps),
    actor: who.aadObjectId,
    action: event.action,
    outcome: event.outcome,
    ...(event.caseId ? { caseId: event.caseId } : {}),
    ...(event.caseRef ? { caseRef: event.caseRef } : {}),
    ...(event.detail ? { detail: event.detail } : {}),
  };
}

/**
 * Entries that do not depend on each other (one per case shown), written together: one store request
 * per page instead of one per entry (docs/PERFORMANCE.md). Any failure still rejects, so the read it
 * audits fails and nothing is shown unaudited.
 */
export async function auditAll(
  deps: StoreDeps,
  who: Pick<Actor, 'aadObjectId' | 'serviceId'>,
  events: readonly AuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await deps.store.audit.appendMany(
    who.serviceId,
    events.map((event) => entryOf(deps, who, event)),
  );
}

/** The same event for several people of one service (each was shown something), in one request. */
export async function auditEachPerson(
  deps: StoreDeps,
  people: readonly Pick<Actor, 'aadObjectId' | 'serviceId'>[],
  event: AuditEvent,
): Promise<void> {
  if (people.length === 0) return;
  await deps.store.audit.appendMany(
    people[0]!.serviceId,
    people.map((who) => entryOf(deps, who, event)),
  );
}
