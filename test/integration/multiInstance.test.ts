import { strict as assert } from 'node:assert';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { conversationOf, invokeActivity, messageActivity, type TestUser } from '../support/activities';
import { cardText } from '../support/cards';
import { freshNhsNumber, LEAD, NURSE, NURSE2, OT, OT2, validReferral } from '../support/people';
import { RecordingConnector } from '../support/recordingConnector';
import { sharedCosmos, uniqueDatabase } from '../support/sharedCosmos';
import { allDocs, storedDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

const CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';

/**
 * CONTRACT §8, "on any number of instances": two bot instances on one Cosmos-protocol store, no
 * session affinity. Requests go round-robin between them, all through one Teams connector, so each
 * line of §8 is shown with the state made on one instance and used on the other.
 */
describe('two instances behind a balancer with no affinity (CONTRACT §8)', () => {
  let a: TestBot;
  let b: TestBot;
  let connector: RecordingConnector;
  let turn = 0;
  /** The next instance, round-robin. */
  const next = () => (turn++ % 2 === 0 ? a : b);

  async function say(bot: TestBot, user: TestUser, text: string): Promise<{ cards: any[]; attachments: any[] }> {
    await Promise.all([a.settle(), b.settle()]);
    const before = connector.activities(conversationOf(user)).length;
    const answer = await bot.post(messageActivity(user, text, connector.url));
    assert.ok(answer.status < 300, `message answered ${answer.status}`);
    const attachments = connector
      .activities(conversationOf(user))
      .slice(before)
      .flatMap((x) => x.attachments ?? []);
    return { cards: attachments.map((x: any) => x.content), attachments };
  }

  async function invoke(bot: TestBot, user: TestUser, verb: string, data: Record<string, unknown>): Promise<any> {
    const answer = await bot.post(invokeActivity(user, verb, data, connector.url));
    assert.equal(answer.status, 200);
    return answer.body.value;
  }

  before(async () => {
    connector = await new RecordingConnector().start();
    const env = { BOOTSTRAP_LEADS: LEAD.aadObjectId };
    a = await TestBot.start({ env });
    b = await TestBot.start({ env, database: a.database });
    for (const [user, role] of [
      [NURSE, 'nurse'],
      [NURSE2, 'nurse'],
      [OT, 'ot'],
    ] as const)
      await invoke(next(), LEAD, 'staff.submit', { aadObjectId: user.aadObjectId, name: user.name, role });
    // Everyone has written once (their conversation reference), each to whichever instance was next.
    for (const user of [LEAD, NURSE, NURSE2, OT]) await say(next(), user, 'whoami');
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await connector?.stop();
  });

  it('serves a round-robin of one referral’s whole journey, each step on the other instance', async () => {
    const sent = await invoke(next(), NURSE, 'referral.submit', validReferral());
    const ref = /RTW-\d{4,}/.exec(cardText(sent))?.[0];
    assert.ok(ref, cardText(sent));
    const found = await say(next(), OT, `case ${ref}`);
    assert.match(cardText(found.cards[0]), new RegExp(ref));
    const caseId = (await allDocs(a.database, 'cases')).find((c) => c.ref === ref)?.id;
    assert.match(cardText(await invoke(next(), OT, 'referral.accept', { caseId })), /accepted|yours|Otto/i);
    const logged = await invoke(next(), OT, 'session.submit', {
      caseId,
      date: '2026-11-25',
      mode: 'telephone',
      durationMinutes: '30',
      notes: 'First call.',
      submissionId: 'multi-session-1',
    });
    assert.match(cardText(logged), /Session|saved|logged/i);
    const [record] = (await allDocs(a.database, 'cases')).filter((c) => c.ref === ref);
    assert.equal(record.status, 'active');
    assert.equal(record.sessions?.length, 1);
  });

  it('serves on B, once, a download link made on A', async () => {
    const { cards } = await say(a, LEAD, 'export');
    const link = cards.flatMap((c: any) => c.actions ?? []).find((x: any) => x.type === 'Action.OpenUrl')
      ?.url as string;
    assert.ok(link?.startsWith(`${a.app.url}/files/`), link);
    const onB = link.replace(a.app.url, b.app.url);
    const first = await fetch(onB);
    assert.equal(first.status, 200, 'the other instance serves it');
    assert.match(await first.text(), /pseudonym/);
    assert.equal((await fetch(link)).status, 404, 'and it is used up on every instance');
    assert.equal((await fetch(onB)).status, 404);
  });

  it('declines on B a file offer made on A, audited as a decline, not as an altered id', async () => {
    const { attachments } = await say(a, LEAD, 'export');
    const consent = attachments.find((x: any) => x.contentType === CONSENT_CARD);
    assert.ok(consent, 'a file consent card is offered');
    const before = connector.activities(conversationOf(LEAD)).length;
    const answer = await b.post({
      ...messageActivity(LEAD, '', connector.url),
      type: 'invoke',
      name: 'fileConsent/invoke',
      text: undefined,
      value: { type: 'fileUpload', action: 'decline', context: consent.content.declineContext },
    });
    assert.equal(answer.status, 200);
    const notice = connector
      .activities(conversationOf(LEAD))
      .slice(before)
      .flatMap((x) => (x.attachments ?? []).map((y: any) => cardText(y.content)))
      .join(' ');
    assert.match(notice, /deleted from the bot/);
    const consentId = consent.content.declineContext.consent.split('.')[0];
    const entries = (await allDocs(a.database, 'audit')).filter((e) => e.detail?.consent === consentId);
    assert.deepEqual(entries.map((e) => [e.action, e.outcome, e.detail?.reason ?? '']).sort(), [
      ['file.consent.decline', 'ok', ''],
      ['file.consent.offer', 'ok', ''],
    ]);
  });

  it('refuses on B, on the very next turn, a person the lead removed on A', async () => {
    await invoke(a, LEAD, 'staff.submit', { aadObjectId: OT2.aadObjectId, name: OT2.name, role: 'ot' });
    const known = await say(b, OT2, 'whoami');
    assert.match(cardText(known.cards[0]), /Occupational therapist/);
    // Removing asks to confirm, naming the person; the confirmation's button carries confirm: true.
    const removed = await invoke(a, LEAD, 'staff.remove', { aadObjectId: OT2.aadObjectId, confirm: true });
    assert.doesNotMatch(cardText(removed), /Not allowed|not found/i);
    const refused = await say(b, OT2, 'caseload');
    assert.match(cardText(refused.cards[0]), new RegExp(OT2.aadObjectId), 'the stranger card, naming their id');
    assert.doesNotMatch(cardText(refused.cards[0]), /RTW-/);
    const audit = await allDocs(a.database, 'audit');
    assert.ok(
      audit.some((e) => e.actor === OT2.aadObjectId && e.outcome === 'refused' && e.detail?.reason === 'not_staff'),
    );
  });

  it('makes one open case of two referrals of one NHS number at the same instant on A and B (3 tries)', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const nhsNumber = freshNhsNumber();
      const answers = await Promise.all([
        invoke(a, NURSE, 'referral.submit', validReferral({ nhsNumber, patientName: `Same Instant ${attempt}` })),
        invoke(b, NURSE2, 'referral.submit', validReferral({ nhsNumber, patientName: `Same Instant ${attempt}` })),
      ]);
      const texts = answers.map(cardText);
      assert.equal(texts.filter((t) => /Referral sent: RTW-\d{4}/.test(t)).length, 1, texts.join('\n---\n'));
      assert.equal(texts.filter((t) => /already has an open referral/.test(t)).length, 1);
      const open = (await allDocs(a.database, 'cases')).filter(
        (c) => c.patient.nhsNumber === nhsNumber.replace(/\s/g, '') && c.status === 'referred',
      );
      assert.equal(open.length, 1);
    }
  });

  it('runs one retention purge at a time across instances: each purged case is audited once', async () => {
    const sent = await invoke(next(), NURSE, 'referral.submit', validReferral({ patientName: 'Long Declined' }));
    const ref = /RTW-\d{4,}/.exec(cardText(sent))?.[0];
    const found = (await allDocs(a.database, 'cases')).find((c) => c.ref === ref);
    const stored = await a.app.store.cases.get(found.serviceId, found.id);
    assert.ok(stored);
    const { _etag, ...record } = stored;
    // Declined nine years ago (written straight to the store; the bots' clocks say 2026-11-25).
    await a.app.store.cases.replace(
      {
        ...record,
        status: 'declined',
        decline: { reason: 'x', by: { aadObjectId: OT.aadObjectId, name: OT.name }, on: '2017-11-01' },
      },
      _etag,
    );
    const runs = await Promise.all([a.app.retention.runOnce(), b.app.retention.runOnce()]);
    assert.ok(runs.includes('ran'), runs.join());
    assert.equal((await allDocs(a.database, 'cases')).filter((c) => c.ref === ref).length, 0, 'purged');
    const purges = (await allDocs(a.database, 'audit')).filter((e) => e.action === 'case.purge' && e.caseRef === ref);
    assert.equal(purges.length, 1, `audited once (${runs.join(', ')})`);
    assert.equal(purges[0].detail.declinedOn, '2017-11-01');
  });
});

/** Spawns the bot as `npm start` would run it (dist/test/support/childBot.js); resolves with its URL. */
async function spawnBot(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'support', 'childBot.js')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child bot exited (${code}) before it was ready`)));
    lines.on('line', (line) => {
      try {
        const ready = JSON.parse(line).ready;
        if (ready) resolve(ready);
      } catch {
        // a log line
      }
    });
  });
  return { child, url };
}

describe('a process killed after a referral’s answer, before its alert went out (CONTRACT §8)', () => {
  let connector: RecordingConnector;
  const children: ChildProcess[] = [];
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await connector?.stop();
  });

  it('delivers the owed alert once, after the restart', async function () {
    this.timeout(60_000);
    connector = await new RecordingConnector().start();
    const database = uniqueDatabase('sigkill');
    const env = {
      PORT: '0',
      PLAYGROUND: '0',
      LOG_LEVEL: 'warn',
      DEFAULT_SERVICE_ID: 'mid-yorkshire',
      COSMOS_ENDPOINT: (await sharedCosmos()).endpoint,
      COSMOS_DATABASE: database,
      BOOTSTRAP_LEADS: LEAD.aadObjectId,
      TEST_OUTBOX_EVERY_MS: '200',
      TEST_OUTBOX_LEASE_MS: '1500',
    };
    const post = async (url: string, activity: unknown) => {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };

    const first = await spawnBot(env);
    children.push(first.child);
    await post(
      first.url,
      invokeActivity(
        LEAD,
        'staff.submit',
        { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' },
        connector.url,
      ),
    );
    await post(
      first.url,
      invokeActivity(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' }, connector.url),
    );
    for (const user of [LEAD, OT]) {
      const before = connector.activities(conversationOf(user)).length;
      await post(first.url, messageActivity(user, 'whoami', connector.url));
      await connector.waitFor(() => connector.activities(conversationOf(user)).length > before);
    }

    // Teams takes nothing from now on: the alert's send hangs, and the process is killed mid-way.
    connector.holding = true;
    const answer = await post(first.url, invokeActivity(NURSE, 'referral.submit', validReferral(), connector.url));
    assert.equal(answer.status, 200);
    const ref = /RTW-\d{4,}/.exec(cardText(answer.body.value))?.[0];
    assert.ok(ref, 'the nurse was answered');
    await connector.waitFor(() => connector.held.length > 0, 10_000); // the alert is on its way out…
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL'); // …and the process dies before Teams took it
    await exited;
    const owed = (await storedDocs(database, 'cases')).filter((d) => d.kind === 'outbox.referral-alert');
    assert.equal(owed.length, 1, 'the alert is still owed in the store');
    connector.release();

    const second = await spawnBot(env);
    children.push(second.child);
    const alertsFor = (user: TestUser) =>
      connector.cards(conversationOf(user)).filter((c) => cardText(c).includes(ref) && /refer/i.test(cardText(c)));
    await connector.waitFor(() => alertsFor(LEAD).length > 0 && alertsFor(OT).length > 0, 20_000);
    // Done when nothing is owed any more (no event for "nothing more will be sent": a polled store condition).
    const deadline = Date.now() + 10_000;
    while ((await storedDocs(database, 'cases')).some((d) => d.kind === 'outbox.referral-alert')) {
      assert.ok(Date.now() < deadline, 'the owed alert was never marked done');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(alertsFor(LEAD).length, 1, 'the lead got it once');
    assert.equal(alertsFor(OT).length, 1, 'the OT got it once');
    assert.equal(alertsFor(NURSE).length, 0);
    second.child.kill('SIGTERM');
  });
});
