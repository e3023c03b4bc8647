import net from 'node:net';
import { startEmbeddedCosmos } from '../src/store/embeddedCosmos';

/**
 * The embedded Cosmos-protocol server (the same one local mode uses) in a process of its own, so
 * that a benchmark can weigh the bot's memory and CPU apart from the store's: in Azure the store is
 * another machine too. With BENCH_STORE_LATENCY_MS, the endpoint handed out is a TCP proxy that
 * delays every chunk by that much each way: a store a network hop away, as Azure Cosmos DB is.
 */
function delayingProxy(targetPort: number, delayMs: number): Promise<number> {
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const relay = (from: net.Socket, to: net.Socket) => {
      // Same delay for every chunk: setTimeout keeps them in order.
      from.on('data', (chunk) => setTimeout(() => to.write(chunk), delayMs));
      from.on('end', () => setTimeout(() => to.end(), delayMs));
      from.on('error', () => to.destroy());
    };
    relay(client, upstream);
    relay(upstream, client);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

async function main(): Promise<void> {
  const latency = Number(process.env.BENCH_STORE_LATENCY_MS ?? 0);
  // A store a network hop away is reached over TLS, as Azure is: the bot pays for it.
  const cosmos = await startEmbeddedCosmos(0, { https: latency > 0 });
  let endpoint = cosmos.endpoint;
  if (latency > 0)
    endpoint = `https://127.0.0.1:${await delayingProxy(Number(new URL(cosmos.endpoint).port), latency)}/`;
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: any) => {
    if (m?.cmd === 'rss') process.send!({ rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) });
  });
  process.send!({ endpoint, key: cosmos.key });
}

void main();
