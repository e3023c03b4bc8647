import type { Container } from '@azure/cosmos';
import { clean, deleteItemIfMatch, queryAcrossServices, readItem, replaceItem } from './query';
import type { OutboxItem, OutboxRepository, Stored } from './types';

/**
 * Owed alerts, kept in the `cases` container beside their case (same partition), because they are
 * written in the case's own transactional batch. Items name a case and its reference, never a patient.
 */
export class CosmosOutboxRepository implements OutboxRepository {
  constructor(private readonly container: Container) {}

  async listDue(now: string, limit: number) {
    // Across services: the sweeper finds what any instance owes. Ids and references only, no patient data.
    // No TOP or ORDER BY across partitions (the embedded server computes no query plans): few are ever due.
    const sql =
      "SELECT * FROM c WHERE c.kind = 'outbox.referral-alert' AND c.dueAt <= @now AND (NOT IS_DEFINED(c.leaseUntil) OR c.leaseUntil <= @now)";
    const docs = await queryAcrossServices<Stored<OutboxItem>>(this.container, sql, { now });
    return docs
      .map((d) => clean(d))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .slice(0, Math.max(1, Math.floor(limit)));
  }

  async get(serviceId: string, id: string) {
    const doc = await readItem<OutboxItem>(this.container, serviceId, id);
    return doc && doc.kind === 'outbox.referral-alert' ? clean(doc) : null;
  }

  async replace(item: OutboxItem, etag: string) {
    return clean(await replaceItem(this.container, item, etag));
  }

  async complete(serviceId: string, id: string, etag: string) {
    return deleteItemIfMatch(this.container, serviceId, id, etag);
  }
}
