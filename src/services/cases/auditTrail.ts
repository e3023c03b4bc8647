import type { CaseRecord } from '../../domain/case';
import type { AuditEntry, Stored } from '../../store/types';
import { audit } from '../core/audit';
import { caseFor } from './access';
import type { Actor, ServiceDeps } from '../core/context';
import { ok, type Outcome } from '../core/outcome';

export const AUDIT_TRAIL_LIMIT = 30;

export interface CaseAuditTrail {
  record: Stored<CaseRecord>;
  entries: AuditEntry[];
  /** Names of the service's staff by AAD id, so the lead reads people, not ids. */
  names: Record<string, string>;
}

/** `audit <ref>` (lead only): who did what to a case, newest first. Reading it is itself audited. */
export async function caseAuditTrail(deps: ServiceDeps, actor: Actor, ref: string): Promise<Outcome<CaseAuditTrail>> {
  const found = await caseFor(
    deps,
    actor,
    'case.audit',
    'audit.read',
    { ref },
    'Only the service lead can read a case’s audit trail.',
  );
  if (found.kind !== 'ok') return found;
  const record = found.value;
  await audit(deps, actor, { action: 'case.audit', outcome: 'ok', caseId: record.id, caseRef: record.ref });
  const entries = await deps.store.audit.listForCase(actor.serviceId, record.id, AUDIT_TRAIL_LIMIT);
  const names = Object.fromEntries((await deps.store.staff.list(actor.serviceId)).map((m) => [m.aadObjectId, m.name]));
  return ok({ record, entries, names });
}
