import { validateSession } from '../../domain/session';
import { newId, nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import type { Outcome } from '../core/outcome';
import { tokenOf } from './access';
import { saveToCase, type SavedResult } from './save';

/** `session.submit`: the card's submissionId becomes the session's id, so a resubmission writes nothing. */
export async function logSession(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const id = tokenOf(data.submissionId) ?? newId(deps);
  return saveToCase(deps, actor, data.caseId, {
    action: 'session.submit',
    alreadySaved: (c) => (c.sessions ?? []).some((s) => s.id === id),
    validate: (c) => validateSession(data, today(deps), c.referral.referredOn),
    apply(next, f) {
      next.sessions = [
        ...(next.sessions ?? []),
        {
          id,
          date: f.date,
          mode: f.mode,
          durationMinutes: f.durationMinutes,
          topics: f.topics ?? [],
          notes: f.notes,
          ...(f.nextContactDate ? { nextContactDate: f.nextContactDate } : {}),
          ...(f.workAbility !== undefined ? { workAbility: f.workAbility } : {}),
          recordedAt: nowIso(deps),
          recordedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
        },
      ];
    },
    auditDetail: (f) => ({ mode: f.mode }),
  });
}
