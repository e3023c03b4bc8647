import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../src/domain/case';
import sinon from 'sinon';
import { FixedClock } from '../../src/domain/clock';
import type { FitNote } from '../../src/domain/fitNote';
import { DigestScheduler, type DigestRunResult } from '../../src/scheduler/digestScheduler';
import { conversationOf, userId, type TestUser } from '../support/activities';
import { cardText, executeActions } from '../support/cards';
import { LEAD, OT } from '../support/people';
import { activeCaseRecord } from '../support/seedCases';
import { TestBot } from '../support/testBot';

const SERVICE = 'mid-yorkshire';
const BIG_SERVICE = 'big-service';
const TOKEN = 'digest-trigger-token-0123456789';
const LEAD2: TestUser = { aadObjectId: userId(61), name: 'Leo Secondlead' };
const LEAD3: TestUser = { aadObjectId: userId(62), name: 'Lou Neverseen' };
const BIG_LEAD: TestUser = { aadObjectId: userId(71), name: 'Bea Biglead' };

let n = 0;
function note(startDate: string, endDate: string): FitNote {
  return {
    id: `fn-${++n}`,
    status: 'not_fit',
    advice: [],
    startDate,
    endDate,
    recordedAt: `${startDate}T09:00:00Z`,
    recordedBy: OT.aadObjectId,
  };
}

function aCase(serviceId: string, overrides: Partial<CaseRecord> = {}): CaseRecord {
  n += 1;
  return activeCaseRecord(serviceId, `digest-case-${n}`, `RTW-${String(n).padStart(4, '0')}`, {
    patient: {
      name: `Patient Number${n}`,
      nameKey: `patient number${n}`,
      nhsNumber: '9434765919',
      dateOfBirth: '1968-04-12',
    },
    ...overrides,
  });
}

/**
 * The next start-up check (the catch-up) any digest scheduler makes: `result` settles when that check
 * is over. Watches `DigestScheduler.prototype.tick` until `restore()`.
 */
function nextStartupCheck(): { result: Promise<DigestRunResult>; restore: () => void } {
  const tick = DigestScheduler.prototype.tick;
  let checked!: (run: Promise<DigestRunResult>) => void;
  const seen = new Promise<Promise<DigestRunResult>>((resolve) => (checked = resolve));
  const stub = sinon.stub(DigestScheduler.prototype, 'tick').callsFake(function (this: DigestScheduler, trigger) {
    const run = tick.call(this, trigger);
    if (trigger === 'startup') checked(run);
    return run;
  });
  return { result: seen.then((run) => run), restore: () => stub.restore() };
}

/** Digest cards (scheduled ones, not previews) the connector received in `user`'s chat. */
const digestsTo = (bot: TestBot, user: TestUser) =>
  bot.connector.cards(conversationOf(user)).filter((c) => /^Daily digest/.test(cardText(c)));

/**
 * The daily digest end to end: real HTTP, embedded Cosmos, a recording connector on loopback and an
 * injected clock. Each test uses a day of its own, so that the per-lead-per-day records of one test
 * never decide another's.
 */
describe('daily digest (scheduler, delivery, HTTP trigger)', () => {
  let bot: TestBot;
  const sleeps: number[] = [];
  let expiring: CaseRecord;
  let ended: CaseRecord;
  let discharged: CaseRecord;

  const start = (opts: Parameters<typeof TestBot.start>[0] = {}) =>
    TestBot.start({
      ...opts,
      env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, DIGEST_TRIGGER_TOKEN: TOKEN, ...opts.env },
      appOptions: { notifierRetry: { sleep: async (ms) => void sleeps.push(ms) }, ...opts.appOptions },
    });

  before(async () => {
    bot = await start({ clock: new FixedClock(new Date('2026-11-23T07:00:00Z')) });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: LEAD2.aadObjectId, name: LEAD2.name, role: 'lead' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: LEAD3.aadObjectId, name: LEAD3.name, role: 'lead' });
    // LEAD and LEAD2 have talked to the bot (their references are kept); LEAD3 never has.
    await bot.say(LEAD, 'hi');
    await bot.say(LEAD2, 'hi');
    await bot.say(OT, 'hi');
    const cases = bot.app.store.cases;
    expiring = await cases.create(aCase(SERVICE, { fitNotes: [note('2026-11-01', '2026-11-27')] }));
    ended = await cases.create(aCase(SERVICE, { fitNotes: [note('2026-10-01', '2026-11-20')] }));
    discharged = await cases.create(
      aCase(SERVICE, {
        status: 'discharged',
        fitNotes: [note('2026-11-01', '2026-11-26')],
        discharge: {
          outcome: 'returned_full',
          date: '2026-11-10',
          by: { aadObjectId: OT.aadObjectId, name: OT.name },
          recordedAt: '2026-11-10T10:00:00Z',
        },
      }),
    );
    bot.connector.clear();
  });
  after(() => bot.stop());

  it('at 08:00 London on a working day sends each reachable lead one digest, and a second trigger sends nothing', async () => {
    bot.clock.set('2026-11-23T07:59:00Z'); // Monday, 07:59 GMT
    assert.equal((await bot.app.digest.tick()).status, 'not_due');
    bot.clock.set('2026-11-23T08:00:00Z');
    const first = await bot.app.digest.tick();
    assert.equal(first.status, 'ran');
    assert.deepEqual(
      [
        first.status === 'ran' && first.sent,
        first.status === 'ran' && first.skipped,
        first.status === 'ran' && first.failed,
      ],
      [2, 1, 0],
    );

    const [card] = digestsTo(bot, LEAD);
    assert.equal(digestsTo(bot, LEAD).length, 1);
    assert.equal(digestsTo(bot, LEAD2).length, 1);
    const text = cardText(card);
    assert.match(text, new RegExp(`${expiring.ref} · Patient`));
    assert.match(text, /Ends 27 Nov 2026: 4 days left · OT: Otto Therapist · No plan yet/);
    assert.match(text, new RegExp(`${ended.ref}[^\\n]*\\n[^\\n]*Ended 20 Nov 2026`));
    assert.doesNotMatch(text, new RegExp(discharged.ref), 'a discharged case is never listed');
    // The service by name (its id made readable: SERVICE_NAMES names none here), never the raw id.
    assert.match(text, /^Mid Yorkshire$/m);
    assert.doesNotMatch(text, /mid-yorkshire/);
    assert.match(text, /Open cases: 2/);
    assert.match(text, /Returned to work this year: 1/);
    // Each row opens the case (a nav.open button: imBack was never sent by Agents Playground).
    assert.ok(
      JSON.stringify(card).includes(
        `"verb":"nav.open","associatedInputs":"none","data":{"command":"case ${expiring.ref}"}`,
      ),
    );
    // The lead who cannot be reached is named to the others, and logged.
    assert.match(text, /cannot reach Lou Neverseen/);
    assert.ok(bot.logLines.some((l) => l.includes('"event":"digest.no_reference"') && l.includes(LEAD3.aadObjectId)));

    bot.clock.set('2026-11-23T08:30:00Z');
    await bot.app.digest.tick();
    await bot.app.digest.runNow('manual');
    assert.equal(digestsTo(bot, LEAD).length, 1, 'still one digest today');
    assert.equal(digestsTo(bot, LEAD2).length, 1);
  });

  it('skips weekends and bank holidays, and sends nothing after the catch-up cut-off', async () => {
    bot.connector.clear();
    for (const at of [
      '2026-11-28T08:00:00Z' /* Saturday */,
      '2026-12-28T09:00:00Z' /* Boxing Day substitute */,
      '2026-12-25T08:00:00Z',
      '2026-11-24T12:00:00Z' /* cut-off */,
    ]) {
      bot.clock.set(at);
      assert.equal((await bot.app.digest.tick()).status, 'not_due', at);
    }
    assert.equal(digestsTo(bot, LEAD).length, 0);
    // The next working day after Christmas 2026 is Tuesday 29 December, 08:00 GMT.
    bot.clock.set('2026-12-24T09:00:00Z');
    assert.equal(bot.app.digest.nextDueAt().toISOString(), '2026-12-29T08:00:00.000Z');
  });

  it('goes at 08:00 local across the clock changes: 07:00Z after the March change, 08:00Z after October, once', async () => {
    bot.connector.clear();
    // Last Sunday of March 2026: a weekend, so not scheduled; its 08:00 is already BST (07:00Z).
    bot.clock.set('2026-03-29T07:00:00Z');
    assert.equal((await bot.app.digest.tick()).status, 'not_due');
    assert.equal(bot.app.digest.nextDueAt().toISOString(), '2026-03-30T07:00:00.000Z');
    bot.clock.set('2026-03-30T06:59:00Z');
    assert.equal((await bot.app.digest.tick()).status, 'not_due', '07:59 BST is too early');
    bot.clock.set('2026-03-30T07:00:00Z');
    assert.equal((await bot.app.digest.tick()).status, 'ran');
    bot.clock.set('2026-03-30T07:10:00Z');
    await bot.app.digest.tick();
    assert.equal(digestsTo(bot, LEAD).length, 1);

    // Last Sunday of October 2026: back to GMT; the Monday's 08:00 is 08:00Z, not 07:00Z.
    bot.clock.set('2026-10-25T12:00:00Z');
    assert.equal(bot.app.digest.nextDueAt().toISOString(), '2026-10-26T08:00:00.000Z');
    bot.clock.set('2026-10-26T07:00:00Z');
    assert.equal((await bot.app.digest.tick()).status, 'not_due', '07:00 GMT is too early');
    bot.clock.set('2026-10-26T08:00:00Z');
    assert.equal((await bot.app.digest.tick()).status, 'ran');
    await bot.app.digest.tick();
    assert.equal(digestsTo(bot, LEAD).length, 2, 'one on each Monday');
    assert.equal(digestsTo(bot, LEAD2).length, 2);
  });

  it('two instances on one store racing at 08:00 send one digest per lead', async () => {
    bot.connector.clear();
    const clock2 = new FixedClock(new Date('2026-11-24T08:00:00Z'));
    bot.clock.set('2026-11-24T08:00:00Z');
    const second = await start({ database: bot.database, clock: clock2 });
    try {
      const [a, b] = await Promise.all([bot.app.digest.tick(), second.app.digest.tick()]);
      assert.ok([a.status, b.status].includes('ran'), `${a.status} ${b.status}`);
      const sent = (r: typeof a) => (r.status === 'ran' ? r.sent : 0);
      assert.equal(sent(a) + sent(b), 2, 'between them, one digest for each of the two reachable leads');
      await Promise.all([bot.app.digest.runNow('manual'), second.app.digest.runNow('manual')]);
      assert.equal(digestsTo(bot, LEAD).length, 1);
      assert.equal(digestsTo(bot, LEAD2).length, 1);
      assert.equal(
        digestsTo(second, LEAD).length,
        0,
        'references point at the first connector; nothing went elsewhere',
      );
    } finally {
      await second.stop();
    }
  });

  it('the lease and the delivery records hold under concurrency: one winner each, a held lease waits for expiry', async () => {
    const jobs = bot.app.store.jobs;
    const now = new Date('2030-01-01T08:00:00Z');
    const wins = await Promise.all(
      Array.from({ length: 6 }, (_, i) => jobs.acquireLease('race-test', `holder-${i}`, now, 60_000)),
    );
    assert.equal(wins.filter(Boolean).length, 1);
    const winner = `holder-${wins.indexOf(true)}`;
    assert.equal(
      await jobs.acquireLease('race-test', 'late-comer', new Date('2030-01-01T08:00:59Z'), 60_000),
      false,
      'still held',
    );
    assert.equal(
      await jobs.acquireLease('race-test', winner, new Date('2030-01-01T08:00:30Z'), 60_000),
      true,
      'the holder renews',
    );
    assert.equal(
      await jobs.acquireLease('race-test', 'late-comer', new Date('2030-01-01T08:01:31Z'), 60_000),
      true,
      'expired: taken over',
    );
    const record = {
      id: 'digest:2030-01-01:x',
      serviceId: SERVICE,
      kind: 'digest.delivery' as const,
      date: '2030-01-01',
      aadObjectId: 'x',
      state: 'sending' as const,
      holder: 'h',
      at: now.toISOString(),
    };
    const claims = await Promise.all(Array.from({ length: 6 }, () => jobs.claimDelivery(record)));
    assert.equal(claims.filter(Boolean).length, 1);
  });

  it('a crash between leads: on restart the rest are sent and the sent ones are not sent again', async () => {
    bot.connector.clear();
    const day = '2026-11-26T08:05:00Z';
    bot.clock.set(day);
    const crashing = await start({
      database: bot.database,
      clock: new FixedClock(new Date(day)),
      appOptions: {
        digest: {
          beforeLead: (lead) => {
            if (lead.aadObjectId === LEAD2.aadObjectId) throw new Error('simulated crash');
          },
        },
      },
    });
    try {
      await assert.rejects(crashing.app.digest.tick(), /simulated crash/);
    } finally {
      await crashing.stop();
    }
    assert.equal(digestsTo(bot, LEAD).length, 1);
    assert.equal(digestsTo(bot, LEAD2).length, 0);
    // The restarted bot (here: the first instance) catches up.
    const after = await bot.app.digest.tick('startup');
    assert.equal(after.status, 'ran');
    assert.equal(after.status === 'ran' && after.sent, 1);
    assert.equal(digestsTo(bot, LEAD).length, 1, 'not sent twice');
    assert.equal(digestsTo(bot, LEAD2).length, 1);
  });

  it('a bot that was down at 08:00 sends on start-up the same morning, but not after the cut-off', async () => {
    bot.connector.clear();
    // Started at 09:30 with the timer on: its first check is the catch-up.
    const late = await start({
      database: bot.database,
      clock: new FixedClock(new Date('2026-12-03T09:30:00Z')),
      appOptions: { digest: { timer: true } },
    });
    try {
      await bot.connector.waitFor(() => digestsTo(bot, LEAD).length === 1 && digestsTo(bot, LEAD2).length === 1);
    } finally {
      await late.stop();
    }
    // With a 09:00 cut-off, a start at 09:30 the next day sends nothing.
    const startup = nextStartupCheck();
    try {
      const tooLate = await start({
        database: bot.database,
        clock: new FixedClock(new Date('2026-12-04T09:30:00Z')),
        appOptions: { digest: { timer: true, catchUpUntil: '09:00' } },
      });
      try {
        assert.equal((await startup.result).status, 'not_due', 'the start-up check is over and found nothing due');
        assert.equal(await tooLate.app.store.jobs.getDelivery(SERVICE, `digest:2026-12-04:${LEAD.aadObjectId}`), null);
        assert.equal((await tooLate.app.digest.tick()).status, 'not_due');
      } finally {
        await tooLate.stop();
      }
    } finally {
      startup.restore();
    }
    assert.equal(digestsTo(bot, LEAD).length, 1);
  });

  it('429 with Retry-After is waited out as asked, then a 500 is retried with backoff: one message', async () => {
    bot.connector.clear();
    sleeps.length = 0;
    bot.clock.set('2026-11-27T08:00:00Z');
    bot.connector.failNext({ status: 429, headers: { 'Retry-After': '2' } });
    bot.connector.failNext({ status: 500 });
    const result = await bot.app.digest.tick();
    assert.equal(result.status === 'ran' && result.sent, 2);
    assert.equal(result.status === 'ran' && result.failed, 0);
    assert.equal(digestsTo(bot, LEAD).length, 1);
    assert.equal(digestsTo(bot, LEAD2).length, 1);
    assert.equal(sleeps[0], 2000, 'Retry-After: 2 means two seconds');
    // Both failures hit the first lead in turn: 429 (wait 2 s), then 500 (backoff 1-2 s), then success.
    assert.equal(sleeps.length, 2, 'our two retries only: the SDK did not retry on top of them');
    assert.ok(sleeps[1] >= 1000 && sleeps[1] <= 2000, `backoff ${sleeps[1]}`);
  });

  it('a lead still failing after the retries does not stop the others, and a later run today sends theirs once', async () => {
    bot.connector.clear();
    sleeps.length = 0;
    bot.clock.set('2026-12-07T08:00:00Z');
    bot.connector.failNext({ status: 503 }, 4); // every attempt for the first lead
    const first = await bot.app.digest.tick();
    assert.deepEqual(first.status === 'ran' && [first.sent, first.failed], [1, 1]);
    assert.equal(sleeps.length, 3, 'four attempts in all');
    assert.equal(digestsTo(bot, LEAD).length, 0);
    assert.equal(digestsTo(bot, LEAD2).length, 1);
    bot.clock.set('2026-12-07T08:05:00Z');
    const retry = await bot.app.digest.tick();
    assert.deepEqual(retry.status === 'ran' && [retry.sent, retry.failed], [1, 0]);
    assert.equal(digestsTo(bot, LEAD).length, 1);
    assert.equal(digestsTo(bot, LEAD2).length, 1, 'not sent twice');
  });

  it('403 drops that lead’s reference and the others are still served, told who cannot be reached', async () => {
    bot.connector.clear();
    bot.clock.set('2026-11-30T08:00:00Z');
    bot.connector.failNext({ status: 403 });
    const result = await bot.app.digest.tick();
    assert.equal(result.status === 'ran' && result.sent, 1);
    assert.equal(
      await bot.app.store.conversations.get(LEAD.aadObjectId),
      null,
      'the first lead removed the bot: reference dropped',
    );
    assert.equal(digestsTo(bot, LEAD).length, 0);
    const [card] = digestsTo(bot, LEAD2);
    assert.match(cardText(card), /cannot reach Lena Lead, Lou Neverseen|cannot reach Lou Neverseen, Lena Lead/);
    assert.ok(bot.logLines.some((l) => l.includes('"event":"proactive.gone"')));
    await bot.say(LEAD, 'hi'); // back again, for the tests below
  });

  it('`digest` shows a lead today’s digest now without marking it sent; others are refused', async () => {
    bot.connector.clear();
    bot.clock.set('2026-12-01T07:30:00Z');
    const [preview] = await bot.say(LEAD, 'digest');
    assert.match(cardText(preview), /Today's digest \(preview\)/);
    assert.match(cardText(preview), /^Mid Yorkshire · not marked as sent$/m);
    assert.match(cardText(preview), new RegExp(expiring.ref));
    const [refused] = await bot.say(OT, 'digest');
    assert.match(cardText(refused), /Not allowed/);
    bot.clock.set('2026-12-01T08:00:00Z');
    const run = await bot.app.digest.tick();
    assert.equal(run.status === 'ran' && run.sent, 2, 'the preview did not count as sent');
    assert.equal(digestsTo(bot, LEAD).length, 1);
  });

  describe('POST /api/digest/run', () => {
    const post = (url: string, auth?: string) =>
      fetch(`${url}/api/digest/run`, { method: 'POST', headers: auth ? { authorization: auth } : {} }).then(
        async (r) => ({ status: r.status, body: await r.json().catch(() => undefined) }),
      );

    it('401 without or with a wrong token; 2xx with counts, once per lead per day, whatever the day', async () => {
      bot.connector.clear();
      bot.clock.set('2026-12-05T15:00:00Z'); // a Saturday afternoon: the caller chose to run it
      assert.equal((await post(bot.app.url)).status, 401);
      assert.equal((await post(bot.app.url, 'Bearer wrong-token-wrong-token-1234')).status, 401);
      const first = await post(bot.app.url, `Bearer ${TOKEN}`);
      assert.equal(first.status, 200);
      assert.deepEqual([first.body.sent, first.body.skipped, first.body.failed], [2, 1, 0]);
      const again = await post(bot.app.url, `Bearer ${TOKEN}`);
      assert.deepEqual([again.body.sent, again.body.skipped, again.body.failed], [0, 3, 0]);
      assert.equal(digestsTo(bot, LEAD).length, 1);
    });

    it('404 when no token is configured', async () => {
      const open = await TestBot.start({ appOptions: {} });
      try {
        assert.equal((await post(open.app.url, `Bearer ${TOKEN}`)).status, 404);
      } finally {
        await open.stop();
      }
    });
  });

  // Declared last so that the other tests' counts of leads do not include this service's lead.
  describe('big services', () => {
    it('a big service pages its digest under 28 KB with a Show more action that returns the next page', async () => {
      bot.connector.clear();
      const store = bot.app.store;
      await store.staff.save({
        aadObjectId: BIG_LEAD.aadObjectId,
        serviceId: BIG_SERVICE,
        name: BIG_LEAD.name,
        role: 'lead',
        addedBy: 'test',
        updatedAt: '2026-11-01T00:00:00Z',
      });
      await bot.say(BIG_LEAD, 'hi');
      const long = 'Bartholomew Alexander Montgomery-Fictitious-Smythe';
      for (let i = 0; i < 160; i++) {
        await store.cases.create(
          aCase(BIG_SERVICE, {
            patient: {
              name: `${long} ${i}`,
              nameKey: `${long} ${i}`.toLowerCase(),
              nhsNumber: '9434765919',
              dateOfBirth: '1968-04-12',
            },
            fitNotes: [note('2026-11-01', '2026-12-0' + ((i % 7) + 2))],
          }),
        );
      }
      bot.clock.set('2026-12-02T08:00:00Z');
      await bot.app.digest.tick();
      const [card] = digestsTo(bot, BIG_LEAD);
      assert.ok(card, 'the big lead got a digest');
      const bytes = Buffer.byteLength(JSON.stringify(card));
      assert.ok(bytes < 28 * 1024, `${bytes} bytes`);
      assert.match(cardText(card), /page 1 of \d/);
      const more = executeActions(card).find((a) => a.verb === 'digest.page');
      assert.ok(more, 'Show more');
      const page2 = await bot.invoke(BIG_LEAD, 'digest.page', more.data);
      assert.match(cardText(page2), /page 2 of \d/);
      assert.ok(Buffer.byteLength(JSON.stringify(page2)) < 28 * 1024);
      assert.doesNotMatch(cardText(page2), /Open cases:/, 'counts are on the first page only');
      const back = executeActions(page2).find((a) => a.title === 'Back to page 1');
      assert.equal(back?.data.page, 1);
      assert.match(cardText(await bot.invoke(BIG_LEAD, 'digest.page', back.data)), /Open cases: 160/);
      // Only a lead may page a digest.
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
      assert.match(cardText(await bot.invoke(OT, 'digest.page', more.data)), /Not allowed/);
    });
  });
});
