/**
 * The bot as `npm start` runs it (configuration from the environment, the real clock), in a child
 * process that a test can SIGKILL, with test-sized timings for the owed-alert sweep: it looks every
 * TEST_OUTBOX_EVERY_MS and takes over an alert a dead process held after TEST_OUTBOX_LEASE_MS.
 * Prints `{"ready":"<url>"}` on its own line once listening.
 */
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await startApp(config, {
    log: createLogger(config.logLevel, process.stderr),
    notifierRetry: { maxAttempts: 1 },
    outbox: {
      timer: true,
      everyMs: Number(process.env.TEST_OUTBOX_EVERY_MS ?? 200),
      itemLeaseMs: Number(process.env.TEST_OUTBOX_LEASE_MS ?? 1500),
    },
  });
  process.stdout.write(`${JSON.stringify({ ready: app.url })}\n`);
  process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
}

main().catch((e) => {
  console.error('child bot failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
