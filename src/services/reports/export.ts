import { createHmac } from 'node:crypto';
import { exportColumns, exportRow, toCsv } from '../../domain/nacr';
import { can } from '../../domain/roles';
import { FileTooLargeError } from '../../store/errors';
import { audit, auditAll } from '../core/audit';
import { today, type Actor, type ServiceDeps } from '../core/context';
import type { OfferedFile } from '../core/ports';
import { conflict, forbidden, ok, type Outcome } from '../core/outcome';
import { allCasesOf } from './serviceCases';

export const EXPORT_REFUSAL = 'Only the service lead can export the service’s cases.';

/**
 * The stable pseudonym of a patient within a service: an HMAC of the NHS number under the service's own
 * secret (kept in the store). Stable across exports, so audit rows link up over the years; useless
 * without the secret, so the export alone does not identify anybody.
 */
export function pseudonymOf(secret: string, nhsNumber: string): string {
  return `P-${createHmac('sha256', secret).update(nhsNumber.replace(/\s/g, '')).digest('hex').slice(0, 16).toUpperCase()}`;
}

export interface ExportResult {
  file: OfferedFile;
  cases: number;
  full: boolean;
}

/**
 * `export` (lead): every case of the service as CSV, one row a case, NACR-style fields; pseudonymised
 * unless the lead explicitly asks for full identifiers. Each case read is audited, the choice too.
 */
export async function exportCases(
  deps: ServiceDeps,
  actor: Actor,
  opts: { full: boolean },
): Promise<Outcome<ExportResult>> {
  const action = opts.full ? 'service.export.full' : 'service.export';
  if (!can(actor.role, 'export')) {
    await audit(deps, actor, { action, outcome: 'refused', detail: { reason: 'role', role: actor.role } });
    return forbidden(EXPORT_REFUSAL);
  }
  const secret = await deps.store.counters.secret(actor.serviceId, 'export-pseudonym');
  const cases = (await allCasesOf(deps, actor.serviceId)).sort((a, b) =>
    a.ref.localeCompare(b.ref, 'en', { numeric: true }),
  );
  // Every case read is audited before anything leaves the bot; a batch at a time to spare the store.
  await auditAll(
    deps,
    actor,
    cases.map((c) => ({
      action: 'case.export',
      outcome: 'ok',
      caseId: c.id,
      caseRef: c.ref,
      detail: { identifiers: opts.full ? 'full' : 'pseudonymised' },
    })),
  );
  await audit(deps, actor, {
    action,
    outcome: 'ok',
    detail: { cases: cases.length, identifiers: opts.full ? 'full' : 'pseudonymised' },
  });
  const columns = exportColumns(opts.full);
  const date = today(deps);
  const csv = toCsv(
    columns,
    cases.map((c) => exportRow(c, pseudonymOf(secret, c.patient.nhsNumber), opts.full, date)),
  );
  let file: OfferedFile;
  try {
    file = await deps.files.offer(actor, {
      kind: 'export',
      filename: `rtw-export-${actor.serviceId}-${date}${opts.full ? '-identifiable' : ''}.csv`,
      contentType: 'text/csv; charset=utf-8',
      // A byte-order mark so that Excel reads the UTF-8 names correctly.
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
    });
  } catch (e) {
    if (!(e instanceof FileTooLargeError)) throw e;
    // Files are handed out from the store (any instance serves them), which holds at most 16 MiB.
    await audit(deps, actor, { action, outcome: 'error', detail: { reason: 'too_large', bytes: e.bytes } });
    const mb = Math.ceil(e.bytes / (1024 * 1024));
    return conflict(
      `The export is too large to hand out as one file (${mb} MB; the bot hands out files up to 16 MB). Nothing was sent. Ask your administrator for an export straight from the database.`,
    );
  }
  return ok({ file, cases: cases.length, full: opts.full });
}
