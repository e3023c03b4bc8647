import type { Container } from '@azure/cosmos';
import { AlreadyExistsError, StaleWriteError } from './errors';
import { clean, createItem, deleteItem, deleteItemIfMatch, queryAcrossServices, readItem, replaceItem } from './query';
import type { AlertMessage, AlertMessages, OutboxItem, OutboxRepository, Stored } from './types';

export const alertMessagesId = (caseId: string) => `alert-messages:${caseId}`;

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

  async addAlertMessages(serviceId: string, caseId: string, caseRef: string, messages: AlertMessage[], at: string) {
    if (messages.length === 0) return;
    const id = alertMessagesId(caseId);
    // Deliveries of one alert are serialised by its lease, so a clash is rare: read, merge, write guarded.
    for (let attempt = 0; attempt < 5; attempt++) {
      const found = await readItem<AlertMessages>(this.container, serviceId, id);
      const fresh = new Set(messages.map((m) => m.aadObjectId));
      const doc: AlertMessages = {
        id,
        serviceId,
        kind: 'outbox.referral-alert-messages',
        caseId,
        caseRef,
        messages: [...(found?.messages ?? []).filter((m) => !fresh.has(m.aadObjectId)), ...messages],
        updatedAt: at,
      };
      try {
        if (found) await replaceItem(this.container, doc, found._etag);
        else await createItem(this.container, doc);
        return;
      } catch (e) {
        if (!(e instanceof StaleWriteError) && !(e instanceof AlreadyExistsError)) throw e;
      }
    }
    throw new StaleWriteError();
  }

  async alertMessages(serviceId: string, caseId: string) {
    const doc = await readItem<AlertMessages>(this.container, serviceId, alertMessagesId(caseId));
    if (doc?.kind !== 'outbox.referral-alert-messages') return null;
    const { _etag, ...rest } = clean(doc);
    void _etag;
    return rest;
  }

  async removeAlertMessages(serviceId: string, caseId: string) {
    return deleteItem(this.container, serviceId, alertMessagesId(caseId));
  }
}
