import type { Container } from '@azure/cosmos';
import type { CaseRecord } from '../domain/case';
import { clean, createItem, deleteItem, queryAcrossServices, queryService, readItem, replaceItem } from './query';
import type { CaseCriterion, CaseRepository, CaseScope, Stored } from './types';

const CRITERIA: Record<CaseCriterion['kind'], string> = {
  ref: 'c.ref = @value',
  nhsNumber: 'c.patient.nhsNumber = @value',
  name: 'CONTAINS(c.patient.nameKey, @value)',
};

function criterionValue(c: CaseCriterion): string {
  return c.kind === 'ref' ? c.ref : c.kind === 'nhsNumber' ? c.nhsNumber : c.nameKey;
}

export class CosmosCaseRepository implements CaseRepository {
  constructor(private readonly container: Container) {}

  async get(serviceId: string, id: string) {
    const doc = await readItem<CaseRecord>(this.container, serviceId, id);
    // A document of another service can never come back: the read is by partition, and we check again.
    return doc && doc.serviceId === serviceId ? clean(doc) : null;
  }

  async create(record: CaseRecord) {
    return clean(await createItem(this.container, record));
  }

  async replace(record: CaseRecord, etag: string) {
    return clean(await replaceItem(this.container, record, etag));
  }

  async find(scope: CaseScope, criterion: CaseCriterion, limit: number) {
    const nurse = scope.referredBy ? ' AND c.referredBy.aadObjectId = @referredBy' : '';
    const sql = `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.serviceId = @serviceId AND ${CRITERIA[criterion.kind]}${nurse} ORDER BY c.createdAt DESC`;
    const params: Record<string, string> = { value: criterionValue(criterion) };
    if (scope.referredBy) params.referredBy = scope.referredBy;
    const docs = await queryService<Stored<CaseRecord>>(this.container, scope.serviceId, sql, params);
    return docs.map((d) => clean(d));
  }

  async listOpenIds(serviceId: string, opts: { assignedOt?: string; limit?: number } = {}) {
    const limit = Math.max(1, Math.floor(opts.limit ?? LIST_OPEN_LIMIT));
    const mine = opts.assignedOt ? ' AND c.assignedOt.aadObjectId = @assignedOt' : '';
    // ORDER BY createdAt: refs are zero-padded only to 4 digits, so they do not sort as text past 9999.
    const sql = `SELECT TOP ${limit} VALUE c.id FROM c WHERE c.serviceId = @serviceId AND (c.status = 'referred' OR c.status = 'active')${mine} ORDER BY c.createdAt ASC`;
    return queryService<string>(this.container, serviceId, sql, opts.assignedOt ? { assignedOt: opts.assignedOt } : {});
  }

  async getMany(serviceId: string, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const sql = 'SELECT * FROM c WHERE c.serviceId = @serviceId AND ARRAY_CONTAINS(@ids, c.id)';
    const docs = await queryService<Stored<CaseRecord>>(this.container, serviceId, sql, { ids: [...ids] });
    const byId = new Map(docs.map((d) => [d.id, clean(d)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Digest counts need this month's referrals and this year's discharges too, not only open cases.
   * No TOP: a cap here would silently drop the newest cases of a very large service from the digest.
   */
  async listForDigest(serviceId: string, since: string, followUpsBy?: string) {
    // Follow-ups owed: only discharged cases whose next follow-up is due by then, never all history.
    const followUps = followUpsBy ? " OR (c.status = 'discharged' AND c.followUpDue <= @followUpsBy)" : '';
    const sql =
      'SELECT * FROM c WHERE c.serviceId = @serviceId AND ' +
      `(c.status = 'referred' OR c.status = 'active' OR c.referral.referredOn >= @since OR (c.status = 'discharged' AND c.discharge.date >= @since)${followUps}) ORDER BY c.createdAt ASC`;
    const docs = await queryService<Stored<CaseRecord>>(this.container, serviceId, sql, {
      since,
      ...(followUpsBy ? { followUpsBy } : {}),
    });
    return docs.map((d) => clean(d));
  }

  async listAll(serviceId: string) {
    // No TOP: fetchAll follows continuation tokens, so a service's whole history comes back however long.
    const docs = await queryService<Stored<CaseRecord>>(
      this.container,
      serviceId,
      'SELECT * FROM c WHERE c.serviceId = @serviceId ORDER BY c.createdAt ASC',
    );
    return docs.map((d) => clean(d));
  }

  async serviceIdsWithDischarged() {
    // Service ids only, across partitions; no DISTINCT on the embedded server, so de-duplicate here.
    const rows = await queryAcrossServices<{ serviceId: string }>(
      this.container,
      "SELECT c.serviceId FROM c WHERE c.status = 'discharged'",
    );
    return [...new Set(rows.map((r) => r.serviceId))].sort();
  }

  async listDischargedBefore(serviceId: string, before: string) {
    const sql =
      "SELECT * FROM c WHERE c.serviceId = @serviceId AND c.status = 'discharged' AND c.discharge.date < @before";
    const docs = await queryService<Stored<CaseRecord>>(this.container, serviceId, sql, { before });
    return docs.map((d) => clean(d));
  }

  async delete(serviceId: string, id: string) {
    return deleteItem(this.container, serviceId, id);
  }
}

/** A service's open caseload is tens to a few hundred; this only stops a runaway read. */
export const LIST_OPEN_LIMIT = 2000;
