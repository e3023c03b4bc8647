import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The local default store: the Cosmos-protocol server from `@vercel/cosmosdb-server`, in this process,
 * memory only, on loopback. The real `@azure/cosmos` SDK talks to it exactly as it would to Azure.
 * Plain HTTP: the bytes never leave this process's loopback, and TLS on both ends of the same socket
 * cost about a tenth of a turn in local mode (docs/PERFORMANCE.md). Azure is always HTTPS.
 */
export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  stop(): Promise<void>;
}

/** The well-known key of the local Cosmos emulator; the embedded server accepts any key. */
export const EMULATOR_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** `https`: the package's self-signed TLS, for benchmarks that weigh TLS as Azure's would cost. */
export async function startEmbeddedCosmos(port = 0, options: { https?: boolean } = {}): Promise<EmbeddedCosmos> {
  // Loaded only in local mode and tests: production never needs the embedded server.
  const { createHttpServer, createHttpsServer } = await import('@vercel/cosmosdb-server');
  (await import('./embeddedQueryFix.js')).makeEmbeddedQueriesLinear();
  const server = options.https
    ? createHttpsServer({ keepAlive: true } as never)
    : createHttpServer({ keepAlive: true });
  answerQueryPlansAtOnce(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    endpoint: `${options.https ? 'https' : 'http'}://127.0.0.1:${actual}/`,
    key: EMULATOR_KEY,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * The SDK asks for a query plan beside every query and uses it only when the server answers the query
 * itself with "needs a plan", which this server never does. The server does not know plan requests
 * and ran each as a second full query, doubling the cost of every query in local mode. Answer them
 * with a plain refusal instead; should the SDK ever need the plan, the query fails loudly, never wrong.
 */
function answerQueryPlansAtOnce(server: Server): void {
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (String(req.headers['x-ms-cosmos-is-query-plan-request']).toLowerCase() === 'true') {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          code: 'BadRequest',
          message: 'The embedded Cosmos-protocol server does not compute query plans.',
        }),
      );
      return;
    }
    for (const handler of handlers) handler.call(server, req, res);
  });
}
