import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const SEED = path.resolve(__dirname, '..', '..', 'scripts', 'seed.js');

/** `npm run seed` while the bot runs: it used to die with a raw EADDRINUSE stack. */
describe('npm run seed while a bot already runs on the port', () => {
  let busy: net.Server;
  let port: number;

  before(async () => {
    busy = net.createServer((s) => s.destroy());
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('says the port is taken and what to do, with no stack, and exits 1 without starting anything', async () => {
    const child = spawn(process.execPath, [SEED], {
      env: { PATH: process.env.PATH ?? '', PORT: String(port), PLAYGROUND: '0', LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1, out);
    assert.match(out, new RegExp(`port ${port} is already in use`));
    assert.match(out, /Stop the running bot \(Ctrl\+C\) and run "npm run seed"/);
    assert.doesNotMatch(out, /EADDRINUSE|\n\s+at /, 'no raw error or stack');
    assert.doesNotMatch(out, /Starting the bot/);
  });
});
