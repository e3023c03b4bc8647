import { addMonths } from '../../domain/dates';
import { retentionStartOf } from '../../domain/retention';
import { audit, UNASSIGNED_SERVICE } from '../core/audit';
import { today, type StoreDeps } from '../core/context';

/** Who the audit trail names for retention deletions: a job, not a person. */
export const RETENTION_ACTOR = 'system:retention';

export interface PurgeReport {
  cutoff: string;
  purged: number;
  services: number;
  /** Conversation references of people who never became staff, untouched for STRANGER_REFERENCE_DAYS. */
  strangerReferences: number;
}

/**
 * How long the bot keeps the conversation reference of someone who wrote to it but is on no staff
 * list: long enough for a lead to add them and reach them, short enough that strangers' references
 * are bounded by the people who wrote in the last month. (Their refused attempts stay in the
 * append-only audit trail, at most one entry per person, action and reason a day: see staff.ts.)
 */
export const STRANGER_REFERENCE_DAYS = 30;

/**
 * Removes cases closed more than `years` ago (before the same calendar date `years` back): discharged
 * cases by their discharge date, or by their last follow-up when followed up (`retentionStartOf`),
 * declined referrals by the date of the decline, with all they hold:
 * sessions, fit notes, plan. An explicit job rather than Cosmos TTL: the
 * embedded server has no TTL, and a deletion of clinical records must leave an audit entry.
 * Each case is audited before it is deleted, so a crash between the two leaves an entry for a
 * case still there (purged next run), never a silent deletion.
 */
export async function purgeExpiredCases(deps: StoreDeps, years: number): Promise<PurgeReport> {
  const cutoff = addMonths(today(deps), -12 * years);
  const serviceIds = await deps.store.cases.serviceIdsWithClosed();
  let purged = 0;
  for (const serviceId of serviceIds) {
    // The store finds cases closed (discharged or declined) before the cutoff; a followed-up case among
    // them whose last follow-up is on or after the cutoff is kept (its retention starts later).
    const expired = (await deps.store.cases.listClosedBefore(serviceId, cutoff)).filter(
      (c) => (retentionStartOf(c, today(deps)) ?? cutoff) < cutoff,
    );
    for (const c of expired) {
      await audit(
        deps,
        { aadObjectId: RETENTION_ACTOR, serviceId },
        {
          action: 'case.purge',
          outcome: 'ok',
          caseId: c.id,
          caseRef: c.ref,
          detail:
            c.status === 'declined'
              ? { reason: 'retention', retentionYears: years, declinedOn: c.decline?.on ?? '' }
              : {
                  reason: 'retention',
                  retentionYears: years,
                  dischargedOn: c.discharge?.date ?? '',
                  retainedFrom: retentionStartOf(c, today(deps)) ?? '',
                },
        },
      );
      if (await deps.store.cases.delete(serviceId, c.id)) purged += 1;
    }
  }
  const before = new Date(deps.clock.now().getTime() - STRANGER_REFERENCE_DAYS * 86_400_000).toISOString();
  const strangerReferences = await deps.store.conversations.purgeStale(UNASSIGNED_SERVICE, before);
  deps.log.info(
    { event: 'retention.purged', purged, cutoff, services: serviceIds.length, strangerReferences },
    'retention purge done',
  );
  return { cutoff, purged, services: serviceIds.length, strangerReferences };
}
