/** How long a used or expired item is remembered, so that a late attempt is told apart and audited. */
const TOMBSTONE_MS = 60 * 60 * 1000;

/**
 * Items handed out once by a signed id (download links, file consents), held in this process's memory
 * only until taken, dropped or expired. What went is remembered for an hour: why it went, and what the
 * holder needs (`about`) to audit a late attempt in the right service. `now` is the service clock.
 */
export abstract class OneTimeHolder<T extends { expiresAt: number }, R extends string, G> {
  private readonly items = new Map<string, T>();
  private readonly gone = new Map<string, { reason: R | 'expired'; about: G; forgetAt: number }>();
  private timer?: NodeJS.Timeout;

  protected constructor(
    private readonly now: () => number,
    private readonly about: (item: T) => G,
  ) {}

  /** Purges expired items every `everyMs` of real time (the clock decides what has expired). */
  startPurging(everyMs = 30_000): void {
    this.timer = setInterval(() => this.purge(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.items.clear();
    this.gone.clear();
  }

  /** How many items are held now (after purging the expired): tests check nothing lingers. */
  held(): number {
    this.purge();
    return this.items.size;
  }

  /** Drops every expired item, remembering it as expired; forgets what went long ago. */
  purge(): void {
    const now = this.now();
    for (const [id, item] of this.items) if (item.expiresAt <= now) this.drop(id, item, 'expired');
    for (const [id, g] of this.gone) if (g.forgetAt <= now) this.gone.delete(id);
  }

  protected hold(id: string, item: T): void {
    this.items.set(id, item);
  }

  protected holding(id: string): T | undefined {
    return this.items.get(id);
  }

  /** Synchronous, so that nothing is awaited between a caller's check and its claim of the item. */
  protected drop(id: string, item: T, reason: R | 'expired'): void {
    this.items.delete(id);
    this.gone.set(id, { reason, about: this.about(item), forgetAt: this.now() + TOMBSTONE_MS });
  }

  protected wentAway(id: string): { reason: R | 'expired'; about: G } | undefined {
    return this.gone.get(id);
  }
}
