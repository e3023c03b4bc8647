import type { Container } from '@azure/cosmos';
import type { CaseRecord } from '../domain/case';
import { clean, createItem, queryService, readItem, replaceItem } from './query';
import type { CaseCriterion, CaseRepository, CaseScope, Stored } from './types';

const CRITERIA: Record<CaseCriterion['kind'], string> = {
  ref: 'c.ref = @value',
  nhsNumber: 'c.patient.nhsNumber = @value',
  name: 'CONTAINS(c.patient.nameKey, @value)',
};

function valueOf(c: CaseCriterion): string {
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
    const params: Record<string, string> = { value: valueOf(criterion) };
    if (scope.referredBy) params.referredBy = scope.referredBy;
    const docs = await queryService<Stored<CaseRecord>>(this.container, scope.serviceId, sql, params);
    return docs.map((d) => clean(d));
  }
}
