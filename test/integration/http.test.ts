import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import sinon from 'sinon';
import { messageActivity } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD } from '../support/people';
import { TestBot } from '../support/testBot';

const MAIN = path.resolve(__dirname, '../../src/main.js');

/** Entry points still running: killed after each test, so that a test that failed leaves no process behind. */
const children = new Set<ChildProcess>();

/** Runs the real entry point with `env` until it exits; returns its output. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', PLAYGROUND: '0', ...env } });
    children.add(child);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => {
      children.delete(child);
      resolve({ code, output });
    });
  });
}

describe('HTTP surface', () => {
  describe('local mode', () => {
    let bot: TestBot;
    before(async () => {
      // The outage test below needs each /readyz to ask the store (it is cached 5 s by default).
      bot = await TestBot.start({
        ownEmbeddedStore: true,
        env: { BOOTSTRAP_LEADS: LEAD.aadObjectId },
        appOptions: { readyCacheMs: 0 },
      });
    });
    after(() => bot.stop());

    it('answers /healthz and /readyz with 200', async () => {
      assert.equal((await fetch(`${bot.app.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${bot.app.url}/readyz`)).status, 200);
    });

    it('answers 404 for file links that do not exist and for unknown routes', async () => {
      assert.equal((await fetch(`${bot.app.url}/files/abc123`)).status, 404);
      assert.equal((await fetch(`${bot.app.url}/admin`)).status, 404);
    });

    it('answers a body that is not an activity with 400, never a 5xx', async () => {
      for (const body of [
        'not json',
        '{}',
        '[]',
        '{"type":"message"}',
        '{"type":42,"serviceUrl":"x","conversation":{}}',
      ]) {
        const res = await fetch(bot.messagesUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        assert.equal(res.status, 400, body);
      }
    });

    it('listens on loopback only and says loudly that this is local mode', () => {
      assert.match(bot.app.url, /^http:\/\/127\.0\.0\.1:/);
      const log = bot.logLines.join('\n');
      assert.match(log, /LOCAL MODE: no COSMOS_ENDPOINT.*memory only/);
      assert.match(log, /inbound authentication is OFF; listening on loopback only/);
    });

    it('accepts unauthenticated activities in local mode', async () => {
      const [card] = await bot.say(LEAD, 'whoami');
      assert.match(cardText(card), /Service lead/);
    });

    it('answers /readyz 503 while the store is away, and the user a clear card', async () => {
      await bot.app.embeddedCosmos!.stop();
      const started = Date.now();
      assert.equal((await fetch(`${bot.app.url}/readyz`)).status, 503);
      assert.ok(Date.now() - started < 15_000, 'within seconds');
      const answer = await bot.post(messageActivity(LEAD, 'staff', bot.connector.url));
      assert.equal(answer.status, 200);
      const [card] = bot.connector.cards().slice(-1);
      assert.match(cardText(card), /Nothing was lost/);
      assert.equal((await fetch(`${bot.app.url}/healthz`)).status, 200, 'the process stays up');
    });
  });

  describe('with MicrosoftAppId set', () => {
    let bot: TestBot;
    // CloudAdapter.process printed each refused request to stderr; the bot must write nothing there.
    let stderr: sinon.SinonStub;
    beforeEach(() => (stderr = sinon.stub(process.stderr, 'write')));
    afterEach(() => stderr.restore());
    before(async () => {
      bot = await TestBot.start({
        env: {
          MicrosoftAppId: '00000000-1111-2222-3333-444444444444',
          MicrosoftAppPassword: 'not-used',
          BOOTSTRAP_LEADS: LEAD.aadObjectId,
        },
      });
    });
    after(() => bot.stop());

    it('refuses an activity without a token with 401 and runs nothing', async () => {
      const before = bot.logLines.length;
      const answer = await bot.post(messageActivity(LEAD, 'whoami', bot.connector.url));
      assert.equal(answer.status, 401);
      assert.equal(bot.connector.requests.length, 0);
      // Unauthenticated noise is one structured warn line, not a stack printed on stderr.
      assert.equal(stderr.callCount, 0, 'nothing written to stderr');
      const lines = bot.logLines.slice(before).map((l) => JSON.parse(l));
      const refused = lines.filter((l) => l.event === 'auth.refused');
      assert.equal(refused.length, 1);
      assert.equal(refused[0].reason, 'no_token');
      assert.equal(refused[0].level, 40);
    });

    it('refuses a malformed token with 401', async () => {
      const answer = await bot.post(messageActivity(LEAD, 'whoami', bot.connector.url), {
        authorization: 'Bearer not.a.jwt',
      });
      assert.equal(answer.status, 401);
    });
  });

  describe('start-up guards (the real entry point)', () => {
    afterEach(() => {
      for (const child of children) child.kill('SIGTERM');
    });

    it('refuses to start in production without an app id or a Cosmos endpoint', async () => {
      const { code, output } = await runMain({ NODE_ENV: 'production', PORT: '0' });
      assert.equal(code, 1);
      assert.match(output, /Refusing to start: NODE_ENV=production needs MicrosoftAppId/);
    });

    it('refuses to start with a configuration error named', async () => {
      const { code, output } = await runMain({ PORT: '0', DIGEST_WINDOW_DAYS: 'seven' });
      assert.equal(code, 1);
      assert.match(output, /DIGEST_WINDOW_DAYS/);
    });
  });
});
