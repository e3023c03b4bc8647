import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeEmbeddedQueriesLinear } from './embeddedQueryFix';

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

/** The two development dependencies local mode needs, and how to get them. */
export const EMBEDDED_STORE_PACKAGES = ['@vercel/cosmosdb-server', '@zeit/cosmosdb-query'] as const;

export class EmbeddedStoreMissingError extends Error {
  constructor(missing: string) {
    super(
      `Local mode (no COSMOS_ENDPOINT) needs the embedded Cosmos-protocol server, but ${missing} is not ` +
        'installed: it is a development dependency, left out of production installs (npm ci --omit=dev). ' +
        'Either set COSMOS_ENDPOINT to a Cosmos DB account or emulator, or install the development ' +
        `dependencies: npm ci (or: npm install --no-save ${EMBEDDED_STORE_PACKAGES.join(' ')}).`,
    );
    this.name = 'EmbeddedStoreMissingError';
  }
}

/** Runs a lazy import of one of EMBEDDED_STORE_PACKAGES, turning "not installed" into a clear error. */
async function loadEmbeddedPackage<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if ((err?.code === 'MODULE_NOT_FOUND' || err?.code === 'ERR_MODULE_NOT_FOUND') && err.message.includes(name))
      throw new EmbeddedStoreMissingError(name);
    throw e;
  }
}

/** `https`: the package's self-signed TLS, for benchmarks that weigh TLS as Azure's would cost. */
export async function startEmbeddedCosmos(port = 0, options: { https?: boolean } = {}): Promise<EmbeddedCosmos> {
  // Local mode and tests only, so loaded here, lazily, never at start-up: both packages are
  // development dependencies (docs/DEPENDENCIES.md) and a production install does not have them.
  // .dependency-cruiser.cjs allows them to this file only, and only as these dynamic imports.
  const { createHttpServer, createHttpsServer } = await loadEmbeddedPackage(
    '@vercel/cosmosdb-server',
    () => import('@vercel/cosmosdb-server'),
  );
  // A native import() of a CommonJS package: `default` is its module.exports, whose own `default` is createQuery.
  const engine = await loadEmbeddedPackage('@zeit/cosmosdb-query', () => import('@zeit/cosmosdb-query'));
  makeEmbeddedQueriesLinear(engine.default.default);
  const server = options.https
    ? createHttpsServer({ keepAlive: true } as never)
    : createHttpServer({ keepAlive: true });
  answerQueryPlansAtOnce(server);
  // Node closes a keep-alive socket after 5 s idle; a client reusing it at that instant gets ECONNRESET
  // (seen once in the suite, on a write). Its few clients are on loopback: keep idle sockets longer.
  server.keepAliveTimeout = 10 * 60_000;
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
