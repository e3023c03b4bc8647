import { employerReportContent } from '../cards/casework';
import { employerReportPdf } from '../documents/employerReportPdf';
import type { CaseRecord } from '../domain/case';
import type { Stored } from '../store/types';
import type { CaseKey } from './caseAccess';
import { today, type Actor, type ServiceDeps } from './context';
import { fileVault, type OfferedFile } from './downloads';
import { employerReportOf } from './employerReport';
import { ok, type Outcome } from './outcome';

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
  const body = await employerReportPdf(employerReportContent(record, date), deps.clock.now());
  const file = await fileVault(deps).offer(actor, {
    kind: 'employer-report',
    filename: `${record.ref}-return-to-work-report-${date}.pdf`,
    contentType: 'application/pdf',
    body,
    caseId: record.id,
    caseRef: record.ref,
  });
  return ok({ record, consented: true, file });
}
