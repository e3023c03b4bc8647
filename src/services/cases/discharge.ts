import { validateDischarge } from '../../domain/discharge';
import { audit } from '../core/audit';
import { answerUnwritten, caseFor, refuseInvalid, editable, updateCase, WORK_REFUSAL } from './access';
import { notWorkable, refuseIfClosed } from './case';
import { nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';
import type { SavedResult } from './session';

/** `case.discharge`: closes the case with an outcome. It leaves caseloads and digests but stays findable. */
export async function dischargeCase(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const found = await caseFor(deps, actor, 'case.discharge', 'case.work', { caseId: data.caseId }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  if (record.status === 'discharged') {
    // Already done (a retry, or a colleague first): answer with the discharge that stands.
    await audit(deps, actor, {
      action: 'case.discharge',
      outcome: 'duplicate',
      caseId: record.id,
      caseRef: record.ref,
    });
    return ok({ record, duplicate: true });
  }
  const closed = await refuseIfClosed(deps, actor, 'case.discharge', record, true);
  if (closed) return closed;
  const form = validateDischarge(data, today(deps), record.referral.referredOn);
  if (!form.ok) return refuseInvalid(deps, actor, 'case.discharge', record, form.errors);
  const f = form.value;
  const result = await updateCase<boolean>(deps, record, (current) => {
    if (current.status === 'discharged') return { skip: ok(true) as Outcome<boolean> };
    const closedNow = notWorkable(current, true);
    if (closedNow) return { skip: conflict(closedNow) };
    const next = editable(current);
    next.status = 'discharged';
    next.discharge = {
      outcome: f.outcome,
      date: f.date,
      ...(f.notes ? { notes: f.notes } : {}),
      by: { aadObjectId: actor.aadObjectId, name: actor.name },
      recordedAt: nowIso(deps),
    };
    next.updatedAt = nowIso(deps);
    return { write: next, result: false };
  });
  if (!result.written)
    return answerUnwritten(deps, actor, 'case.discharge', record, result.outcome, (current) => ({
      record: current,
      duplicate: true,
    }));
  await audit(deps, actor, {
    action: 'case.discharge',
    outcome: 'ok',
    caseId: record.id,
    caseRef: record.ref,
    detail: { outcome: f.outcome },
  });
  deps.log.info(
    { event: 'case.discharged', serviceId: actor.serviceId, caseRef: record.ref, outcome: f.outcome },
    'case discharged',
  );
  return ok({ record: result.record, duplicate: false });
}
