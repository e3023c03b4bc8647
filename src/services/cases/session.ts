import type { CaseRecord } from '../../domain/case';
import { validateSession } from '../../domain/session';
import type { Stored } from '../../store/types';
import { audit } from '../core/audit';
import { answerUnwritten, caseFor, refuseInvalid, editable, tokenOf, updateCase, WORK_REFUSAL } from './access';
import { notWorkable, refuseIfClosed } from './case';
import { newId, nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';

export interface SavedResult {
  record: Stored<CaseRecord>;
  /** This submission had been saved before (Teams retry, double click): nothing new was written. */
  duplicate: boolean;
}

/** `session.submit`: the card's submissionId becomes the session's id, so a resubmission writes nothing. */
export async function logSession(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const found = await caseFor(deps, actor, 'session.submit', 'case.work', { caseId: data.caseId }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const id = tokenOf(data.submissionId) ?? newId(deps);
  if ((record.sessions ?? []).some((s) => s.id === id)) {
    await audit(deps, actor, {
      action: 'session.submit',
      outcome: 'duplicate',
      caseId: record.id,
      caseRef: record.ref,
    });
    return ok({ record, duplicate: true });
  }
  const closed = await refuseIfClosed(deps, actor, 'session.submit', record);
  if (closed) return closed;
  const form = validateSession(data, today(deps), record.referral.referredOn);
  if (!form.ok) return refuseInvalid(deps, actor, 'session.submit', record, form.errors);
  const f = form.value;
  const result = await updateCase<boolean>(deps, record, (current) => {
    if ((current.sessions ?? []).some((s) => s.id === id)) return { skip: ok(true) as Outcome<boolean> };
    const closedNow = notWorkable(current);
    if (closedNow) return { skip: conflict(closedNow) };
    const next = editable(current);
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
        recordedAt: nowIso(deps),
        recordedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
      },
    ];
    next.updatedAt = nowIso(deps);
    return { write: next, result: false };
  });
  if (!result.written)
    return answerUnwritten(deps, actor, 'session.submit', record, result.outcome, (current) => ({
      record: current,
      duplicate: true,
    }));
  await audit(deps, actor, {
    action: 'session.submit',
    outcome: 'ok',
    caseId: record.id,
    caseRef: record.ref,
    detail: { mode: f.mode },
  });
  return ok({ record: result.record, duplicate: false });
}
