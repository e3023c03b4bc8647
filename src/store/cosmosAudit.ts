import { BulkOperationType, type Container } from '@azure/cosmos';
import { translateCosmosError } from './errors';
import { clean, createItem, queryService } from './query';
import type { AuditEntry, AuditRepository } from './types';

/** The audit trail has its own container: it grows with every read and must not slow case queries. */
export class CosmosAuditRepository implements AuditRepository {
  constructor(private readonly container: Container) {}

  async append(entry: AuditEntry) {
    await createItem(this.container, entry);
  }

  /**
   * Entries of one service in one request: a transactional batch, so in Azure they are all written or
   * none is (the embedded server writes them in order and stops at the first failure). One round trip
   * for a page of reads instead of one per entry.
   */
  async appendMany(serviceId: string, entries: readonly AuditEntry[]) {
    for (let i = 0; i < entries.length; i += COSMOS_BATCH_LIMIT) {
      const chunk = entries.slice(i, i + COSMOS_BATCH_LIMIT);
      if (chunk.some((e) => e.serviceId !== serviceId))
        throw new Error('a batch of audit entries must belong to one service');
      let failed: number | undefined;
      try {
        const { result } = await this.container.items.batch(
          chunk.map((resourceBody) => ({ operationType: BulkOperationType.Create, resourceBody: { ...resourceBody } })),
          serviceId,
        );
        failed =
          result?.find((r) => r.statusCode >= 400)?.statusCode ?? (result?.length === chunk.length ? undefined : 500);
      } catch (e) {
        throw translateCosmosError(e);
      }
      if (failed !== undefined)
        throw translateCosmosError(Object.assign(new Error(`audit batch failed (${failed})`), { code: failed }));
    }
  }

  async listForCase(serviceId: string, caseId: string, limit: number) {
    const sql = `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.serviceId = @serviceId AND c.caseId = @caseId ORDER BY c.at DESC`;
    const docs = await queryService<AuditEntry>(this.container, serviceId, sql, { caseId });
    return docs.map((d) => clean(d));
  }
}

/** Cosmos DB's limit of operations in one transactional batch. */
export const COSMOS_BATCH_LIMIT = 100;
