import type { Container, ItemDefinition, SqlParameter } from '@azure/cosmos';
import { translateCosmosError, isNotFound } from './errors';

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
