import { requiredText } from '../../domain/fields';
import { parseForm } from '../../domain/form';
import { audit } from '../core/audit';
import { answerUnwritten, caseFor, refuseInvalid, editable, updateCase, WORK_REFUSAL } from '../cases/access';
import { nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';
import { updateAlertMessages } from './alerts';
import type { AcceptResult } from './accept';

const declineShape = { reason: requiredText('why the referral is declined', 1000) };

/** `referral.decline` with a reason: only a referral nobody has accepted yet. */
export async function declineReferral(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<AcceptResult>> {
  const found = await caseFor(deps, actor, 'referral.decline', 'case.work', { caseId: data.caseId }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const form = parseForm(declineShape, data);
  if (!form.ok) return refuseInvalid(deps, actor, 'referral.decline', record, form.errors);
  const result = await updateCase<boolean>(deps, record, (current) => {
    if (current.status === 'declined') return { skip: ok(true) as Outcome<boolean> };
    if (current.assignedOt)
      return {
        skip: conflict(
          `${current.ref} has already been accepted by ${current.assignedOt.name}; it can be discharged instead.`,
        ),
      };
    if (current.status !== 'referred') return { skip: conflict(`${current.ref} is no longer a waiting referral.`) };
    const next = editable(current);
    next.status = 'declined';
    next.decline = {
      reason: form.value.reason,
      by: { aadObjectId: actor.aadObjectId, name: actor.name },
      on: today(deps),
    };
    next.updatedAt = nowIso(deps);
    return { write: next, result: false };
  });
  if (!result.written)
    return answerUnwritten(deps, actor, 'referral.decline', record, result.outcome, (current) => ({
      record: current,
      already: true,
    }));
  await audit(deps, actor, { action: 'referral.decline', outcome: 'ok', caseId: record.id, caseRef: record.ref });
  // Everyone else's copy of the alert now says who took it (or that it was declined), in the background.
  deps.background.run(() => updateAlertMessages(deps, record.serviceId, record.id));
  return ok({ record: result.record, already: false });
}
