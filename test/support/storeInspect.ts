import { CosmosClient } from '@azure/cosmos';
import { sharedCosmos } from './sharedCosmos';

/**
 * Reads a test bot's database directly with the real SDK, to prove what was (and was not) written,
 * independently of the bot's own repositories. For `cases`, the cases only: the container also holds
 * open-case claims and owed alerts (`storedDocs` reads those too).
 */
export async function allDocs(database: string, container: string): Promise<any[]> {
  const docs = await storedDocs(database, container);
  return container === 'cases' ? docs.filter((d) => d.ref !== undefined) : docs;
}

/** Every document of a container, whatever it is. */
export async function storedDocs(database: string, container: string): Promise<any[]> {
  return withClient(async (client) => {
    const { resources } = await client
      .database(database)
      .container(container)
      .items.query('SELECT * FROM c')
      .fetchAll();
    return resources;
  });
}

/** Writes a document as it stood before a change of layout (what a migration must still read). */
export async function writeDoc(database: string, container: string, doc: Record<string, unknown>): Promise<void> {
  await withClient((client) => client.database(database).container(container).items.upsert(doc));
}

/** A client of the run's embedded server of its own, not the bot's, disposed after `use`. */
async function withClient<T>(use: (client: CosmosClient) => Promise<T>): Promise<T> {
  const cosmos = await sharedCosmos();
  const client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    return await use(client);
  } finally {
    client.dispose();
  }
}

/** Everything in every container, minus the audit trail (which rejected input does append to). */
export async function snapshot(database: string): Promise<string> {
  const parts: Record<string, any[]> = {};
  for (const c of ['cases', 'staff', 'counters']) {
    // Owed alerts are left out: the delivery of earlier turns' alerts changes them in the background, and an
    // alert is only ever written in the batch of its case, which is in the snapshot. So is the record of
    // where a delivered alert went (`outbox.referral-alert-messages`), written by that same delivery.
    parts[c] = (await storedDocs(database, c))
      .filter((d) => d.kind !== 'outbox.referral-alert' && d.kind !== 'outbox.referral-alert-messages')
      .map(({ _ts, _etag, _rid, _self, ...rest }) => rest)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return JSON.stringify(parts);
}
