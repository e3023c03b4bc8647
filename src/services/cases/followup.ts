import type { CaseRecord } from '../../domain/case';
import { formatDate } from '../../domain/dates';
import {
  followUpStanding,
  nextFollowUpDate,
  openFollowUps,
  validateFollowUp,
  type FollowUpSlot,
} from '../../domain/followUp';
import { FOLLOW_UP_DUES } from '../../domain/vocabulary';
import type { Stored } from '../../store/types';
import { audit } from '../core/audit';
import { newId, nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import { conflict, ok, type Outcome } from '../core/outcome';
import { caseFor, tokenOf, WORK_REFUSAL } from './access';
import { refuseIfClosed } from './case';
import { saveToCase, type Refusal, type SavedResult } from './save';

/**
 * Why a discharged case takes no follow-up now, or null: discharged without consent (or before it
 * was asked), lost to follow-up, or all three recorded. Checked on the case as read and again on
 * every re-read before writing.
 */
export function followUpRefusal(c: CaseRecord, on: string, due?: unknown): Refusal | null {
  const s = followUpStanding(c, on);
  if (!s.followed)
    return {
      message: `${c.ref} was discharged without consent to follow-up, so no follow-up is recorded.`,
      detail: { reason: 'no_consent' },
    };
  if (s.lostOn)
    return {
      message: `${c.ref} was closed as lost to follow-up on ${formatDate(s.lostOn)} (three "not reached" in a row).`,
      detail: { reason: 'lost_to_follow_up' },
    };
  if (!s.next)
    return { message: `All three follow-ups of ${c.ref} have been recorded.`, detail: { reason: 'complete' } };
  // A colleague recorded this one first (two cards open at once): theirs stands, nothing is added.
  const done = s.slots.find((x) => x.due === due && x.contact);
  if (done?.contact)
    return {
      message: `The ${FOLLOW_UP_DUES.labels[done.due]} of ${c.ref} was recorded on ${formatDate(done.contact.date)} by ${done.contact.recordedBy.name}; nothing was added.`,
      detail: { reason: 'already_recorded', due: done.due },
    };
  return null;
}

export interface FollowUpFormView {
  record: Stored<CaseRecord>;
  /** The follow-ups that can be recorded today, the next one first. */
  open: FollowUpSlot[];
}

/**
 * `followup <ref>`: the follow-up card for the next one due. Only OTs and leads, only on a discharged
 * case followed up and with a follow-up due or overdue today; every refusal audited.
 */
export async function openFollowUp(deps: ServiceDeps, actor: Actor, ref: string): Promise<Outcome<FollowUpFormView>> {
  const action = 'case.form.followup';
  const found = await caseFor(deps, actor, action, 'case.work', { ref }, WORK_REFUSAL);
  if (found.kind !== 'ok') return found;
  const record = found.value;
  const closed = await refuseIfClosed(deps, actor, action, record, false, true);
  if (closed) return closed;
  const on = today(deps);
  const refused = followUpRefusal(record, on);
  const open = openFollowUps(record, on);
  const next = followUpStanding(record, on).next;
  const notYet =
    !refused && open.length === 0 && next
      ? {
          message: `No follow-up of ${record.ref} is due yet: the ${FOLLOW_UP_DUES.labels[next.due]} is due from ${formatDate(next.opensOn)}.`,
          detail: { reason: 'not_due', due: next.due },
        }
      : null;
  const refusal = refused ?? notYet;
  if (refusal) {
    await audit(deps, actor, {
      action,
      outcome: 'conflict',
      caseId: record.id,
      caseRef: record.ref,
      detail: refusal.detail,
    });
    return conflict(refusal.message);
  }
  await audit(deps, actor, { action, outcome: 'ok', caseId: record.id, caseRef: record.ref });
  return ok({ record, open });
}

/**
 * `followup.submit`: one follow-up contact, or one attempt (`not_reached`), on a discharged case.
 * The card's submissionId becomes the contact's id, so Teams' retry writes nothing; the case's
 * `followUpDue` moves on to the next follow-up owed, or goes when none is.
 */
export async function recordFollowUp(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<SavedResult>> {
  const id = tokenOf(data.submissionId) ?? newId(deps);
  const saved = await saveToCase(deps, actor, data.caseId, {
    action: 'followup.submit',
    afterDischarge: true,
    alreadySaved: (c) => (c.followUps ?? []).some((x) => x.id === id),
    refuse: (c) => followUpRefusal(c, today(deps), data.due),
    validate: (c) => validateFollowUp(data, today(deps), c),
    apply(next, f) {
      next.followUps = [
        ...(next.followUps ?? []),
        {
          id,
          due: f.due,
          date: f.date,
          workStatus: f.workStatus,
          ...(f.hoursPerWeek !== undefined ? { hoursPerWeek: f.hoursPerWeek } : {}),
          ...(f.absenceDays !== undefined ? { absenceDays: f.absenceDays } : {}),
          ...(f.workAbility !== undefined ? { workAbility: f.workAbility } : {}),
          ...(f.notes ? { notes: f.notes } : {}),
          recordedAt: nowIso(deps),
          recordedBy: { aadObjectId: actor.aadObjectId, name: actor.name },
        },
      ];
      const due = nextFollowUpDate(next);
      if (due) next.followUpDue = due;
      else delete next.followUpDue;
    },
    auditDetail: (f) => ({ due: f.due, workStatus: f.workStatus }),
  });
  if (saved.kind === 'ok' && !saved.value.duplicate) {
    const { ref } = saved.value.record;
    const lost = followUpStanding(saved.value.record, today(deps)).lostOn !== undefined;
    deps.log.info(
      { event: lost ? 'followup.lost' : 'followup.recorded', serviceId: actor.serviceId, caseRef: ref },
      lost ? 'lost to follow-up' : 'follow-up recorded',
    );
  }
  return saved;
}
