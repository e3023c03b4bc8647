/**
 * The service each person was last admitted to on this instance: a guess, used only to start a turn's
 * reads early (store/readAhead.ts). Never trusted: every turn's staff read decides (CONTRACT §8), and
 * a wrong guess costs one read nobody uses. Bounded: the person seen longest ago is forgotten first.
 */
export class LastSeenService {
  private readonly seen = new Map<string, string>();

  constructor(private readonly max = 10_000) {}

  get(aadObjectId: string | undefined): string | undefined {
    return aadObjectId ? this.seen.get(aadObjectId.toLowerCase()) : undefined;
  }

  set(aadObjectId: string, serviceId: string): void {
    const key = aadObjectId.toLowerCase();
    if (this.seen.get(key) === serviceId) return;
    this.seen.delete(key);
    this.seen.set(key, serviceId);
    if (this.seen.size > this.max) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
  }

  forget(aadObjectId: string | undefined): void {
    if (aadObjectId) this.seen.delete(aadObjectId.toLowerCase());
  }
}
