import type { Logger } from '../log';
import type { ServiceDeps } from '../services/core/context';
import { purgeExpiredCases } from '../services/cases/retention';

const SIX_HOURS = 6 * 60 * 60 * 1000;

export const RETENTION_LEASE = 'retention';

/**
 * Runs the retention purge soon after start-up and every six hours, on one instance at a time: each
 * run first takes the lease the digest uses for the same purpose (jobs container, etag-guarded), so
 * several instances starting together purge once, and each purged case is audited once. Running more
 * than once a day stays harmless (a case is purged once; the next run finds nothing).
 */
export function startRetentionJob(
  deps: ServiceDeps,
  years: number,
  log: Logger,
  opts: { holder: string; intervalMs?: number; leaseMs?: number },
): { stop(): void; runOnce(): Promise<'ran' | 'busy'> } {
  const leaseMs = opts.leaseMs ?? 30 * 60_000;
  const runOnce = async (): Promise<'ran' | 'busy'> => {
    if (!(await deps.store.jobs.acquireLease(RETENTION_LEASE, opts.holder, deps.clock.now(), leaseMs))) {
      log.info({ event: 'retention.busy' }, 'another instance is running the retention purge');
      return 'busy';
    }
    try {
      await purgeExpiredCases(deps, years);
      return 'ran';
    } finally {
      await deps.store.jobs.releaseLease(RETENTION_LEASE, opts.holder, deps.clock.now()).catch(() => undefined);
    }
  };
  const run = () =>
    runOnce().catch((e) =>
      log.warn(
        { event: 'retention.failed', error: (e as Error)?.name, message: (e as Error)?.message },
        'retention purge failed; will retry',
      ),
    );
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, opts.intervalMs ?? SIX_HOURS);
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
