import { parseCaseRef } from '../../domain/caseRef';
import { nameKeyOf, type CaseRecord } from '../../domain/case';
import { normaliseNhsNumber } from '../../domain/nhsNumber';
import { can } from '../../domain/roles';
import type { CaseCriterion, Stored } from '../../store/types';
import { audit, auditAll } from '../core/audit';
import type { Actor, ServiceDeps } from '../core/context';
import { forbidden, invalid, ok, type Outcome } from '../core/outcome';

export const FIND_LIMIT = 20;

export interface FindResult {
  query: string;
  cases: Stored<CaseRecord>[];
  /** Nurses see status only: the cards must not show clinical detail. */
  statusOnly: boolean;
}

/** Reads `find` text: a reference, an NHS number (spaces allowed), or part of a name. */
export function criterionFor(query: string): CaseCriterion | null {
  const q = query.trim();
  const ref = parseCaseRef(q);
  if (ref) return { kind: 'ref', ref };
  const nhs = normaliseNhsNumber(q);
  if (nhs) return { kind: 'nhsNumber', nhsNumber: nhs };
  if (/\d/.test(q) && /^[\d\s]+$/.test(q)) return null; // digits but not ten of them
  const name = nameKeyOf(q);
  return name.length >= 2 && name.length <= 100 ? { kind: 'name', nameKey: name } : null;
}

export async function findCases(deps: ServiceDeps, actor: Actor, query: string): Promise<Outcome<FindResult>> {
  if (!can(actor.role, 'case.readStatus')) {
    await audit(deps, actor, { action: 'case.find', outcome: 'refused' });
    return forbidden('Your role cannot search cases.');
  }
  const criterion = criterionFor(query);
  if (!criterion) {
    return invalid({
      query: 'Search by reference (RTW-0042), NHS number (10 digits) or at least 2 letters of the name.',
    });
  }
  const statusOnly = !can(actor.role, 'case.readFull');
  const cases = await deps.store.cases.find(
    { serviceId: actor.serviceId, ...(statusOnly ? { referredBy: actor.aadObjectId } : {}) },
    criterion,
    FIND_LIMIT,
  );
  // Every case shown is a read of a patient record: audited before it is shown (side by side, as in caseload).
  await auditAll(
    deps,
    actor,
    cases.map((c) => ({
      action: 'case.find',
      outcome: 'ok',
      caseId: c.id,
      caseRef: c.ref,
      detail: { by: criterion.kind },
    })),
  );
  if (cases.length === 0)
    await audit(deps, actor, { action: 'case.find', outcome: 'not_found', detail: { by: criterion.kind } });
  return ok({ query: query.trim(), cases, statusOnly });
}
