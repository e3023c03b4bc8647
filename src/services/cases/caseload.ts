import type { CaseRecord } from '../../domain/case';
import { can } from '../../domain/roles';
import type { Stored } from '../../store/types';
import { audit, auditAll } from '../core/audit';
import type { Actor, ServiceDeps } from '../core/context';
import { forbidden, ok, type Outcome } from '../core/outcome';

/** Rows per caseload card: keeps every page far below Teams' ~28 KB card limit. */
export const CASELOAD_PAGE_SIZE = 20;

export interface CaseloadRequest {
  all: boolean;
  page: number;
}

export interface CaseloadPage {
  all: boolean;
  page: number;
  pages: number;
  total: number;
  cases: Stored<CaseRecord>[];
}

/** Reads "", "all", "2", "all 2", "all page 2". */
export function parseCaseloadArgs(args: string): CaseloadRequest {
  const words = args.toLowerCase().split(/\s+/).filter(Boolean);
  const n = words.map(Number).find((x) => Number.isInteger(x) && x > 0);
  return { all: words.includes('all'), page: n ?? 1 };
}

/** `caseload`: the OT's open cases; `caseload all` (leads): every open case of the service. */
export async function caseload(deps: ServiceDeps, actor: Actor, req: CaseloadRequest): Promise<Outcome<CaseloadPage>> {
  if (!can(actor.role, 'case.work')) {
    await audit(deps, actor, { action: 'caseload', outcome: 'refused', detail: { reason: 'role', role: actor.role } });
    return forbidden(
      'Caseloads are for occupational therapists and service leads. To check a patient you referred, send "find" followed by their name or NHS number (for example "find 943 476 5919").',
    );
  }
  if (req.all && actor.role !== 'lead') {
    await audit(deps, actor, { action: 'caseload', outcome: 'refused', detail: { reason: 'all_needs_lead' } });
    return forbidden('"caseload all" is for service leads. Send "caseload" for your own cases.');
  }
  // Ids of every open case first (small), then only the page's records: an OT's caseload of 100 or a
  // service's of hundreds is not read in full to show 20 (docs/PERFORMANCE.md).
  const ids = await deps.store.cases.listOpenIds(actor.serviceId, req.all ? {} : { assignedOt: actor.aadObjectId });
  const pages = Math.max(1, Math.ceil(ids.length / CASELOAD_PAGE_SIZE));
  const page = Math.min(req.page, pages);
  const shown = await deps.store.cases.getMany(
    actor.serviceId,
    ids.slice((page - 1) * CASELOAD_PAGE_SIZE, page * CASELOAD_PAGE_SIZE),
  );
  // Each case shown is a read of a patient record: audited before it is shown (the page's entries in one batch).
  await auditAll(
    deps,
    actor,
    shown.map((c) => ({ action: 'caseload', outcome: 'ok', caseId: c.id, caseRef: c.ref, detail: { all: req.all } })),
  );
  if (shown.length === 0)
    await audit(deps, actor, { action: 'caseload', outcome: 'ok', detail: { all: req.all, count: 0 } });
  return ok({ all: req.all, page, pages, total: ids.length, cases: shown });
}
