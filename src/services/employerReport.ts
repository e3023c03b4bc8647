import type { CaseRecord } from '../domain/case';
import type { Stored } from '../store/types';
import { audit } from './audit';
import { caseFor, WORK_REFUSAL, type CaseKey } from './caseAccess';
import type { Actor, ServiceDeps } from './context';
import { conflict, ok, type Outcome } from './outcome';

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
