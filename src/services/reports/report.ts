import type { CaseRecord } from '../../domain/case';
import type { Stored } from '../../store/types';
import { audit } from '../core/audit';
import { caseFor, WORK_REFUSAL, type CaseKey } from '../cases/access';
import { today, type Actor, type ServiceDeps } from '../core/context';
import type { OfferedFile } from '../core/ports';
import { conflict, ok, type Outcome } from '../core/outcome';

export interface ReportResult {
  record: Stored<CaseRecord>;
  /** False: the patient has not agreed to share with the employer, so no report is shown. */
  consented: boolean;
}

/**
 * `report <ref>`: the employer-facing return-to-work report. It is only produced with the patient's
 * recorded consent to share with the employer (on the plan); without it the card says so.
 */
export async function employerReport(deps: ServiceDeps, actor: Actor, ref: string): Promise<Outcome<ReportResult>> {
  return employerReportOf(deps, actor, { ref }, 'case.report');
}

/** The report's checks and audit, for the card (`case.report`) and the PDF (`case.report.pdf`). */
export async function employerReportOf(
  deps: ServiceDeps,
  actor: Actor,
  key: CaseKey,
  action: string,
): Promise<Outcome<ReportResult>> {
  const found = await caseFor(deps, actor, action, 'case.work', key, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  if (record.status === 'referred' || record.status === 'declined') {
    await audit(deps, actor, {
      action,
      outcome: 'conflict',
      caseId: record.id,
      caseRef: record.ref,
      detail: { status: record.status },
    });
    return conflict(`${record.ref} has not been accepted by an OT, so there is nothing to report yet.`);
  }
  const consented = record.plan?.employerConsent === true;
  await audit(deps, actor, {
    action,
    outcome: consented ? 'ok' : 'refused',
    caseId: record.id,
    caseRef: record.ref,
    ...(consented ? {} : { detail: { reason: 'no_employer_consent' } }),
  });
  return ok({ record, consented });
}

export type ReportFileResult = { record: Stored<CaseRecord> } & (
  | { consented: false }
  | { consented: true; file: OfferedFile }
);

/**
 * The employer report as a PDF behind a one-time link: the same checks (OT or lead, accepted case,
 * the patient's consent) and the same content as the card. The file is named by reference only.
 */
export async function employerReportFile(
  deps: ServiceDeps,
  actor: Actor,
  key: CaseKey,
): Promise<Outcome<ReportFileResult>> {
  const found = await employerReportOf(deps, actor, key, 'case.report.pdf');
  if (found.kind !== 'ok') return found;
  const { record, consented } = found.value;
  if (!consented) return ok({ record, consented: false });
  const date = today(deps);
  const body = await deps.present.employerReportPdf(record, date, deps.clock.now());
  const file = await deps.files.offer(actor, {
    kind: 'employer-report',
    filename: `${record.ref}-return-to-work-report-${date}.pdf`,
    contentType: 'application/pdf',
    body,
    caseId: record.id,
    caseRef: record.ref,
  });
  return ok({ record, consented: true, file });
}
