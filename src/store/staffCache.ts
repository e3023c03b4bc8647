import { LRUCache } from 'lru-cache';
import type { StaffMember } from '../domain/staff';
import type { StaffRepository } from './types';

/**
 * How long one process trusts an answer to "who is this Teams user?". Every turn asks it, and in
 * Cosmos it is a cross-partition query; a short cache takes it off most turns (docs/PERFORMANCE.md).
 * Changes made through this process (add, role change, removal) take effect at once; a change made by
 * another instance or by `scripts/add-lead` takes effect within this many seconds
 * (docs/CLINICAL_SAFETY.md).
 */
export const STAFF_CACHE_SECONDS = 30;

/** Far more people than a service has staff; only stops a flood of strangers from growing memory. */
const MAX_ENTRIES = 5_000;

/** The staff repository with identity look-ups remembered for a short time; writes pass through. */
export class CachedStaffRepository implements StaffRepository {
  private readonly cache: LRUCache<string, { member: StaffMember | null }>;

  /** `now` (milliseconds, monotonic) is for tests; the cache's age is not domain time, so not the Clock. */
  constructor(
    private readonly inner: StaffRepository,
    options: { ttlSeconds?: number; now?: () => number } = {},
  ) {
    this.cache = new LRUCache({
      max: MAX_ENTRIES,
      ttl: (options.ttlSeconds ?? STAFF_CACHE_SECONDS) * 1000,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async findByAadObjectId(aadObjectId: string) {
    const key = aadObjectId.toLowerCase();
    const hit = this.cache.get(key);
    if (hit) return copy(hit.member);
    const member = await this.inner.findByAadObjectId(aadObjectId);
    this.cache.set(key, { member: copy(member) });
    return member;
  }

  list(serviceId: string) {
    return this.inner.list(serviceId);
  }

  async save(member: StaffMember) {
    // Forget before and after: a look-up running during the write must not put the old answer back.
    this.cache.delete(member.aadObjectId.toLowerCase());
    try {
      await this.inner.save(member);
    } finally {
      this.cache.delete(member.aadObjectId.toLowerCase());
    }
  }

  async remove(serviceId: string, aadObjectId: string) {
    this.cache.delete(aadObjectId.toLowerCase());
    try {
      return await this.inner.remove(serviceId, aadObjectId);
    } finally {
      this.cache.delete(aadObjectId.toLowerCase());
    }
  }
}

/** Callers may change what they are given; the cached answer must not change with it. */
function copy(member: StaffMember | null): StaffMember | null {
  return member ? { ...member } : null;
}
