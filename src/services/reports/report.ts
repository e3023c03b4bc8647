import type { CaseRecord, EmployerReport } from '../../domain/case';
import { currentNoteOf } from '../../domain/caseSummary';
import { issuerProfessionOf, planProblem, validateEmployerReport } from '../../domain/employerReport';
import type { PractitionerDetails } from '../../domain/staff';
import type { Stored } from '../../store/types';
import { audit } from '../core/audit';
import { caseFor, tokenOf, WORK_REFUSAL, type CaseKey } from '../cases/access';
import { saveToCase, type SavedResult } from '../cases/save';
import { newId, nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import type { OfferedFile } from '../core/ports';
import { conflict, ok, type Outcome } from '../core/outcome';

export interface ReportResult {
  record: Stored<CaseRecord>;
  /** False: the patient has not agreed to share with the employer, so no report is shown. */
  consented: boolean;
  /** The reader's own AHP details (profession, HCPC number…) from their staff record, to fill in the form. */
  practitioner?: PractitionerDetails;
}

export const NO_CONSENT_REFUSAL =
  'The patient has not agreed to share the plan with their employer, so no report can be saved. Nothing was saved.';

/**
 * `report <ref>`: the employer-facing return-to-work report (the saved one) or its form. It is only
 * produced with the patient's recorded consent to share with the employer (on the plan); without it
 * the card says so.
 */
export async function employerReport(deps: ServiceDeps, actor: Actor, ref: string): Promise<Outcome<ReportResult>> {
  const found = await employerReportOf(deps, actor, { ref }, 'case.report');
  if (found.kind !== 'ok') return found;
  const practitioner = (await deps.store.staff.findByAadObjectId(actor.aadObjectId))?.practitioner;
  return ok({ ...found.value, ...(practitioner ? { practitioner } : {}) });
}

/** The report's checks and audit, for the card (`case.report`) and the PDF (`case.report.pdf`). */
export async function employerReportOf(
  deps: ServiceDeps,
  actor: Actor,
  key: CaseKey,
  action: string,
  opts: { needsSavedReport?: boolean } = {},
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
  const unsaved = consented && opts.needsSavedReport && !record.employerReport;
  await audit(deps, actor, {
    action,
    outcome: !consented ? 'refused' : unsaved ? 'conflict' : 'ok',
    caseId: record.id,
    caseRef: record.ref,
    ...(!consented ? { detail: { reason: 'no_employer_consent' } } : {}),
    ...(unsaved ? { detail: { reason: 'no_saved_report' } } : {}),
  });
  return ok({ record, consented });
}

/**
 * `report.submit`: saves the employer report as the practitioner filled it in (the AHP Health and
 * Work Report's parts), quoting the fit note in force today and the plan as they stand. Bad input:
 * each problem by its field, nothing written. The practitioner's profession, HCPC number,
 * organisation and contact are kept on their staff record for their next report. Idempotent on the
 * card's submission id.
 */
export async function saveEmployerReport(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const id = tokenOf(data.submissionId) ?? newId(deps);
  const date = today(deps);
  const saved = await saveToCase(deps, actor, data.caseId, {
    action: 'report.submit',
    alreadySaved: (c) => c.employerReport?.id === id,
    refuse: (c) => {
      if (c.plan?.employerConsent !== true)
        return { message: NO_CONSENT_REFUSAL, detail: { reason: 'no_employer_consent' } };
      // A plan whose periods run backwards is not given to an employer.
      const problem = planProblem(c.plan);
      return problem ? { message: problem.replace('<ref>', c.ref), detail: { reason: 'plan_out_of_order' } } : null;
    },
    validate: (c) => validateEmployerReport(data, c, currentNoteOf(c, date), date),
    apply(next, form) {
      const note = currentNoteOf(next, date);
      const { practitioner, ...entries } = form;
      const report: EmployerReport = {
        id,
        ...entries,
        ...(note
          ? {
              fitNote: {
                id: note.id,
                status: note.status,
                advice: [...note.advice],
                startDate: note.startDate,
                ...(note.endDate ? { endDate: note.endDate } : {}),
                ...(note.issuedBy ? { issuedBy: note.issuedBy } : {}),
                ...issuerProfessionOf(note),
              },
            }
          : {}),
        practitioner: { aadObjectId: actor.aadObjectId, name: actor.name, ...practitioner },
        ...(next.plan
          ? {
              plan: {
                revision: next.plan.revision,
                targetReturnDate: next.plan.targetReturnDate,
                contractedHours: next.plan.contractedHours,
                phases: next.plan.phases.map((p) => ({ ...p })),
                ...(next.plan.adjustments ? { adjustments: next.plan.adjustments } : {}),
                ...(next.plan.employerContact ? { employerContact: next.plan.employerContact } : {}),
              },
            }
          : {}),
        reportDate: date,
        savedAt: nowIso(deps),
      };
      next.employerReport = report;
    },
    // Codes and counts only: what the practitioner wrote stays out of the audit trail.
    auditDetail: (form) => ({
      fitness: form.fitness,
      recommendations: form.recommendations,
      difficulties: form.difficulties.length,
      review: form.review,
    }),
  });
  if (saved.kind === 'ok' && !saved.value.duplicate && saved.value.record.employerReport)
    await rememberPractitioner(deps, actor, saved.value.record.employerReport.practitioner);
  return saved;
}

/** Keeps the practitioner's AHP details on their staff record (once per person), audited, when they changed. */
async function rememberPractitioner(deps: ServiceDeps, actor: Actor, details: PractitionerDetails): Promise<void> {
  const member = await deps.store.staff.findByAadObjectId(actor.aadObjectId);
  if (!member || member.serviceId !== actor.serviceId) return;
  const keep: PractitionerDetails = {
    profession: details.profession,
    registrationNumber: details.registrationNumber,
    organisation: details.organisation,
    contactDetails: details.contactDetails,
  };
  const before = member.practitioner;
  if (
    before &&
    before.profession === keep.profession &&
    before.registrationNumber === keep.registrationNumber &&
    before.organisation === keep.organisation &&
    before.contactDetails === keep.contactDetails
  )
    return;
  await deps.store.staff.save({ ...member, practitioner: keep, updatedAt: nowIso(deps) });
  await audit(deps, actor, {
    action: 'staff.practitioner',
    outcome: 'ok',
    detail: { member: actor.aadObjectId, profession: keep.profession },
  });
}

export type ReportFileResult = { record: Stored<CaseRecord> } & (
  | { state: 'no_consent' }
  | { state: 'not_saved' }
  | { state: 'ready'; file: OfferedFile }
);

/**
 * The employer report as a PDF behind a one-time link: the same checks (OT or lead, accepted case,
 * the patient's consent) and the report as saved; nothing before one is saved. The file is named by
 * reference only.
 */
export async function employerReportFile(
  deps: ServiceDeps,
  actor: Actor,
  key: CaseKey,
): Promise<Outcome<ReportFileResult>> {
  const found = await employerReportOf(deps, actor, key, 'case.report.pdf', { needsSavedReport: true });
  if (found.kind !== 'ok') return found;
  const { record, consented } = found.value;
  if (!consented) return ok({ record, state: 'no_consent' });
  if (!record.employerReport) return ok({ record, state: 'not_saved' });
  const body = await deps.present.employerReportPdf(record, deps.clock.now());
  const file = await deps.files.offer(actor, {
    kind: 'employer-report',
    filename: `${record.ref}-return-to-work-report-${record.employerReport.reportDate}.pdf`,
    contentType: 'application/pdf',
    body,
    caseId: record.id,
    caseRef: record.ref,
  });
  return ok({ record, state: 'ready', file });
}
