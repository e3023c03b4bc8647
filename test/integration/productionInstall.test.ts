import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sharedCosmos } from '../support/sharedCosmos';

const MAIN = path.resolve(__dirname, '../../src/main.js');
const WITHOUT_STORE = path.resolve(__dirname, '../support/withoutEmbeddedStore.js');

/**
 * Runs the real entry point as a production install would (the embedded store's packages absent)
 * until it exits or prints `until`; then stops it. Returns its output and exit code.
 */
function runWithoutEmbeddedStore(
  env: Record<string, string>,
  until?: RegExp,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', WITHOUT_STORE, MAIN], {
      env: { PATH: process.env.PATH ?? '', PLAYGROUND: '0', PORT: '0', ...env },
    });
    let output = '';
    const take = (d: Buffer) => {
      output += d;
      if (until?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('production carries no toy store (npm ci --omit=dev)', () => {
  it('local mode without the embedded store says what to install, and stops', async () => {
    const { code, output } = await runWithoutEmbeddedStore({});
    assert.equal(code, 1);
    assert.match(output, /Local mode \(no COSMOS_ENDPOINT\) needs the embedded Cosmos-protocol server/);
    assert.match(output, /@vercel\/cosmosdb-server is not installed/);
    assert.match(output, /set COSMOS_ENDPOINT/);
    assert.match(output, /npm ci/);
    assert.doesNotMatch(output, /\n\s+at /, 'a sentence, not a stack trace');
  });

  it('with a COSMOS_ENDPOINT the bot starts and never asks for either package', async () => {
    const { endpoint } = await sharedCosmos();
    const { code, output } = await runWithoutEmbeddedStore(
      { COSMOS_ENDPOINT: endpoint, COSMOS_DATABASE: `prod-install-${process.pid}` },
      /"event":"started"/,
    );
    assert.match(output, /"event":"started".*"store":"cosmos"/);
    assert.doesNotMatch(output, /HIDDEN-PACKAGE-REQUESTED/);
    assert.notEqual(code, 1, 'did not fail to start');
  });
});
