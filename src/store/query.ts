import type { Container, ItemDefinition, OperationInput, SqlParameter } from '@azure/cosmos';
import { StaleWriteError, translateCosmosError, isNotFound } from './errors';

type Params = Record<string, string | number | boolean | null | string[]>;

function toParameters(params: Params): SqlParameter[] {
  return Object.entries(params).map(([name, value]) => ({ name: `@${name}`, value }));
}

/**
 * Runs a query inside one service's partition. The SQL itself must also say `c.serviceId = @serviceId`:
 * the embedded server ignores the partitionKey option, and the clause makes the scoping visible in review.
 */
export async function queryService<T>(
  container: Container,
  serviceId: string,
  sql: string,
  params: Params = {},
): Promise<T[]> {
  if (!/c\.serviceId\s*=\s*@serviceId/.test(sql))
    throw new Error('service-scoped queries must filter on c.serviceId = @serviceId');
  try {
    const { resources } = await container.items
      .query<T>({ query: sql, parameters: toParameters({ ...params, serviceId }) }, { partitionKey: serviceId })
      .fetchAll();
    return resources;
  } catch (e) {
    throw translateCosmosError(e);
  }
}

/** Cross-partition queries are for identity look-ups (who is this Teams user?) and service ids only, never for patient data. */
export async function queryAcrossServices<T>(container: Container, sql: string, params: Params = {}): Promise<T[]> {
  try {
    const { resources } = await container.items.query<T>({ query: sql, parameters: toParameters(params) }).fetchAll();
    return resources;
  } catch (e) {
    throw translateCosmosError(e);
  }
}

export async function readItem<T>(
  container: Container,
  serviceId: string,
  id: string,
): Promise<(T & { _etag: string }) | null> {
  try {
    const { resource } = await container.item(id, serviceId).read<T & { _etag: string }>();
    return resource ?? null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw translateCosmosError(e);
  }
}

export async function createItem<T extends { id: string; serviceId: string }>(
  container: Container,
  item: T,
): Promise<T & { _etag: string }> {
  try {
    const { resource } = await container.items.create<T>(item);
    return resource as T & { _etag: string };
  } catch (e) {
    throw translateCosmosError(e);
  }
}

export async function upsertItem<T extends { id: string; serviceId: string }>(
  container: Container,
  item: T,
): Promise<T & { _etag: string }> {
  try {
    const { resource } = await container.items.upsert<T>(item);
    return resource as unknown as T & { _etag: string };
  } catch (e) {
    throw translateCosmosError(e);
  }
}

/** Adds 1 to a number in a document, atomically in the store; null when there is no such document. */
export async function incrementItem<T extends ItemDefinition>(
  container: Container,
  serviceId: string,
  id: string,
  path: string,
): Promise<T | null> {
  try {
    const { resource } = await container.item(id, serviceId).patch<T>([{ op: 'incr', path, value: 1 }]);
    return resource ?? null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw translateCosmosError(e);
  }
}

/** Replace guarded by etag: a concurrent writer makes this throw StaleWriteError instead of being overwritten. */
export async function replaceItem<T extends { id: string; serviceId: string }>(
  container: Container,
  item: T,
  etag: string,
): Promise<T & { _etag: string }> {
  try {
    const { resource } = await container
      .item(item.id, item.serviceId)
      .replace<T>(item, { accessCondition: { type: 'IfMatch', condition: etag } });
    return resource as T & { _etag: string };
  } catch (e) {
    throw translateCosmosError(e);
  }
}

export async function deleteItem(container: Container, serviceId: string, id: string): Promise<boolean> {
  try {
    await container.item(id, serviceId).delete();
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw translateCosmosError(e);
  }
}

/** Strips Cosmos system properties before a document leaves the store layer. */
export function clean<T>(doc: T & { _rid?: string; _self?: string; _ts?: number; _attachments?: string }): T {
  const { _rid, _self, _ts, _attachments, ...rest } = doc as Record<string, unknown>;
  void _rid, _self, _ts, _attachments;
  return rest as T;
}

/**
 * A transactional batch in one partition: in Azure all operations are written or none is. The embedded
 * server writes them in order and stops at the first failure without undoing the earlier ones, so callers
 * put first the operation most likely to fail (a claim). Any failed operation throws: the translated
 * error of its status (409 AlreadyExistsError, 412 StaleWriteError, 404 StaleWriteError: what the batch
 * counted on is gone).
 */
export async function batchItems(
  container: Container,
  serviceId: string,
  ops: OperationInput[],
): Promise<(Record<string, unknown> | undefined)[]> {
  const outcome = await tryBatch(container, serviceId, ops);
  if (outcome.ok) return outcome.bodies;
  throw outcome.error;
}

/** A batch's outcome: the written documents in the order of `ops`, or which operation failed and how. */
export type BatchOutcome =
  | { ok: true; bodies: (Record<string, unknown> | undefined)[] }
  | { ok: false; index: number; error: Error };

/** As batchItems, but a failed operation is answered rather than thrown, with its index in `ops`. */
export async function tryBatch(container: Container, serviceId: string, ops: OperationInput[]): Promise<BatchOutcome> {
  let statuses: number[] = [];
  let bodies: (Record<string, unknown> | undefined)[] = [];
  try {
    // Each operation names its partition too: the embedded server reads it from there for replace and delete.
    const { result } = await container.items.batch(
      ops.map((op) => ({ ...op, partitionKey: serviceId }) as OperationInput),
      serviceId,
    );
    statuses = (result ?? []).map((r) => r.statusCode);
    bodies = (result ?? []).map((r) => r.resourceBody as Record<string, unknown> | undefined);
  } catch (e) {
    throw translateCosmosError(e);
  }
  if (statuses.length !== ops.length)
    throw translateCosmosError(Object.assign(new Error('batch answered short'), { code: 500 }));
  // 424 is "not attempted because another operation failed": the failed one has its own status.
  const index = statuses.findIndex((s) => s >= 400 && s !== 424);
  if (index < 0) return { ok: true, bodies };
  const failed = statuses[index];
  const error =
    failed === 404
      ? new StaleWriteError()
      : translateCosmosError(Object.assign(new Error(`batch failed (${failed})`), { code: failed }));
  return { ok: false, index, error };
}

/** Delete guarded by etag: false when the document is gone or was changed since `etag` was read. */
export async function deleteItemIfMatch(
  container: Container,
  serviceId: string,
  id: string,
  etag: string,
): Promise<boolean> {
  try {
    await container.item(id, serviceId).delete({ accessCondition: { type: 'IfMatch', condition: etag } });
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    const err = translateCosmosError(e);
    if (err instanceof StaleWriteError) return false;
    throw err;
  }
}
