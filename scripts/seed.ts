import { loadConfig } from '../src/config';

/**
 * `npm run seed`: the demo caseload. The local store is memory-only and lives inside the bot's
 * process, so there is nothing outside it to write to: this starts the bot with DEMO_DATA=1 (which
 * loads the caseload at start-up, idempotently). Against a persistent store (COSMOS_ENDPOINT on a
 * local emulator) the same happens, and the data stays for later starts.
 */
const config = loadConfig({ ...process.env, DEMO_DATA: '1' });
if (config.authenticationEnabled) {
  console.error(
    'npm run seed is for local mode only: unset MicrosoftAppId (demo people and patients must never reach a real service).',
  );
  process.exit(1);
}
process.env.DEMO_DATA = '1';
console.log('Starting the bot with DEMO_DATA=1: a synthetic caseload is loaded at start-up.');
require('../src/main');
