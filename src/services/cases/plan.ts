import type { CaseRecord, ReturnPlan } from '../../domain/case';
import { formatInstantIn } from '../../domain/dates';
import { validatePlan } from '../../domain/plan';
import type { Stored } from '../../store/types';
import { audit } from '../core/audit';
import { answerUnwritten, caseFor, refuseInvalid, editable, tokenOf, updateCase, WORK_REFUSAL } from './access';
import { notWorkable, refuseIfClosed } from './case';
import { newId, nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';
import type { SavedResult } from './session';

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
  const found = await caseFor(deps, actor, 'plan.submit', 'case.work', { caseId: data.caseId }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const submissionId = tokenOf(data.submissionId);
  if (submissionId && record.plan?.submissionId === submissionId) {
    await audit(deps, actor, { action: 'plan.submit', outcome: 'duplicate', caseId: record.id, caseRef: record.ref });
    return ok({ record, duplicate: true });
  }
  const closed = await refuseIfClosed(deps, actor, 'plan.submit', record);
  if (closed) return closed;
  const seen = cardRevision(data);
  if ((record.plan?.revision ?? '') !== seen) {
    await audit(deps, actor, {
      action: 'plan.submit',
      outcome: 'conflict',
      caseId: record.id,
      caseRef: record.ref,
      detail: { reason: 'stale_plan' },
    });
    return conflict(staleMessage(record, deps.timezone));
  }
  const form = validatePlan(data, today(deps), record.referral.hoursPerWeek);
  if (!form.ok) return refuseInvalid(deps, actor, 'plan.submit', record, form.errors);
  const plan: ReturnPlan = {
    revision: newId(deps),
    ...form.value,
    ...(submissionId ? { submissionId } : {}),
    updatedAt: nowIso(deps),
    updatedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
  };
  const result = await updateCase<boolean>(deps, record, (current) => {
    if (submissionId && current.plan?.submissionId === submissionId) return { skip: ok(true) as Outcome<boolean> };
    if ((current.plan?.revision ?? '') !== seen) return { skip: conflict(staleMessage(current, deps.timezone)) };
    const closedNow = notWorkable(current);
    if (closedNow) return { skip: conflict(closedNow) };
    const next = editable(current);
    next.plan = plan;
    next.updatedAt = plan.updatedAt;
    return { write: next, result: false };
  });
  if (!result.written)
    return answerUnwritten(
      deps,
      actor,
      'plan.submit',
      record,
      result.outcome,
      (current) => ({ record: current, duplicate: true }),
      { reason: 'stale_plan' },
    );
  await audit(deps, actor, {
    action: 'plan.submit',
    outcome: 'ok',
    caseId: record.id,
    caseRef: record.ref,
    detail: { phases: plan.phases.length, employerConsent: plan.employerConsent },
  });
  return ok({ record: result.record, duplicate: false });
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
