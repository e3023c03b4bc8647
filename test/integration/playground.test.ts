import { strict as assert } from 'node:assert';
import net from 'node:net';
import os from 'node:os';
import { Writable } from 'node:stream';
import { startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { portIsFree, startPlayground } from '../../src/dev/playground';
import { createLogger } from '../../src/log';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  return { lines, log: createLogger('info', sink) };
}

function holdPort(port = 0): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(port, () => resolve(s));
  });
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port;
const close = (s: net.Server) => new Promise<void>((r) => s.close(() => r()));

describe('Agents Playground beside the bot (local mode)', function () {
  this.timeout(60_000);

  it('starts on the given port, answers on loopback only, and is stopped with the bot', async () => {
    const probe = await holdPort();
    const port = portOf(probe);
    await close(probe);
    const { log } = capture();
    const playground = await startPlayground({
      botEndpoint: 'http://127.0.0.1:9/api/messages',
      port,
      log,
      logFile: '/dev/null',
    });
    assert.ok(playground, 'started');
    assert.equal(playground.url, `http://localhost:${port}`);
    assert.equal((await fetch(playground.url)).status, 200);
    // It relays to a bot without inbound authentication: nobody else on the network may reach it.
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (lan) assert.equal(await reachable(lan.address, port), false, `reachable on ${lan.address}`);
    await playground.stop();
    assert.equal(await portIsFree(port), true, 'the port is free again once stopped');
  });

  it('warns and starts nothing when its port is busy; the bot still starts', async () => {
    const busy = await holdPort();
    const port = portOf(busy);
    try {
      const { lines, log } = capture();
      assert.equal(await startPlayground({ botEndpoint: 'http://127.0.0.1:9/api/messages', port, log }), undefined);
      assert.ok(
        lines.some((l) => l.includes('"playground.port_busy"') && l.includes('"level":40')),
        'a warning names the busy port',
      );
    } finally {
      await close(busy);
    }
  });

  it('npm start with PLAYGROUND=1 and port 56150 taken: a warning, and the bot answers', async () => {
    // Hold 56150 if nobody does; if somebody does (a developer's bot), it is busy all the same.
    const held = await holdPort(56150).catch(() => undefined);
    const { lines, log } = capture();
    const app = await startApp(loadConfig({ PORT: '0', PLAYGROUND: '1', LOG_LEVEL: 'info' }), { log });
    try {
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
      assert.ok(
        lines.some((l) => l.includes('"playground.port_busy"')),
        'warned about the busy port',
      );
      assert.ok(
        lines.some((l) => l.includes('"demo.staff"')),
        'the playground people were made staff',
      );
    } finally {
      await app.stop();
      if (held) await close(held);
    }
  });

  it('adds no demo people and no playground with an app id', async () => {
    const config = loadConfig({
      PORT: '0',
      MicrosoftAppId: '00000000-0000-4000-8000-000000000abc',
      MicrosoftAppPassword: 'x',
      PLAYGROUND: '1',
      DEMO_DATA: '1',
    });
    assert.equal(config.playground, false);
    const { lines, log } = capture();
    const app = await startApp(config, { log });
    try {
      assert.equal(await app.store.staff.findByAadObjectId('de000000-0000-4000-8000-000000000001'), null);
      assert.ok(!lines.some((l) => l.includes('"demo.') || l.includes('"playground.')), 'nothing of local mode ran');
    } finally {
      await app.stop();
    }
  });
});
