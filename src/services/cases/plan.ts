import type { CaseRecord } from '../../domain/case';
import { formatInstantIn } from '../../domain/dates';
import { validatePlan } from '../../domain/plan';
import type { Stored } from '../../store/types';
import { audit } from '../core/audit';
import { caseFor, tokenOf, WORK_REFUSAL } from './access';
import { refuseIfClosed } from './case';
import { newId, today, type Actor, type ServiceDeps } from '../core/context';
import type { Outcome } from '../core/outcome';
import { saveToCase, type SavedResult } from './save';

/** The plan card's hidden `etag` for a case with no plan yet. */
export const NEW_PLAN_ETAG = 'new';

/** The plan revision the card was built from; '' when it was a blank plan. */
function cardRevision(data: Record<string, unknown>): string {
  const etag = typeof data.etag === 'string' ? data.etag.trim() : '';
  return etag === NEW_PLAN_ETAG ? '' : etag;
}

/** `zone`: the service's, so that the time named is the one on the clinician's clock (CONTRACT §4). */
function staleMessage(record: CaseRecord, zone: string): string {
  const p = record.plan;
  const who = p
    ? `${p.updatedBy.name} saved a newer version of this plan (${formatInstantIn(p.updatedAt, zone)})`
    : 'The plan changed';
  return `${who} after your card was opened, so your changes were NOT saved and theirs stand. Send "plan ${record.ref}" to see the current plan and make your changes on it.`;
}

/**
 * `plan.submit`: optimistic concurrency on the plan itself. The card carries the revision it showed;
 * a save from an older card is refused (no lost update), while unrelated changes to the case (a
 * session logged meanwhile) do not block it.
 */
export async function savePlan(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const submissionId = tokenOf(data.submissionId);
  const seen = cardRevision(data);
  const revision = newId(deps);
  return saveToCase(deps, actor, data.caseId, {
    action: 'plan.submit',
    alreadySaved: (c) => Boolean(submissionId) && c.plan?.submissionId === submissionId,
    refuse: (c) =>
      (c.plan?.revision ?? '') === seen
        ? null
        : { message: staleMessage(c, deps.timezone), detail: { reason: 'stale_plan' } },
    conflictDetail: { reason: 'stale_plan' },
    validate: (c) => validatePlan(data, today(deps), c.referral.hoursPerWeek),
    apply(next, form) {
      next.plan = {
        revision,
        ...form,
        ...(submissionId ? { submissionId } : {}),
        updatedAt: next.updatedAt,
        updatedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      };
    },
    auditDetail: (form) => ({ phases: form.phases.length, employerConsent: form.employerConsent }),
  });
}

/** `plan.addPhase`: writes nothing; checks the role and the case, so the form is re-shown with one more row. */
export async function planFormAgain(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<Stored<CaseRecord>>> {
  const found = await caseFor(deps, actor, 'plan.addPhase', 'case.work', { caseId: data.caseId }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const closed = await refuseIfClosed(deps, actor, 'plan.addPhase', record);
  if (closed) return closed;
  await audit(deps, actor, { action: 'plan.addPhase', outcome: 'ok', caseId: record.id, caseRef: record.ref });
  return found;
}
