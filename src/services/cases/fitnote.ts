import { validateFitNote } from '../../domain/fitNoteForm';
import { newId, nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import type { Outcome } from '../core/outcome';
import { tokenOf } from './access';
import { saveToCase, type SavedResult } from './save';

/** `fitnote.submit`: adds a Med3 to the case (every note is kept); idempotent on submissionId. */
export async function recordFitNote(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const id = tokenOf(data.submissionId) ?? newId(deps);
  return saveToCase(deps, actor, data.caseId, {
    action: 'fitnote.submit',
    alreadySaved: (c) => c.fitNotes.some((n) => n.id === id),
    validate: (c) => validateFitNote(data, c.referral.eventDate, today(deps)),
    apply(next, f) {
      next.fitNotes = [
        ...next.fitNotes,
        {
          id,
          status: f.status,
          advice: f.status === 'may_be_fit' ? (f.advice ?? []) : [],
          // CONTRACT §3: the statement (issue) date defaults to the start date.
          statementDate: f.statementDate ?? f.startDate,
          startDate: f.startDate,
          ...(f.indefinite ? { indefinite: true } : { endDate: f.endDate }),
          ...(f.issuedBy ? { issuedBy: f.issuedBy } : {}),
          ...(f.issuerProfession ? { issuerProfession: f.issuerProfession } : {}),
          ...(f.reassessmentNeeded !== undefined ? { reassessmentNeeded: f.reassessmentNeeded } : {}),
          recordedAt: nowIso(deps),
          recordedBy: actor.aadObjectId,
        },
      ];
    },
    auditDetail: (f) => ({ status: f.status, ...(f.indefinite ? { indefinite: true } : {}) }),
  });
}
