import type { CaseRecord } from '../../domain/case';
import { auditEachPerson } from '../core/audit';
import { today, type ServiceDeps } from '../core/context';
import type { SendResult } from '../core/ports';

/**
 * Tells every OT and lead of the service about a new referral, with Accept / Decline on the card.
 * Runs after the referral is saved and never fails it: a person we cannot reach is logged and skipped.
 */
export async function alertNewReferral(deps: ServiceDeps, record: CaseRecord): Promise<Record<SendResult, number>> {
  const counts: Record<SendResult, number> = { sent: 0, no_reference: 0, gone: 0, failed: 0 };
  const { notifier } = deps;
  try {
    const staff = await deps.store.staff.list(record.serviceId);
    const card = deps.present.newReferral(record, today(deps));
    // A service has a handful of OTs and leads: send to them side by side.
    const recipients = staff.filter((m) => m.role === 'ot' || m.role === 'lead');
    const results = await Promise.all(
      recipients.map((member) => notifier.sendCard(member, card).catch((): SendResult => 'failed')),
    );
    for (const result of results) counts[result]++;
    // Showing the patient's details to a colleague is a disclosure: audited like a read, one entry per
    // person reached (the entry's actor is the person who was shown it), written in one request.
    const reached = recipients.filter((_, i) => results[i] === 'sent');
    await auditEachPerson(deps, reached, {
      action: 'referral.notify',
      outcome: 'ok',
      caseId: record.id,
      caseRef: record.ref,
    });
    deps.log.info(
      { event: 'referral.notified', serviceId: record.serviceId, caseRef: record.ref, ...counts },
      'new referral sent to OTs and leads',
    );
  } catch (e) {
    deps.log.warn(
      { event: 'referral.notify_failed', serviceId: record.serviceId, caseRef: record.ref, error: (e as Error)?.name },
      'could not send the new referral to staff',
    );
  }
  return counts;
}
