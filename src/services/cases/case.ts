import type { CaseRecord } from '../../domain/case';
import { can } from '../../domain/roles';
import type { Stored } from '../../store/types';
import { audit } from '../core/audit';
import { caseFor, WORK_REFUSAL, type CaseKey } from './access';
import type { Actor, ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';

export interface CaseView {
  record: Stored<CaseRecord>;
  /** Nurses see status only: no clinical detail, no session notes, no plan. */
  statusOnly: boolean;
}

/**
 * `case <ref>`: the hub. Nurses only find the cases they referred (caseFor scopes the look-up). Also a
 * card's `case.refresh` (by `caseId`, `via: 'refresh'`): Teams asking what the card shows now is a read
 * like any other, one point read of the case and one audit entry, and nothing else is written.
 */
export async function viewCase(
  deps: ServiceDeps,
  actor: Actor,
  key: string | CaseKey,
  via?: 'refresh',
): Promise<Outcome<CaseView>> {
  const found = await caseFor(
    deps,
    actor,
    'case.read',
    'case.readStatus',
    typeof key === 'string' ? { ref: key } : key,
    'Your role cannot see cases.',
  );
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const statusOnly = !can(actor.role, 'case.readFull');
  await audit(deps, actor, {
    action: 'case.read',
    outcome: 'ok',
    caseId: record.id,
    caseRef: record.ref,
    detail: { view: statusOnly ? 'status' : 'full', ...(via ? { via } : {}) },
  });
  return ok({ record, statusOnly });
}

/**
 * Opening a work form (`log`, `fitnote`, `plan`, `discharge`): an OT verb, so a nurse is refused,
 * and a form is only offered while the case can take it.
 */
export async function openForWork(
  deps: ServiceDeps,
  actor: Actor,
  key: CaseKey,
  form: 'session' | 'fitnote' | 'plan' | 'discharge' | 'followup',
): Promise<Outcome<Stored<CaseRecord>>> {
  const action = `case.form.${form}`;
  const found = await caseFor(deps, actor, action, 'case.work', key, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const closed = await refuseIfClosed(deps, actor, action, record, form === 'discharge', form === 'followup');
  if (closed) return closed;
  await audit(deps, actor, { action, outcome: 'ok', caseId: record.id, caseRef: record.ref });
  return ok(record);
}

/** A case that cannot take this work now, answered: the conflict audited; null when it can. */
export async function refuseIfClosed(
  deps: ServiceDeps,
  actor: Actor,
  action: string,
  record: Stored<CaseRecord>,
  discharging = false,
  afterDischarge = false,
): Promise<Outcome<never> | null> {
  const closed = notWorkable(record, discharging, afterDischarge);
  if (!closed) return null;
  await audit(deps, actor, {
    action,
    outcome: 'conflict',
    caseId: record.id,
    caseRef: record.ref,
    detail: { status: record.status },
  });
  return conflict(closed);
}

/**
 * Why a case cannot take casework now, or null. Sessions, fit notes and plans need an accepted case;
 * a referral may be discharged before acceptance (e.g. the patient could not be reached). Work done
 * `afterDischarge` (a follow-up) is the other way round: only a discharged case takes it.
 */
export function notWorkable(record: CaseRecord, discharging = false, afterDischarge = false): string | null {
  if (afterDischarge) {
    if (record.status === 'discharged') return null;
    if (record.status === 'declined') return `The referral ${record.ref} was declined, so it has no follow-ups.`;
    return `${record.ref} is still open: a follow-up is recorded after discharge. Log a session instead: send "log ${record.ref}".`;
  }
  if (record.status === 'discharged')
    return `${record.ref} was discharged${record.discharge ? ` on ${record.discharge.date}` : ''}. It can still be found and read, but not changed.`;
  if (record.status === 'declined') return `The referral ${record.ref} was declined, so it takes no casework.`;
  if (record.status === 'referred' && !discharging)
    return `${record.ref} has not been accepted yet. Accept it first: send "case ${record.ref}".`;
  return null;
}
