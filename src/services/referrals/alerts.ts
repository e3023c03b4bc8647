import type { CaseRecord } from '../../domain/case';
import { StaleWriteError } from '../../store/errors';
import type { OutboxItem, OutboxRecipient, Stored } from '../../store/types';
import { auditEachPerson } from '../core/audit';
import { nowIso, today, type ServiceDeps } from '../core/context';
import type { SendReceipt, SendResult } from '../core/ports';

/**
 * How long one instance may work on an owed alert before another may take it over (a process that
 * died mid-delivery holds it no longer than this). Longer than the notifier's own retries take.
 */
export const ALERT_LEASE_MS = 5 * 60_000;
/** Delivery attempts before a recipient still failing is given up (logged): about a day of back-off. */
export const ALERT_MAX_ATTEMPTS = 10;
/** Back-off after failed attempt n: 1, 2, 4… minutes, at most an hour. */
export function alertBackoffMs(attempt: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempt - 1));
}

export const alertId = (caseId: string) => `alert:${caseId}`;

/** The alert a new referral owes its service's OTs and leads: written in the case's own batch. */
export function owedAlert(record: CaseRecord, now: string): OutboxItem {
  return {
    id: alertId(record.id),
    serviceId: record.serviceId,
    kind: 'outbox.referral-alert',
    caseId: record.id,
    caseRef: record.ref,
    createdAt: now,
    dueAt: now,
    attempts: 0,
  };
}

export type DeliveryOutcome = 'done' | 'retry' | 'busy' | 'gone';

/**
 * Delivers an owed new-referral alert (CONTRACT §8): any instance may, the one that answered the
 * referral at once, any other from the outbox sweep. The item is claimed first (an etag-guarded lease on
 * it), its recipients fixed at the first attempt (the service's OTs and leads then), each recipient's
 * state recorded before and after sending, so each gets one alert: a recipient recorded as sent is never
 * sent again; one failed is retried with back-off; one being sent by an instance that died is sent again
 * when its lease runs out (the one case where Teams may show a recipient the alert twice: the process
 * died after Teams took the message and before the store recorded it). Never throws for a send.
 */
export async function deliverOwedAlert(
  deps: ServiceDeps,
  serviceId: string,
  id: string,
  holder: string,
  leaseMs = ALERT_LEASE_MS,
): Promise<DeliveryOutcome> {
  const { outbox } = deps.store;
  const found = await outbox.get(serviceId, id);
  if (!found) return 'gone';
  const now = deps.clock.now();
  if (found.holder && found.holder !== holder && (found.leaseUntil ?? '') > now.toISOString()) return 'busy';
  const record = await deps.store.cases.get(serviceId, found.caseId);
  if (!record) {
    // The case is gone (purged): nothing to tell anyone.
    await outbox.complete(serviceId, id, found._etag);
    return 'gone';
  }
  const recipients: OutboxRecipient[] =
    found.recipients ??
    (await deps.store.staff.list(serviceId))
      .filter((m) => m.role === 'ot' || m.role === 'lead')
      .map((m) => ({ aadObjectId: m.aadObjectId, state: 'pending' as const, attempts: 0 }));
  const due = recipients.filter((r) => r.state === 'pending' || r.state === 'sending');
  const at = nowIso(deps);
  let item: Stored<OutboxItem>;
  try {
    // One etag-guarded write claims the item (a lease on it) and records who is being sent it, before
    // anything is sent: who is owed what survives this process, and two instances never both send.
    item = await outbox.replace(
      {
        ...plain(found),
        holder,
        leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
        attempts: found.attempts + 1,
        recipients: recipients.map((r) =>
          due.includes(r) ? { ...r, state: 'sending' as const, attempts: r.attempts + 1, at } : r,
        ),
      },
      found._etag,
    );
  } catch (e) {
    if (e instanceof StaleWriteError) return 'busy'; // another instance claimed it a moment before us
    throw e;
  }
  const card = deps.present.newReferral(
    record,
    today(deps),
    (item.recipients ?? []).map((r) => r.aadObjectId),
  );
  const receipts = await Promise.all(
    due.map((r) =>
      deps.notifier
        .sendCard({ aadObjectId: r.aadObjectId, serviceId }, card)
        .catch((): SendReceipt => ({ result: 'failed' })),
    ),
  );
  const results = receipts.map((r) => r.result);
  // Where each copy went, so that accepting or declining can update them in place (best effort: the
  // card's refresh is the main way a copy stays current, so a failure here is only logged).
  const messages = due.flatMap((r, i) => {
    const activityId = receipts[i].activityId;
    return activityId ? [{ aadObjectId: r.aadObjectId, activityId }] : [];
  });
  // A copy sent once the referral was already taken shows that already: nothing to update later.
  if (record.status === 'referred' && !record.assignedOt)
    await outbox
      .addAlertMessages(serviceId, record.id, record.ref, messages, at)
      .catch((e) =>
        deps.log.warn(
          { event: 'referral.alert_messages_failed', serviceId, caseRef: record.ref, error: (e as Error)?.name },
          'alert sent but where it went could not be recorded',
        ),
      );
  const counts: Record<SendResult, number> = { sent: 0, no_reference: 0, gone: 0, failed: 0 };
  const after = (item.recipients ?? []).map((r): OutboxRecipient => {
    const i = due.findIndex((d) => d.aadObjectId === r.aadObjectId);
    if (i < 0) return r;
    const result = results[i];
    counts[result]++;
    if (result === 'sent') return { ...r, state: 'sent', at };
    if (result === 'no_reference' || result === 'gone') return { ...r, state: 'skipped', reason: result, at };
    return r.attempts >= ALERT_MAX_ATTEMPTS
      ? { ...r, state: 'failed', reason: 'gave_up', at }
      : { ...r, state: 'pending', at };
  });
  const pending = after.some((r) => r.state === 'pending');
  let outcome: DeliveryOutcome = 'done';
  try {
    if (pending) {
      const dueAt = new Date(now.getTime() + alertBackoffMs(item.attempts)).toISOString();
      // The lease given back with the record: the next attempt is anyone's once due.
      const rest = plain(item);
      delete rest.holder;
      delete rest.leaseUntil;
      await outbox.replace({ ...rest, recipients: after, dueAt }, item._etag);
      outcome = 'retry';
    } else {
      // Every recipient done: the record of who was reached is the audit trail below.
      await outbox.complete(serviceId, id, item._etag);
    }
  } catch (e) {
    // Our lease ran out and another instance took the item over: it will see these recipients as being
    // sent and send them again, which is the price of a lease too short for a send; logged.
    deps.log.warn(
      { event: 'referral.alert_record_failed', serviceId, caseRef: item.caseRef, error: (e as Error)?.name },
      'could not record the alert delivery',
    );
    outcome = 'retry';
  }
  // Showing the patient's details to a colleague is a disclosure: audited like a read, one entry per
  // person reached (the entry's actor is the person who was shown it), written in one request.
  const reached = due.filter((_, i) => results[i] === 'sent').map((r) => ({ aadObjectId: r.aadObjectId, serviceId }));
  await auditEachPerson(deps, reached, {
    action: 'referral.notify',
    outcome: 'ok',
    caseId: record.id,
    caseRef: record.ref,
  }).catch((e) =>
    deps.log.warn(
      { event: 'referral.notify_audit_failed', serviceId, caseRef: record.ref, error: (e as Error)?.name },
      'alert sent but its audit entry could not be written',
    ),
  );
  deps.log.info(
    { event: 'referral.notified', serviceId, caseRef: record.ref, attempt: item.attempts, pending, ...counts },
    'new referral sent to OTs and leads',
  );
  return outcome;
}

/** Delivers, one after another, what is owed and due now across every service (the outbox sweep). */
export async function deliverDueAlerts(
  deps: ServiceDeps,
  holder: string,
  opts: { limit?: number; leaseMs?: number } = {},
): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { done: 0, retry: 0, busy: 0, gone: 0 };
  const due = await deps.store.outbox.listDue(nowIso(deps), opts.limit ?? 100);
  for (const item of due) {
    try {
      counts[await deliverOwedAlert(deps, item.serviceId, item.id, holder, opts.leaseMs)]++;
    } catch (e) {
      counts.retry++;
      deps.log.warn(
        { event: 'referral.alert_failed', serviceId: item.serviceId, caseRef: item.caseRef, error: (e as Error)?.name },
        'owed alert not delivered this time; it stays owed',
      );
    }
  }
  return counts;
}

function plain(item: Stored<OutboxItem>): OutboxItem {
  const { _etag, ...rest } = item;
  void _etag;
  return rest;
}

/**
 * After a referral is accepted or declined: every delivered copy of its alert is updated in place to
 * show the case as it stands now (who accepted it, no Accept button), for clients that do not refresh
 * cards. Run in the background by accept and decline; never throws. The record of where the copies
 * went is removed afterwards: the alert has nothing left to ask.
 */
export async function updateAlertMessages(deps: ServiceDeps, serviceId: string, caseId: string): Promise<void> {
  try {
    const sent = await deps.store.outbox.alertMessages(serviceId, caseId);
    if (!sent || sent.messages.length === 0) return;
    const record = await deps.store.cases.get(serviceId, caseId);
    if (!record) return;
    // Only to those still OTs or leads of the service: the update shows the case again, and someone
    // removed since (or now a nurse) may no longer see it. Their old copy stays as it was.
    const staff = new Set(
      (await deps.store.staff.list(serviceId))
        .filter((m) => m.role === 'ot' || m.role === 'lead')
        .map((m) => m.aadObjectId.toLowerCase()),
    );
    const messages = sent.messages.filter((m) => staff.has(m.aadObjectId.toLowerCase()));
    const card = deps.present.newReferral(
      record,
      today(deps),
      sent.messages.map((m) => m.aadObjectId),
    );
    const results = await Promise.all(
      messages.map((m) =>
        deps.notifier
          .updateCard({ aadObjectId: m.aadObjectId, serviceId }, m.activityId, card)
          .catch((): SendResult => 'failed'),
      ),
    );
    await deps.store.outbox.removeAlertMessages(serviceId, caseId);
    deps.log.info(
      {
        event: 'referral.alerts_updated',
        serviceId,
        caseRef: record.ref,
        updated: results.filter((r) => r === 'sent').length,
        failed: results.filter((r) => r !== 'sent').length,
      },
      'sent alerts updated in place',
    );
  } catch (e) {
    deps.log.warn(
      { event: 'referral.alerts_update_failed', serviceId, caseId, error: (e as Error)?.name },
      'sent alerts could not be updated in place',
    );
  }
}
