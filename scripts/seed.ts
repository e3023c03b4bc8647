import net from 'node:net';
import { loadConfig } from '../src/config';

/**
 * `npm run seed`: the demo caseload. The local store is memory-only and lives inside the bot's
 * process, so there is nothing outside it to write to: this starts the bot with DEMO_DATA=1 (which
 * loads the caseload at start-up, idempotently). Against a persistent store (COSMOS_ENDPOINT on a
 * local emulator) the same happens, and the data stays for later starts.
 *
 * A bot already running on the port (`npm start` in another terminal) cannot be seeded from here:
 * its store is in its own memory. Rather than dying with a raw EADDRINUSE stack, this says so and
 * what to do, and exits 1.
 */
const config = loadConfig({ ...process.env, DEMO_DATA: '1' });
if (config.authenticationEnabled) {
  console.error(
    'npm run seed is for local mode only: unset MicrosoftAppId (demo people and patients must never reach a real service).',
  );
  process.exit(1);
}

/** True when something already listens on the bot's port. */
function portTaken(port: number, host: string): Promise<boolean> {
  if (port === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function alreadyRunningMessage(port: number, persistent: boolean): string {
  return [
    `npm run seed: port ${port} is already in use, most likely by the bot you started with "npm start".`,
    persistent
      ? 'Seeding starts a bot of its own with the demo caseload. Stop the running bot (Ctrl+C), run "npm run seed", stop it, then "npm start": the emulator keeps the data.'
      : 'Its store lives in that process’s memory, so nothing outside it can add the demo caseload. Stop the running bot (Ctrl+C) and run "npm run seed" instead: it starts the bot with the demo caseload loaded (the same as "npm start" with DEMO_DATA=1).',
    'Or give this one another port: PORT=3979 npm run seed.',
  ].join('\n');
}

portTaken(config.port, config.host).then((taken) => {
  if (taken) {
    console.error(alreadyRunningMessage(config.port, Boolean(config.cosmos.endpoint)));
    process.exit(1);
  }
  process.env.DEMO_DATA = '1';
  console.log('Starting the bot with DEMO_DATA=1: a synthetic caseload is loaded at start-up.');
  require('../src/main');
});
