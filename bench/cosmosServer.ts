import { startEmbeddedCosmos } from '../src/store/embeddedCosmos';

/**
 * The embedded Cosmos-protocol server (the same one local mode uses) in a process of its own, so
 * that the digest benchmark can weigh the bot's memory and CPU apart from the store's: in Azure the
 * store is another machine too.
 */
async function main(): Promise<void> {
  const cosmos = await startEmbeddedCosmos();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (m: any) => {
    if (m?.cmd === 'rss') process.send!({ rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) });
  });
  process.send!({ endpoint: cosmos.endpoint, key: cosmos.key });
}

void main();
