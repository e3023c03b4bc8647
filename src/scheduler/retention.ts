import type { Logger } from '../log';
import type { ServiceDeps } from '../services/core/context';
import { purgeExpiredCases } from '../services/cases/retention';

const SIX_HOURS = 6 * 60 * 60 * 1000;

/**
 * Runs the retention purge soon after start-up and every six hours. Running more than once a day
 * is harmless (a case is purged once; the next run finds nothing), and several instances may run
 * it side by side for the same reason.
 */
export function startRetentionJob(
  deps: ServiceDeps,
  years: number,
  log: Logger,
  intervalMs = SIX_HOURS,
): { stop(): void } {
  const run = () =>
    purgeExpiredCases(deps, years).catch((e) =>
      log.warn(
        { event: 'retention.failed', error: (e as Error)?.name, message: (e as Error)?.message },
        'retention purge failed; will retry',
      ),
    );
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
