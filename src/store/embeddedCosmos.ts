import type { AddressInfo } from 'node:net';

/**
 * The local default store: the Cosmos-protocol server from `@vercel/cosmosdb-server`, in this process,
 * memory only, on loopback. The real `@azure/cosmos` SDK talks to it exactly as it would to Azure.
 */
export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  stop(): Promise<void>;
}

/** The well-known key of the local Cosmos emulator; the embedded server accepts any key. */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export async function startEmbeddedCosmos(port = 0): Promise<EmbeddedCosmos> {
  // Loaded only in local mode and tests: production never needs the embedded server.
  const { createHttpsServer } = await import('@vercel/cosmosdb-server');
  const server = createHttpsServer({ keepAlive: true } as never);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${actual}/`,
    key: EMULATOR_KEY,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
