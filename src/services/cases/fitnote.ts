import { validateFitNote } from '../../domain/fitNoteForm';
import { audit } from '../core/audit';
import { answerUnwritten, caseFor, refuseInvalid, editable, tokenOf, updateCase, WORK_REFUSAL } from './access';
import { notWorkable, refuseIfClosed } from './case';
import { newId, nowIso, type Actor, type ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';
import type { SavedResult } from './session';

/** `fitnote.submit`: adds a Med3 to the case (every note is kept); idempotent on submissionId. */
export async function recordFitNote(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const found = await caseFor(deps, actor, 'fitnote.submit', 'case.work', { caseId: data.caseId }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const id = tokenOf(data.submissionId) ?? newId(deps);
  if (record.fitNotes.some((n) => n.id === id)) {
    await audit(deps, actor, {
      action: 'fitnote.submit',
      outcome: 'duplicate',
      caseId: record.id,
      caseRef: record.ref,
    });
    return ok({ record, duplicate: true });
  }
  const closed = await refuseIfClosed(deps, actor, 'fitnote.submit', record);
  if (closed) return closed;
  const form = validateFitNote(data, record.referral.eventDate);
  if (!form.ok) return refuseInvalid(deps, actor, 'fitnote.submit', record, form.errors);
  const f = form.value;
  const result = await updateCase<boolean>(deps, record, (current) => {
    if (current.fitNotes.some((n) => n.id === id)) return { skip: ok(true) as Outcome<boolean> };
    const closedNow = notWorkable(current);
    if (closedNow) return { skip: conflict(closedNow) };
    const next = editable(current);
    next.fitNotes = [
      ...next.fitNotes,
      {
        id,
        status: f.status,
        advice: f.status === 'may_be_fit' ? (f.advice ?? []) : [],
        startDate: f.startDate,
        endDate: f.endDate,
        ...(f.issuedBy ? { issuedBy: f.issuedBy } : {}),
        ...(f.reassessmentNeeded !== undefined ? { reassessmentNeeded: f.reassessmentNeeded } : {}),
        recordedAt: nowIso(deps),
        recordedBy: actor.aadObjectId,
      },
    ];
    next.updatedAt = nowIso(deps);
    return { write: next, result: false };
  });
  if (!result.written)
    return answerUnwritten(deps, actor, 'fitnote.submit', record, result.outcome, (current) => ({
      record: current,
      duplicate: true,
    }));
  await audit(deps, actor, {
    action: 'fitnote.submit',
    outcome: 'ok',
    caseId: record.id,
    caseRef: record.ref,
    detail: { status: f.status },
  });
  return ok({ record: result.record, duplicate: false });
}
