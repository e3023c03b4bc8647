import { validateDischarge } from '../../domain/discharge';
import { nextFollowUpDate } from '../../domain/followUp';
import { nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import type { Outcome } from '../core/outcome';
import { saveToCase, type SavedResult } from './save';
/** `case.discharge`: closes the case with an outcome. It leaves caseloads and digests but stays findable. */
export async function dischargeCase(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const saved = await saveToCase(deps, actor, data.caseId, {
    action: 'case.discharge',
    discharging: true,
    // Already done (a retry, or a colleague first): answer with the discharge that stands.
    alreadySaved: (c) => c.status === 'discharged',
    validate: (c) => validateDischarge(data, today(deps), c.referral.referredOn),
    apply(next, f) {
      next.status = 'discharged';
      next.discharge = {
        outcome: f.outcome,
        date: f.date,
        ...(f.notes ? { notes: f.notes } : {}),
        ...(f.workAbility !== undefined ? { workAbility: f.workAbility } : {}),
        // Asked on the card, default yes (CONTRACT §3); stored either way, so "not asked" stays apart.
        followUpConsent: f.followUpConsent ?? true,
        by: { aadObjectId: actor.aadObjectId, name: actor.name },
        recordedAt: nowIso(deps),
      };
      const due = nextFollowUpDate(next);
      if (due) next.followUpDue = due;
      else delete next.followUpDue;
    },
    auditDetail: (f) => ({ outcome: f.outcome, followUpConsent: f.followUpConsent ?? true }),
  });
  if (saved.kind === 'ok' && !saved.value.duplicate) {
    const { ref, discharge } = saved.value.record;
    deps.log.info(
      { event: 'case.discharged', serviceId: actor.serviceId, caseRef: ref, outcome: discharge?.outcome },
      'case discharged',
    );
  }
  return saved;
}
