import type { ServiceDeps } from '../services/core/context';
import { ALERT_LEASE_MS, deliverDueAlerts } from '../services/referrals/alerts';

export const ALERT_OUTBOX_LEASE = 'alert-outbox';

export interface AlertOutboxOptions {
  deps: ServiceDeps;
  /** This instance's name in leases (the digest scheduler's holder). */
  holder: string;
  /** How often to look for owed alerts (real time). Default one minute. */
  everyMs?: number;
  /** How long an instance may work on one alert before another takes it over (ALERT_LEASE_MS). */
  itemLeaseMs?: number;
  /** Run the timer; off in tests that call `sweep()` themselves. */
  timer?: boolean;
}

/**
 * Delivers new-referral alerts still owed (CONTRACT §8): at start-up and then every minute, on one
 * instance at a time (a lease in the jobs container, like the digest's), each item claimed on its own
 * too, so the instance that answered the referral and a sweeping one never send the same alert at once.
 * What a process that died owed is delivered here once its item's lease has run out.
 */
export class AlertOutbox {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(private readonly opts: AlertOutboxOptions) {}

  start(): void {
    if (this.opts.timer === false) return;
    this.arm(0);
  }

  /** One pass over what is owed and due now; busy (another instance sweeping) returns null. */
  async sweep(): Promise<Record<string, number> | null> {
    const { deps, holder } = this.opts;
    const leaseMs = this.opts.itemLeaseMs ?? deps.alertLeaseMs ?? ALERT_LEASE_MS;
    if (!(await deps.store.jobs.acquireLease(ALERT_OUTBOX_LEASE, holder, deps.clock.now(), leaseMs))) return null;
    try {
      const counts = await deliverDueAlerts(deps, holder, { leaseMs });
      if (counts.done + counts.retry + counts.gone > 0)
        deps.log.info({ event: 'referral.outbox_swept', ...counts }, 'owed new-referral alerts delivered');
      return counts;
    } finally {
      await deps.store.jobs.releaseLease(ALERT_OUTBOX_LEASE, holder, deps.clock.now()).catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private arm(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweep()
        .catch((e) =>
          this.opts.deps.log.warn(
            { event: 'referral.outbox_failed', error: (e as Error)?.name },
            'outbox sweep failed; will try again',
          ),
        )
        .finally(() => this.arm(this.opts.everyMs ?? 60_000));
    }, delayMs);
    this.timer.unref?.();
  }
}
