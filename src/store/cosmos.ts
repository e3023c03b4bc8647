import https from 'node:https';
import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { translateCosmosError } from './errors';

/** Every container is partitioned by service: no query can wander into another service's data. */
export const CONTAINERS = ['cases', 'staff', 'conversations', 'counters', 'jobs', 'audit'] as const;
export type ContainerName = (typeof CONTAINERS)[number];

export interface CosmosOptions {
  endpoint: string;
  databaseId: string;
  key?: string;
  /** Used when there is no key: managed identity in Azure. */
  credential?: TokenCredential;
  /** Loopback emulators use self-signed certificates; only then is the certificate not checked. */
  acceptSelfSignedCertificate: boolean;
}

export interface CosmosStore {
  database: Database;
  container(name: ContainerName): Container;
  /** Answers whether the store responds now (for /readyz). */
  ping(): Promise<boolean>;
  dispose(): void;
}

export async function openCosmos(options: CosmosOptions): Promise<CosmosStore> {
  // An agent of our own: TLS leniency for a local emulator must never leak into other HTTPS (Teams).
  // Plain HTTP only for the embedded server and emulators on loopback (config refuses it elsewhere);
  // then no agent of ours: the SDK allows insecure connections only with its own keep-alive HTTP agent.
  const agent =
    new URL(options.endpoint).protocol === 'http:'
      ? undefined
      : new https.Agent({ keepAlive: true, rejectUnauthorized: !options.acceptSelfSignedCertificate });
  const client = new CosmosClient({
    endpoint: options.endpoint,
    ...(options.key ? { key: options.key } : { aadCredentials: options.credential }),
    ...(agent ? { agent } : {}),
    connectionPolicy: {
      enableEndpointDiscovery: false,
      // A store that is away should be reported in seconds, not after the SDK's default minute.
      requestTimeout: 5_000,
      retryOptions: { maxRetryAttemptCount: 3, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 10 },
    },
  });
  let database: Database;
  const containers = new Map<ContainerName, Container>();
  try {
    ({ database } = await client.databases.createIfNotExists({ id: options.databaseId }));
    for (const name of CONTAINERS) {
      const { container } = await database.containers.createIfNotExists({
        id: name,
        partitionKey: { paths: ['/serviceId'] },
      });
      containers.set(name, container);
    }
  } catch (e) {
    client.dispose();
    agent?.destroy();
    throw translateCosmosError(e);
  }
  return {
    database,
    container: (name) => containers.get(name)!,
    async ping() {
      try {
        await database.read();
        return true;
      } catch {
        return false;
      }
    },
    dispose() {
      client.dispose();
      agent?.destroy();
    },
  };
}
