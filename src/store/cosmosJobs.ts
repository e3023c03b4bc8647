import type { Container } from '@azure/cosmos';
import { AlreadyExistsError, StaleWriteError } from './errors';
import { clean, createItem, deleteItem, queryService, readItem, replaceItem, upsertItem } from './query';
import type { DeliveryRecord, JobRepository, Lease } from './types';

/** Leases are not about any one service: they live in a partition of their own. */
export const JOBS_PARTITION = '_jobs';

type LeaseDoc = Lease & { serviceId: string };

/** A delivery document without the store's fields. */
function toDelivery(doc: DeliveryRecord & { _etag: string }): DeliveryRecord {
  const { _etag, ...rest } = clean(doc);
  void _etag;
  return rest;
}

/**
 * The `jobs` container: scheduler leases (one document per job, guarded by etag) and one delivery
 * record per lead per day. Both rely only on create-409 and replace-412, which every Cosmos
 * (and the embedded server) does atomically.
 */
export class CosmosJobRepository implements JobRepository {
  constructor(private readonly container: Container) {}

  async isDone(name: string): Promise<boolean> {
    return (await readItem(this.container, JOBS_PARTITION, `done:${name}`)) !== null;
  }

  async markDone(name: string, at: string): Promise<void> {
    await upsertItem(this.container, { id: `done:${name}`, serviceId: JOBS_PARTITION, at });
  }

  async acquireLease(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const id = `lease:${name}`;
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    const doc: LeaseDoc = { id, serviceId: JOBS_PARTITION, name, holder, expiresAt };
    const current = await readItem<LeaseDoc>(this.container, JOBS_PARTITION, id);
    try {
      if (!current) {
        await createItem(this.container, doc);
        return true;
      }
      // Someone else holds a live lease: theirs to finish.
      if (current.holder !== holder && current.expiresAt > now.toISOString()) return false;
      await replaceItem(this.container, doc, current._etag);
      return true;
    } catch (e) {
      if (e instanceof AlreadyExistsError || e instanceof StaleWriteError) return false;
      throw e;
    }
  }

  async releaseLease(name: string, holder: string, _now: Date): Promise<void> {
    const id = `lease:${name}`;
    const current = await readItem<LeaseDoc>(this.container, JOBS_PARTITION, id);
    if (!current || current.holder !== holder) return;
    try {
      // Expired at the epoch, not at our "now": another instance's clock may be behind ours.
      await replaceItem(
        this.container,
        { id, serviceId: JOBS_PARTITION, name, holder, expiresAt: new Date(0).toISOString() },
        current._etag,
      );
    } catch (e) {
      if (!(e instanceof StaleWriteError)) throw e;
    }
  }

  async claimDelivery(record: DeliveryRecord): Promise<boolean> {
    try {
      await createItem(this.container, record);
      return true;
    } catch (e) {
      if (e instanceof AlreadyExistsError) return false;
      throw e;
    }
  }

  async getDelivery(serviceId: string, id: string): Promise<DeliveryRecord | null> {
    const doc = await readItem<DeliveryRecord>(this.container, serviceId, id);
    return doc ? toDelivery(doc) : null;
  }

  async saveDelivery(record: DeliveryRecord): Promise<void> {
    await upsertItem(this.container, record);
  }

  async releaseDelivery(serviceId: string, id: string): Promise<void> {
    await deleteItem(this.container, serviceId, id);
  }

  async listDeliveries(serviceId: string, date: string): Promise<DeliveryRecord[]> {
    const docs = await queryService<DeliveryRecord & { _etag: string }>(
      this.container,
      serviceId,
      "SELECT * FROM c WHERE c.serviceId = @serviceId AND c.kind = 'digest.delivery' AND c.date = @date",
      { date },
    );
    return docs.map(toDelivery);
  }
}
