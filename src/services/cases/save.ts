import type { CaseRecord } from '../../domain/case';
import type { FormResult } from '../../domain/form';
import type { Stored } from '../../store/types';
import { audit, type AuditEvent } from '../core/audit';
import { nowIso, type Actor, type ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';
import { answerUnwritten, caseFor, editable, refuseInvalid, updateCase, WORK_REFUSAL } from './access';
import { notWorkable, refuseIfClosed } from './case';

export interface SavedResult {
  record: Stored<CaseRecord>;
  /** This submission had been saved before (Teams retry, double click): nothing new was written. */
  duplicate: boolean;
}

/** A refusal that does not depend on the form (a plan card older than the saved plan). */
export interface Refusal {
  message: string;
  detail: AuditEvent['detail'];
}

/** One kind of casework that a card saves onto a case: a session, a fit note, the plan, the discharge, a follow-up. */
export interface CaseSave<F> {
  /** The verb, also the audit action. */
  action: string;
  /** Discharge may close a referral nobody accepted; every other save needs an accepted case. */
  discharging?: boolean;
  /** A follow-up: only a discharged case takes it, and an open one is refused. */
  afterDischarge?: boolean;
  /** This submission is already on the case (a Teams retry, a double click): answer it, write nothing. */
  alreadySaved(record: CaseRecord): boolean;
  /** Checked on the case as read and again on every re-read before writing. */
  refuse?(record: CaseRecord): Refusal | null;
  validate(record: CaseRecord): FormResult<F>;
  /** Writes the form onto `next`: a copy of the case as stored now, its `updatedAt` already set. */
  apply(next: CaseRecord, form: F): void;
  /** What the audit entry of a conflict found on re-reading the case says (the plan: a newer save). */
  conflictDetail?: AuditEvent['detail'];
  /** What the success entry of the audit trail says (field values never; codes and counts only). */
  auditDetail(form: F): AuditEvent['detail'];
}

/**
 * The shape every casework save shares: the OT's role and the case (scoped to the service), a retry
 * answered from the store, a closed case refused, the form validated (nothing written for bad input),
 * then read-change-replace guarded by the etag (a concurrent save is re-read, never lost), and the
 * audit entry. `caseId` is the card's hidden data: client-controlled, so it is checked as a token.
 */
export async function saveToCase<F>(
  deps: ServiceDeps,
  actor: Actor,
  caseId: unknown,
  save: CaseSave<F>,
): Promise<Outcome<SavedResult>> {
  const { action } = save;
  const found = await caseFor(deps, actor, action, 'case.work', { caseId }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  if (save.alreadySaved(record)) {
    await audit(deps, actor, { action, outcome: 'duplicate', caseId: record.id, caseRef: record.ref });
    return ok({ record, duplicate: true });
  }
  const closed = await refuseIfClosed(deps, actor, action, record, save.discharging, save.afterDischarge);
  if (closed) return closed;
  const refused = save.refuse?.(record);
  if (refused) {
    await audit(deps, actor, {
      action,
      outcome: 'conflict',
      caseId: record.id,
      caseRef: record.ref,
      detail: refused.detail,
    });
    return conflict(refused.message);
  }
  const form = save.validate(record);
  if (!form.ok) return refuseInvalid(deps, actor, action, record, form.errors);
  const result = await updateCase<boolean>(deps, record, (current) => {
    if (save.alreadySaved(current)) return { skip: ok(true) };
    const refusedNow = save.refuse?.(current);
    if (refusedNow) return { skip: conflict(refusedNow.message) };
    const closedNow = notWorkable(current, save.discharging, save.afterDischarge);
    if (closedNow) return { skip: conflict(closedNow) };
    const next = editable(current);
    next.updatedAt = nowIso(deps);
    save.apply(next, form.value);
    return { write: next, result: false };
  });
  if (!result.written) {
    const answer = (current: Stored<CaseRecord>) => ({ record: current, duplicate: true });
    return answerUnwritten(deps, actor, action, record, result.outcome, answer, save.conflictDetail);
  }
  await audit(deps, actor, {
    action,
    outcome: 'ok',
    caseId: record.id,
    caseRef: record.ref,
    detail: save.auditDetail(form.value),
  });
  return ok({ record: result.record, duplicate: false });
}
