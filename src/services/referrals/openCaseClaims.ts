import type { StoreDeps } from '../core/context';
import { nowIso } from '../core/context';

/** The one-off back-fill's name in the jobs container (its lease, and the record that it is done). */
export const OPEN_CASE_CLAIMS_BACKFILL = 'backfill-open-case-claims';

/**
 * Claims for cases opened before open-case claims existed, so that a new referral of their patient is
 * refused as before. Runs at start-up until one run has finished; idempotent (a claim already there is
 * left alone, so of two open cases of one patient made before, the older holds the claim) and safe on
 * several instances (a lease keeps them from doing it twice at once; racing creates answer 409).
 */
export async function backfillOpenCaseClaims(deps: StoreDeps, holder: string): Promise<{ claimed: number } | null> {
  const { jobs, cases } = deps.store;
  if (await jobs.isDone(OPEN_CASE_CLAIMS_BACKFILL)) return null;
  if (!(await jobs.acquireLease(OPEN_CASE_CLAIMS_BACKFILL, holder, deps.clock.now(), 10 * 60_000))) return null;
  try {
    let claimed = 0;
    const services = await cases.serviceIds();
    for (const serviceId of services) claimed += await cases.claimOpenCases(serviceId);
    await jobs.markDone(OPEN_CASE_CLAIMS_BACKFILL, nowIso(deps));
    deps.log.info(
      { event: 'backfill.open_case_claims', claimed, services: services.length },
      'open-case claims back-filled',
    );
    return { claimed };
  } finally {
    await jobs.releaseLease(OPEN_CASE_CLAIMS_BACKFILL, holder, deps.clock.now()).catch(() => undefined);
  }
}
