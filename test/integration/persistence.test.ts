import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { cardText } from '../support/cards';
import { LEAD, NURSE, validReferral } from '../support/people';
import { TestBot } from '../support/testBot';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `npx cosmosdb-server -p PORT` as its own process: the README's way to keep data across restarts. */
async function startCosmosProcess(port: number): Promise<ChildProcess> {
  const cli = path.resolve(__dirname, '../../../node_modules/@vercel/cosmosdb-server/lib/cli.js');
  const child = spawn(process.execPath, [cli, '-p', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => /Ready/.test(String(d)) && resolve());
    child.once('exit', () => reject(new Error('cosmosdb-server exited')));
  });
  return child;
}

describe('a COSMOS_ENDPOINT on loopback (cosmosdb-server as its own process)', () => {
  let cosmos: ChildProcess;
  let endpoint: string;

  before(async () => {
    const port = await freePort();
    cosmos = await startCosmosProcess(port);
    endpoint = `https://localhost:${port}/`;
  });
  after(() => cosmos.kill());

  it('keeps the data across a bot restart, and numbering carries on', async () => {
    const env = { COSMOS_ENDPOINT: endpoint, COSMOS_DATABASE: 'persist', BOOTSTRAP_LEADS: LEAD.aadObjectId };
    const first = await TestBot.start({ env });
    await first.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    const card = await first.invoke(NURSE, 'referral.submit', validReferral({ nhsNumber: '943 476 5919' }));
    assert.match(cardText(card), /RTW-0001/);
    await first.stop();

    const second = await TestBot.start({ env });
    try {
      const [found] = await second.say(NURSE, 'find 9434765919');
      assert.match(cardText(found), /RTW-0001 · Alan Testpatient/);
      const next = await second.invoke(NURSE, 'referral.submit', validReferral({ patientName: 'After Restart' }));
      assert.match(cardText(next), /RTW-0002/);
    } finally {
      await second.stop();
    }
  });
});
