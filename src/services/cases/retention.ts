import { addMonths } from '../../domain/dates';
import { audit } from '../core/audit';
import { today, type StoreDeps } from '../core/context';

/** Who the audit trail names for retention deletions: a job, not a person. */
export const RETENTION_ACTOR = 'system:retention';

export interface PurgeReport {
  cutoff: string;
  purged: number;
  services: number;
}

/**
 * Removes cases discharged more than `years` ago (before the same calendar date `years` back),
 * with all they hold: sessions, fit notes, plan. An explicit job rather than Cosmos TTL: the
 * embedded server has no TTL, and a deletion of clinical records must leave an audit entry.
 * Each case is audited before it is deleted, so a crash between the two leaves an entry for a
 * case still there (purged next run), never a silent deletion.
 */
export async function purgeExpiredCases(deps: StoreDeps, years: number): Promise<PurgeReport> {
  const cutoff = addMonths(today(deps), -12 * years);
  const serviceIds = await deps.store.cases.serviceIdsWithDischarged();
  let purged = 0;
  for (const serviceId of serviceIds) {
    for (const c of await deps.store.cases.listDischargedBefore(serviceId, cutoff)) {
      await audit(
        deps,
        { aadObjectId: RETENTION_ACTOR, serviceId },
        {
          action: 'case.purge',
          outcome: 'ok',
          caseId: c.id,
          caseRef: c.ref,
          detail: { reason: 'retention', retentionYears: years, dischargedOn: c.discharge?.date ?? '' },
        },
      );
      if (await deps.store.cases.delete(serviceId, c.id)) purged += 1;
    }
  }
  deps.log.info({ event: 'retention.purged', purged, cutoff, services: serviceIds.length }, 'retention purge done');
  return { cutoff, purged, services: serviceIds.length };
}
