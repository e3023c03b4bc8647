import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import sinon from 'sinon';
import { createHttpServer, SECURITY_HEADERS } from '../../src/http/server';
import { createLogger } from '../../src/log';
import { conversationOf, invokeActivity, messageActivity } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, NURSE } from '../support/people';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

const TOKEN = 'door-test-digest-token-0123456789';

/** A multipart upload like `curl -F f=@100KB.bin`: one 100 KB file part. */
function multipart(): FormData {
  const form = new FormData();
  form.append('f', new Blob([Buffer.alloc(100 * 1024, 0x41)]), '100KB.bin');
  return form;
}

/**
 * A POST that asks before sending its body (`Expect: 100-continue`, as curl does for uploads): the
 * body is written only if the server says "100 Continue". Returns the status and whether it did.
 */
function askFirst(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; continued: boolean }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.length), expect: '100-continue' },
    });
    req.on('continue', () => {
      continued = true;
      req.end(body);
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, continued }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

function assertSecurityHeaders(res: Response, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    assert.equal(res.headers.get(name), value, `${what}: ${name}`);
  assert.equal(res.headers.get('server'), null, `${what}: no Server header`);
}

/** Log lines written since `from`, parsed. */
function linesSince(bot: TestBot, from: number): any[] {
  return bot.logLines.slice(from).map((l) => JSON.parse(l));
}

describe('the HTTP door (CONTRACT §6: JSON only, msteams only, nothing echoed)', () => {
  let bot: TestBot;
  let tmp: string;
  let previousTmp: string | undefined;

  before(async () => {
    // A temp folder of this test's own: multipart parsers write file parts to os.tmpdir(), and
    // /tmp is shared with other processes, whose files must not be taken for ours.
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rtw-door-'));
    previousTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    assert.equal(os.tmpdir(), tmp);
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, DIGEST_TRIGGER_TOKEN: TOKEN } });
  });
  after(async () => {
    await bot.stop();
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    rmSync(tmp, { recursive: true, force: true });
  });

  describe('JSON only on POST routes', () => {
    for (const route of ['/api/messages', '/api/digest/run']) {
      it(`answers a multipart upload to ${route} with 415 and writes nothing to the temp folder`, async () => {
        const from = bot.logLines.length;
        const res = await fetch(`${bot.app.url}${route}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
          body: multipart(),
        });
        assert.equal(res.status, 415);
        assert.deepEqual(await res.json(), { code: 'UnsupportedMediaType', message: 'send application/json' });
        assertSecurityHeaders(res, `415 on ${route}`);
        assert.deepEqual(readdirSync(tmp), [], 'no file in the temp folder');
        const lines = linesSince(bot, from);
        assert.equal(lines.filter((l) => l.event === 'http.refused' && l.status === 415).length, 1);
        // The valid bearer token did not run the digest: the door is shut before any route.
        assert.equal(lines.filter((l) => String(l.event).startsWith('digest.')).length, 0);
      });
    }

    it('refuses an upload that asks first (Expect: 100-continue) before its body is sent at all', async () => {
      const from = bot.logLines.length;
      const refused = await askFirst(
        bot.messagesUrl,
        { 'content-type': 'multipart/form-data; boundary=x' },
        Buffer.alloc(100 * 1024, 0x41),
      );
      assert.deepEqual(refused, { status: 415, continued: false });
      assert.equal(linesSince(bot, from).filter((l) => l.event === 'http.refused').length, 1);
      // A JSON request that asks first is let in, and served.
      const json = Buffer.from(
        JSON.stringify(invokeActivity(LEAD, 'case.refresh', { caseId: 'none' }, bot.connector.url)),
      );
      assert.deepEqual(await askFirst(bot.messagesUrl, { 'content-type': 'application/json' }, json), {
        status: 200,
        continued: true,
      });
      assert.deepEqual(readdirSync(tmp), []);
    });

    it('answers every other body that is not JSON with 415, before the bot runs', async () => {
      const cases: [string, RequestInit][] = [
        ['a form', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=2' }],
        ['text', { headers: { 'content-type': 'text/plain' }, body: 'whoami' }],
        ['JSON+ld', { headers: { 'content-type': 'application/ld+json' }, body: '{}' }],
        ['no content type', { body: new Uint8Array(Buffer.from('{"type":"message"}')) }],
        [
          'gzip-encoded JSON',
          {
            headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
            body: gzipSync(JSON.stringify(messageActivity(LEAD, 'whoami', bot.connector.url))),
          },
        ],
      ];
      for (const [what, init] of cases) {
        const res = await fetch(bot.messagesUrl, { method: 'POST', ...init });
        assert.equal(res.status, 415, what);
        await res.arrayBuffer();
      }
      assert.equal(bot.connector.requests.length, 0, 'the bot sent nothing');
      assert.deepEqual(readdirSync(tmp), []);
    });

    it('answers a body declared larger than the limit with 413 without reading it', async () => {
      const res = await fetch(bot.messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `"${'x'.repeat(1024 * 1024 + 10)}"`,
      });
      assert.equal(res.status, 413);
      await res.arrayBuffer();
    });

    it('serves application/json with a charset, as Teams sends it', async () => {
      const res = await fetch(bot.messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(
          invokeActivity(
            LEAD,
            'staff.submit',
            { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' },
            bot.connector.url,
          ),
        ),
      });
      assert.equal(res.status, 200);
      assert.match(cardText(((await res.json()) as any).value), /Saved: Nora Nurse/);
    });

    it('still runs the digest trigger called with no body at all (curl -X POST)', async () => {
      const res = await fetch(`${bot.app.url}/api/digest/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as any).status, 'ran');
    });
  });

  describe('msteams activities only', () => {
    for (const channelId of ['webchat', 'emulator', 'directline', undefined]) {
      it(`answers an activity of channel ${channelId ?? '(none)'} with 403 and runs nothing`, async () => {
        const conversationsBefore = (await allDocs(bot.database, 'conversations')).length;
        const auditBefore = (await allDocs(bot.database, 'audit')).length;
        const from = bot.logLines.length;
        const sentBefore = bot.connector.requests.length;
        const activity: Record<string, unknown> = { ...messageActivity(LEAD, 'whoami', bot.connector.url), channelId };
        if (channelId === undefined) delete activity.channelId;
        const answer = await bot.post(activity);
        assert.equal(answer.status, 403);
        assert.equal(answer.body.code, 'Forbidden');
        assert.equal(bot.connector.requests.length, sentBefore, 'nothing sent');
        assert.equal((await allDocs(bot.database, 'conversations')).length, conversationsBefore, 'no reference kept');
        assert.equal((await allDocs(bot.database, 'audit')).length, auditBefore, 'no turn ran');
        const refused = linesSince(bot, from).filter((l) => l.event === 'activity.refused');
        assert.equal(refused.length, 1);
        assert.equal(refused[0].level, 40);
      });
    }

    it('serves the same activity from msteams', async () => {
      const [card] = await bot.say(LEAD, 'whoami');
      assert.match(cardText(card), /Service lead/);
    });
  });

  describe('a conversation without a type is not a personal chat', () => {
    it('refuses a card action that carries no conversation type, and writes nothing', async () => {
      const activity = invokeActivity(
        LEAD,
        'staff.submit',
        { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000077', name: 'Typeless Tina', role: 'ot' },
        bot.connector.url,
      ) as any;
      delete activity.conversation.conversationType;
      const answer = await bot.post(activity);
      assert.equal(answer.status, 200);
      assert.match(cardText(answer.body.value), /Patient records stay in your 1:1 chat/);
      const staff = await allDocs(bot.database, 'staff');
      assert.equal(
        staff.some((s) => s.name === 'Typeless Tina'),
        false,
      );
    });

    it('answers a command that shows patient data with the personal-chat notice', async () => {
      const activity = messageActivity(LEAD, 'caseload', bot.connector.url) as any;
      delete activity.conversation.conversationType;
      const before = bot.connector.activities(conversationOf(LEAD)).length;
      assert.equal((await bot.post(activity)).status, 200);
      const cards = bot.connector
        .activities(conversationOf(LEAD))
        .slice(before)
        .flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
      assert.equal(cards.length, 1);
      assert.match(cardText(cards[0]), /Patient records stay in your 1:1 chat/);
    });
  });

  describe('what every answer says and does not say', () => {
    it('puts the security headers on every answer: 200, 401, 404, 405, 400 and the bot’s own', async () => {
      const answers: [string, Response][] = [
        ['healthz', await fetch(`${bot.app.url}/healthz`)],
        ['readyz', await fetch(`${bot.app.url}/readyz`)],
        ['404', await fetch(`${bot.app.url}/nowhere`)],
        ['405', await fetch(bot.messagesUrl)],
        ['files 404', await fetch(`${bot.app.url}/files/abc`)],
        ['digest 401', await fetch(`${bot.app.url}/api/digest/run`, { method: 'POST' })],
        [
          'bad JSON 400',
          await fetch(bot.messagesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }),
        ],
        [
          'invoke 200',
          await fetch(bot.messagesUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(invokeActivity(LEAD, 'case.refresh', { caseId: 'none' }, bot.connector.url)),
          }),
        ],
      ];
      for (const [what, res] of answers) {
        assertSecurityHeaders(res, what);
        await res.arrayBuffer();
      }
    });

    it('does not echo the path of an unknown route, nor the body of bad JSON', async () => {
      const marker = 'Quentin-Zebedee-9434765919';
      const notFound = await fetch(`${bot.app.url}/${marker}?q=${marker}`);
      assert.equal(notFound.status, 404);
      const text = await notFound.text();
      assert.doesNotMatch(text, /Quentin|9434765919/);
      assert.deepEqual(JSON.parse(text), { code: 'ResourceNotFound', message: 'not found' });

      const badJson = await fetch(bot.messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"patientName": "${marker}"`,
      });
      assert.equal(badJson.status, 400);
      assert.doesNotMatch(await badJson.text(), /Quentin|patientName/);
      assert.doesNotMatch(bot.logLines.join('\n'), /Quentin|9434765919/);
    });

    it('asks the store for /readyz at most once in a few seconds, however often it is called', async () => {
      const ping = sinon.spy(bot.app.store, 'ping');
      try {
        const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${bot.app.url}/readyz`)));
        for (const res of answers) assert.equal(res.status, 200);
        for (let i = 0; i < 5; i++) assert.equal((await fetch(`${bot.app.url}/readyz`)).status, 200);
        assert.ok(ping.callCount <= 1, `store read ${ping.callCount} times for 25 calls`);
      } finally {
        ping.restore();
      }
    });
  });
});

describe('restify logs through the app’s logger, without bodies or headers', () => {
  it('writes restify’s own warnings as the app’s JSON lines, with no header or body, even at LOG_LEVEL=trace', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    });
    const server = createHttpServer({
      messages: async () => {},
      ready: async () => true,
      log: createLogger('trace', sink),
      routes: [
        (s) =>
          // A plain-text answer to a caller who accepts none: restify's formatter error, which it
          // logs with the whole request.
          s.post('/probe', (_req, res, next) => {
            res.send(200, 'plain words');
            return next();
          }),
      ],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/probe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/x-nothing-known',
          authorization: 'Bearer secret-header-value',
          'x-patient': 'Quentin Zebedee',
        },
        body: JSON.stringify({ patientName: 'Quentin Zebedee', nhsNumber: '9434765919' }),
      });
      await res.arrayBuffer();
      const fromRestify = lines.map((l) => JSON.parse(l)).filter((l) => l.component === 'restify');
      assert.ok(fromRestify.length >= 1, `restify logged through the app's logger: ${lines.join('\n')}`);
      assert.ok(
        fromRestify.every((l) => l.app === 'cardiac-rtw-bot'),
        'the app’s logger',
      );
      assert.ok(
        fromRestify.every((l) => l.level >= 30),
        'nothing below info',
      );
      const all = lines.join('\n');
      for (const secret of [/secret-header-value/, /Quentin/, /9434765919/, /x-patient/i, /authorization/i])
        assert.doesNotMatch(all, secret);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
