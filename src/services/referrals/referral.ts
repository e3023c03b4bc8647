import { formatCaseRef } from '../../domain/caseRef';
import { isOpen, nameKeyOf, type CaseRecord } from '../../domain/case';
import { validateReferral, type ReferralForm } from '../../domain/referral';
import { can } from '../../domain/roles';
import { AlreadyExistsError, OpenCaseClaimedError, ReferenceTakenError } from '../../store/errors';
import { normaliseNhsNumber } from '../../domain/nhsNumber';
import type { ReadAhead } from '../../store/readAhead';
import type { OpenCaseClaim, ReferenceReservation, Stored } from '../../store/types';
import { audit } from '../core/audit';
import { tokenOf } from '../cases/access';
import { alertId, deliverOwedAlert, owedAlert } from './alerts';
import { newId, nowIso, today, type Actor, type ServiceDeps } from '../core/context';
import { conflict, forbidden, invalid, ok, type Outcome } from '../core/outcome';

export interface ReferralResult {
  record: Stored<CaseRecord>;
  /** True when this submission had already been saved (a Teams retry or a double click). */
  duplicate: boolean;
}

export async function submitReferral(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
): Promise<Outcome<ReferralResult>> {
  if (!can(actor.role, 'refer')) {
    await audit(deps, actor, { action: 'referral.submit', outcome: 'refused' });
    return forbidden('Your role cannot make referrals.');
  }
  const form = validateReferral(data, today(deps));
  if (!form.ok) {
    await audit(deps, actor, {
      action: 'referral.submit',
      outcome: 'invalid',
      detail: { fields: Object.keys(form.errors) },
    });
    return invalid(form.errors);
  }
  // Hidden card data is client-controlled: only a plain token may become a document id.
  const submissionId = tokenOf(data.submissionId) ?? newId(deps);

  // Independent point reads, side by side (one round trip of waiting with a remote store): is this a
  // retry of a submission already saved, does the patient's open-case claim exist in this service, and
  // which reference comes next?
  const [previous, claim, reference] = await Promise.all([
    deps.store.cases.get(actor.serviceId, submissionId),
    deps.store.cases.openCaseClaim(actor.serviceId, form.value.nhsNumber),
    deps.store.cases.peekRef(actor.serviceId),
  ]);
  // Retry of a submission already saved: answer as before, write nothing.
  if (previous) return answerDuplicate(deps, actor, previous);

  // A claim names the patient's open case; one naming a case since closed or gone is taken over.
  let staleClaim: typeof claim | undefined;
  if (claim) {
    const holder = await deps.store.cases.get(actor.serviceId, claim.caseId);
    if (holder && isOpen(holder)) return refuseSecondOpenCase(deps, actor, holder);
    staleClaim = claim;
  }

  const opening = { submissionId, form: form.value, ...(staleClaim ? { staleClaim } : {}) };
  try {
    return await openCase(deps, actor, { ...opening, number: reference.number, reference });
  } catch (e) {
    if (!(e instanceof ReferenceTakenError)) throw e;
    // Another referral of this service took that number between our read and our write, and nothing
    // was written: take the next number by the store's atomic increment (one more round trip, only when
    // two referrals of one service meet within milliseconds) and open with that.
    return openCase(deps, actor, { ...opening, number: await deps.store.cases.nextRef(actor.serviceId) });
  }
}

/**
 * Writes the case, its reference (when read ahead, `reference`), its open-case claim and the alert it
 * owes in one transactional batch, then audits it. Throws ReferenceTakenError, having written nothing,
 * when `reference` was taken meanwhile.
 */
async function openCase(
  deps: ServiceDeps,
  actor: Actor,
  o: {
    submissionId: string;
    form: ReferralForm;
    number: number;
    reference?: ReferenceReservation;
    staleClaim?: Stored<OpenCaseClaim>;
  },
): Promise<Outcome<ReferralResult>> {
  const record = newCase(deps, actor, o.submissionId, formatCaseRef(o.number), o.form);
  try {
    // Two referrals of this patient racing on any number of instances make one open case (CONTRACT §8),
    // and a refused one takes no number. The alert is owed exactly when the case exists.
    const saved = await deps.store.cases.open(record, {
      ...(o.reference ? { reference: o.reference } : {}),
      ...(o.staleClaim ? { staleClaim: o.staleClaim } : {}),
      outbox: [owedAlert(record, record.createdAt)],
    });
    await audit(deps, actor, { action: 'referral.submit', outcome: 'ok', caseId: saved.id, caseRef: saved.ref });
    deps.log.info({ event: 'referral.created', serviceId: actor.serviceId, caseRef: saved.ref }, 'referral created');
    // Tell the service's OTs and leads now, without holding up the nurse's answer; should this process
    // die first, any instance's outbox sweep delivers it (services/referrals/alerts.ts).
    deps.background.run(() =>
      deliverOwedAlert(deps, saved.serviceId, alertId(saved.id), `turn:${newId(deps)}`, deps.alertLeaseMs),
    );
    return ok({ record: saved, duplicate: false });
  } catch (e) {
    if (e instanceof OpenCaseClaimedError) {
      // Another referral of this patient won the claim a moment ago.
      const holder = await deps.store.cases.get(actor.serviceId, e.caseId);
      if (holder) return refuseSecondOpenCase(deps, actor, holder);
      throw e;
    }
    if (!(e instanceof AlreadyExistsError)) throw e;
    // Two copies of the same submission raced; the other one won. Its reference stands.
    const winner = await deps.store.cases.get(actor.serviceId, o.submissionId);
    if (!winner) throw e;
    return answerDuplicate(deps, actor, winner);
  }
}

/**
 * The three reads a referral makes first (retry, claim, next reference), started ahead of the staff
 * read (store/readAhead.ts) in the service the person is thought to be in.
 */
export function readReferralAhead(ahead: ReadAhead, serviceId: string, data: Record<string, unknown>): void {
  const submissionId = tokenOf(data.submissionId);
  const nhsNumber = typeof data.nhsNumber === 'string' ? normaliseNhsNumber(data.nhsNumber) : null;
  if (submissionId) ahead.case(serviceId, submissionId);
  if (nhsNumber) ahead.openCaseClaim(serviceId, nhsNumber);
  ahead.peekRef(serviceId);
}

/** A second open referral for the same patient splits their care in two: point to the open one. */
async function refuseSecondOpenCase(
  deps: ServiceDeps,
  actor: Actor,
  open: Stored<CaseRecord>,
): Promise<Outcome<ReferralResult>> {
  await audit(deps, actor, {
    action: 'referral.submit',
    outcome: 'refused',
    caseId: open.id,
    caseRef: open.ref,
    detail: { reason: 'open_case_exists' },
  });
  // Staff who may read the case are told which one; a nurse who did not refer it learns only that it exists.
  const named = can(actor.role, 'case.readFull') || open.referredBy.aadObjectId === actor.aadObjectId;
  return invalid({
    nhsNumber: named
      ? `This patient already has an open referral, ${open.ref}. Add to that case instead (send "case ${open.ref}"), or check the NHS number.`
      : 'This patient already has an open referral with the service. Check the NHS number, or ask the OT team.',
  });
}

async function answerDuplicate(
  deps: ServiceDeps,
  actor: Actor,
  existing: Stored<CaseRecord>,
): Promise<Outcome<ReferralResult>> {
  if (existing.referredBy.aadObjectId !== actor.aadObjectId) {
    // Somebody else's submission id: never reveal that case through a replayed card.
    await audit(deps, actor, {
      action: 'referral.submit',
      outcome: 'refused',
      detail: { reason: 'submission_id_reused' },
    });
    return conflict('This referral form has already been used. Send "refer" for a new form.');
  }
  await audit(deps, actor, {
    action: 'referral.submit',
    outcome: 'duplicate',
    caseId: existing.id,
    caseRef: existing.ref,
  });
  return ok({ record: existing, duplicate: true });
}

function newCase(deps: ServiceDeps, actor: Actor, id: string, ref: string, f: ReferralForm): CaseRecord {
  const now = nowIso(deps);
  const fitNoteStatus = f.fitNoteStatus ?? 'none';
  return {
    id,
    serviceId: actor.serviceId,
    ref,
    status: 'referred',
    patient: {
      name: f.patientName,
      nameKey: nameKeyOf(f.patientName),
      nhsNumber: f.nhsNumber,
      dateOfBirth: f.dateOfBirth,
      ...(f.phone ? { phone: f.phone } : {}),
    },
    referral: {
      eventType: f.eventType,
      ...(f.acuteMI && (f.eventType === 'PCI' || f.eventType === 'CABG') ? { acuteMI: true } : {}),
      eventDate: f.eventDate,
      ...(f.dischargeDate ? { dischargeDate: f.dischargeDate } : {}),
      employmentStatus: f.employmentStatus,
      ...(f.occupation ? { occupation: f.occupation } : {}),
      ...(f.employer ? { employer: f.employer } : {}),
      jobDemands: f.jobDemands ?? [],
      ...(f.hoursPerWeek !== undefined ? { hoursPerWeek: f.hoursPerWeek } : {}),
      fitNoteStatus,
      contactPreference: f.contactPreference,
      consent: true,
      ...(f.notes ? { notes: f.notes } : {}),
      referredOn: today(deps),
    },
    referredBy: { aadObjectId: actor.aadObjectId, name: actor.name },
    fitNotes:
      (fitNoteStatus === 'not_fit' || fitNoteStatus === 'may_be_fit') && f.fitNoteStart && f.fitNoteEnd
        ? [
            {
              id: `${id}-fn1`,
              status: fitNoteStatus,
              advice: [],
              statementDate: f.fitNoteStart,
              startDate: f.fitNoteStart,
              endDate: f.fitNoteEnd,
              recordedAt: now,
              recordedBy: actor.aadObjectId,
            },
          ]
        : [],
    createdAt: now,
    updatedAt: now,
  };
}
