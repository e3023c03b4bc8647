import type { Container } from '@azure/cosmos';
import { clean, createItem, queryService } from './query';
import type { AuditEntry, AuditRepository } from './types';

/** The audit trail has its own container: it grows with every read and must not slow case queries. */
export class CosmosAuditRepository implements AuditRepository {
  constructor(private readonly container: Container) {}

  async append(entry: AuditEntry) {
    await createItem(this.container, entry);
  }

  async listForCase(serviceId: string, caseId: string, limit: number) {
    const sql = `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.serviceId = @serviceId AND c.caseId = @caseId ORDER BY c.at DESC`;
    const docs = await queryService<AuditEntry>(this.container, serviceId, sql, { caseId });
    return docs.map((d) => clean(d));
  }
}
