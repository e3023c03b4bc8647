import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { todayIn, type IsoDate } from '../domain/dates';
import { coversYear, DIVISIONS, holidaysCommonTo, holidaysOf, type BankHolidays } from '../domain/workingDays';
import type { ServiceDeps } from '../services/core/context';
import type { DailyRunSummary } from '../services/digest/dailyRun';
import { runDigest, type DigestRunSummary } from '../services/digest/digest';
import { runMyDay } from '../services/digest/myDay';
import type { StaffMember } from '../domain/staff';
import { dueDate, nextDueAt, type DigestSchedule } from './digestTime';

export const DIGEST_LEASE = 'digest';

export interface DigestSchedulerOptions {
  /** Sends through `deps.notifier`, in `deps.timezone`, with `deps.digest`'s window and bank holidays. */
  deps: ServiceDeps;
  /** DIGEST_TIME, `HH:MM` local. */
  time: string;
  /** Local `HH:MM` until which a bot started late still sends today's digest (default 12:00). */
  catchUpUntil?: string;
  /** Run the clock-driven timer. Off in tests that drive `tick()` with an injected clock. */
  timer?: boolean;
  /** How long one instance may hold the lease without renewing it (renewed before each lead). */
  leaseTtlMs?: number;
  /** Instance identity for the lease; unique per process by default. */
  holder?: string;
  /** Longest sleep between checks, so that a changed wall clock or a suspended host is noticed. */
  maxSleepMs?: number;
  /** Test seam: called before each lead (throw to simulate a crash mid-run). */
  beforeLead?: (lead: StaffMember) => Promise<void> | void;
}

export type DigestTrigger = 'timer' | 'startup' | 'http' | 'manual';

/**
 * A run's counts are the leads' digests (what POST /api/digest/run answers); `myDay`: the OTs' lists,
 * sent in the same run under the same lease (absent when the digest run stopped first).
 */
export type DigestRunResult =
  | (DigestRunSummary & { status: 'ran'; myDay?: DailyRunSummary })
  | { status: 'busy' | 'not_due'; date?: IsoDate };

/**
 * The daily digest clock. Every check asks "is today's digest due now?" in the service's local time
 * (working day, at or after DIGEST_TIME, before the catch-up cut-off), so clock changes, restarts and
 * late starts all follow from one rule. Two instances share the work through a lease document with
 * an etag; the per-lead delivery records make any number of runs send at most once per lead per day.
 */
export class DigestScheduler {
  readonly holder: string;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<DigestRunResult>;
  private readonly schedule: DigestSchedule;

  constructor(private readonly opts: DigestSchedulerOptions) {
    this.holder = opts.holder ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.schedule = {
      time: opts.time,
      zone: opts.deps.timezone,
      catchUpUntil: opts.catchUpUntil ?? '12:00',
      // Due on any weekday that is a working day somewhere among the services' divisions; a service
      // whose own division has a holiday that day is skipped by the run itself (workingDaysOnly).
      holidays: holidaysCommonTo(this.divisionLists()),
    };
  }

  /** The bank-holiday lists in use: the default (England and Wales) and each configured service's division. */
  private divisionLists(): BankHolidays[] {
    const used = new Set(Object.values(this.opts.deps.digest.divisions));
    return [this.opts.deps.digest.holidays, ...DIVISIONS.filter((d) => used.has(d)).map(holidaysOf)];
  }

  /** Starts the timer (when enabled); its first check is the start-up catch-up. */
  start(): void {
    const today = todayIn(this.opts.deps.timezone, this.opts.deps.clock.now());
    if (!this.divisionLists().every((l) => coversYear(today, l))) {
      this.opts.deps.log.warn(
        { event: 'digest.holidays_missing', year: today.slice(0, 4) },
        'a bank holiday list in use does not cover this year: only weekends are skipped there; update data/bank-holidays-<division>.json',
      );
    }
    if (this.opts.timer === false) return;
    this.opts.deps.log.info(
      {
        event: 'digest.scheduled',
        time: this.opts.time,
        timezone: this.opts.deps.timezone,
        catchUpUntil: this.schedule.catchUpUntil,
        next: this.nextDueAt().toISOString(),
      },
      'daily digest scheduled on working days; checking now whether today’s is due',
    );
    this.arm(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** When the next scheduled run is (for logs and tests). */
  nextDueAt(): Date {
    return nextDueAt(this.opts.deps.clock.now(), this.schedule);
  }

  /** One clock check: runs today's digest if it is due now. */
  async tick(trigger: DigestTrigger = 'timer'): Promise<DigestRunResult> {
    const date = dueDate(this.opts.deps.clock.now(), this.schedule);
    // Done today in this process: later checks before the cut-off need not even ask the store.
    if (!date || date === this.doneFor) return { status: 'not_due', date: date ?? undefined };
    return this.run(date, trigger, true);
  }

  /** Runs today's digest now, whatever the day or hour (POST /api/digest/run); still once per lead per day. */
  async runNow(trigger: DigestTrigger = 'http'): Promise<DigestRunResult> {
    return this.run(todayIn(this.opts.deps.timezone, this.opts.deps.clock.now()), trigger, false);
  }

  /** `workingDaysOnly`: a clock run, which skips services whose own division has a bank holiday today. */
  private run(date: IsoDate, trigger: DigestTrigger, workingDaysOnly: boolean): Promise<DigestRunResult> {
    // Within one process, overlapping triggers wait for the run under way rather than racing it.
    const previous = this.running ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.runOnce(date, trigger, workingDaysOnly));
    this.running = next;
    return next;
  }

  private async runOnce(date: IsoDate, trigger: DigestTrigger, workingDaysOnly: boolean): Promise<DigestRunResult> {
    const { deps } = this.opts;
    const ttl = this.opts.leaseTtlMs ?? 5 * 60_000;
    if (!(await deps.store.jobs.acquireLease(DIGEST_LEASE, this.holder, deps.clock.now(), ttl))) {
      deps.log.info({ event: 'digest.busy', trigger, date }, 'another instance holds the digest lease');
      return { status: 'busy', date };
    }
    const started = Date.now();
    try {
      const runOptions = {
        date,
        holder: this.holder,
        // The clock's runs follow each service's working days; an explicit run goes whatever the day.
        workingDaysOnly,
        beforeLead: async (person: StaffMember) => {
          await this.opts.beforeLead?.(person);
          if (this.stopped && trigger !== 'manual' && trigger !== 'http') return false;
          // Renewing proves we still hold the lease; if another instance took it over, let it finish.
          return deps.store.jobs.acquireLease(DIGEST_LEASE, this.holder, deps.clock.now(), ttl);
        },
      };
      const summary = await runDigest(deps, runOptions);
      // The OTs' "my day" lists: the same loop, the same lease, after the leads' digests.
      const myDay = summary.stopped ? undefined : await runMyDay(deps, runOptions);
      const done =
        !summary.stopped && summary.failed === 0 && myDay !== undefined && !myDay.stopped && myDay.failed === 0;
      if (done) this.doneFor = date;
      deps.log.info(
        {
          event: 'digest.run',
          trigger,
          date,
          leads: summary.leads,
          sent: summary.sent,
          skipped: summary.skipped,
          failed: summary.failed,
          stopped: summary.stopped ?? false,
          ...(myDay
            ? { myDay: { ots: myDay.recipients, sent: myDay.sent, skipped: myDay.skipped, failed: myDay.failed } }
            : {}),
          ms: Date.now() - started,
        },
        'digest run finished',
      );
      return { ...summary, status: 'ran', ...(myDay ? { myDay } : {}) };
    } finally {
      await deps.store.jobs.releaseLease(DIGEST_LEASE, this.holder, deps.clock.now()).catch(() => undefined);
    }
  }

  private arm(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.wake(), delayMs);
    this.timer.unref?.();
  }

  private async wake(): Promise<void> {
    const { deps } = this.opts;
    try {
      const result = await this.tick(this.started ? 'timer' : 'startup');
      if (result.status === 'ran' && (result.failed > 0 || (result.myDay?.failed ?? 0) > 0)) {
        // Failed sends gave their claims back: try those again in a few minutes, until the cut-off.
        this.started = true;
        this.arm(5 * 60_000);
        return;
      }
    } catch (e) {
      deps.log.error(
        { event: 'digest.tick_error', error: (e as Error)?.name, message: (e as Error)?.message },
        'digest check failed; will check again',
      );
    }
    this.started = true;
    const now = deps.clock.now().getTime();
    const wait = Math.max(1_000, nextDueAt(deps.clock.now(), this.schedule).getTime() - now);
    this.arm(Math.min(wait, this.opts.maxSleepMs ?? 10 * 60_000));
  }

  private started = false;
  private doneFor?: IsoDate;
}
