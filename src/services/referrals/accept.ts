import type { CaseRecord } from '../../domain/case';
import type { Stored } from '../../store/types';
import { audit } from '../core/audit';
import { answerUnwritten, caseFor, editable, updateCase, WORK_REFUSAL } from '../cases/access';
import { nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';
import { updateAlertMessages } from './alerts';

export interface AcceptResult {
  record: Stored<CaseRecord>;
  /** The clicking OT already had it (a double click or Teams retry). */
  already: boolean;
}

/**
 * `referral.accept`: answered from the store, never from the card, so that of several OTs pressing
 * Accept on their copies one wins and the others are told who has it.
 */
export async function acceptReferral(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<AcceptResult>> {
  const found = await caseFor(deps, actor, 'referral.accept', 'case.work', { caseId: data.caseId }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const me = { aadObjectId: actor.aadObjectId, name: actor.name };
  const result = await updateCase<boolean>(deps, found.value, (current) => {
    if (current.assignedOt?.aadObjectId === actor.aadObjectId && current.status === 'active')
      return { skip: ok(true) as Outcome<boolean> };
    if (current.assignedOt)
      return { skip: conflict(`${current.ref} has already been accepted by ${current.assignedOt.name}.`) };
    if (current.status !== 'referred')
      return {
        skip: conflict(
          `${current.ref} is ${current.status === 'declined' ? 'a declined referral' : 'discharged'}, so it cannot be accepted.`,
        ),
      };
    const next = editable(current);
    next.status = 'active';
    next.assignedOt = me;
    next.acceptedOn = today(deps);
    next.updatedAt = nowIso(deps);
    return { write: next, result: false };
  });
  const record = found.value;
  if (!result.written)
    return answerUnwritten(deps, actor, 'referral.accept', record, result.outcome, (current) => ({
      record: current,
      already: true,
    }));
  await audit(deps, actor, { action: 'referral.accept', outcome: 'ok', caseId: record.id, caseRef: record.ref });
  deps.log.info({ event: 'referral.accepted', serviceId: actor.serviceId, caseRef: record.ref }, 'referral accepted');
  // Everyone else's copy of the alert now says who took it (or that it was declined), in the background.
  deps.background.run(() => updateAlertMessages(deps, record.serviceId, record.id));
  return ok({ record: result.record, already: false });
}
