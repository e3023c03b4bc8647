import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { userId, type TestUser } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, NURSE, OT, OTHER_LEAD, validReferral } from '../support/people';
import { OTHER_SERVICE, referAndAcceptPatient, SERVICE, startCaseworkBot } from '../support/casework';
import { snapshot } from '../support/storeInspect';
import type { TestBot } from '../support/testBot';

/**
 * Every turn reads the staff directory (CONTRACT §8). A button's first reads go out beside that read,
 * in the service the person was last seen in, instead of after it (store/readAhead.ts): one round trip
 * fewer with the store a hop away. The guess never decides anything: these tests show the order of the
 * requests, and that a wrong guess is answered as if there had been none.
 */
describe('reads started beside the staff read (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  let events: string[];

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  beforeEach(() => {
    events = [];
    const store = bot.app.deps.store;
    const staffRead = store.staff.findByAadObjectId.bind(store.staff);
    sinon.replace(store.staff, 'findByAadObjectId', async (aad: string) => {
      events.push('staff:start');
      try {
        return await staffRead(aad);
      } finally {
        events.push('staff:end');
      }
    });
    for (const read of ['get', 'openCaseClaim', 'peekRef'] as const) {
      const original = (store.cases[read] as (...a: string[]) => Promise<unknown>).bind(store.cases);
      sinon.replace(store.cases, read, (async (...args: string[]) => {
        events.push(`${read}:${args.join(':')}`);
        return original(...args);
      }) as never);
    }
  });
  afterEach(() => sinon.restore());

  /** Forgets the events so far, once background work of earlier turns (alerts) is done. */
  async function startWatching() {
    await bot.settle();
    events.length = 0;
  }

  /** A telephone call logged today, as the session card sends it. */
  const session = (caseId: string, submissionId: string) => ({
    caseId,
    submissionId,
    date: '2026-11-25',
    mode: 'telephone',
    durationMinutes: '30',
    notes: 'Call.',
  });

  /** The index of the first event starting with `prefix`. */
  const at = (prefix: string) => {
    const i = events.findIndex((e) => e.startsWith(prefix));
    assert.ok(i >= 0, `${prefix} in ${events.join(', ')}`);
    return i;
  };

  it("reads a button's case before the staff read is answered, once the person has been seen", async () => {
    const { caseId } = await referAndAcceptPatient(bot);
    await startWatching();
    assert.match(cardText(await bot.invoke(OT, 'session.submit', session(caseId, 'ahead-session-1'))), /Session saved/);
    assert.ok(at(`get:${SERVICE}:${caseId}`) < at('staff:end'));
    assert.equal(events.filter((e) => e.startsWith('get:')).length, 1, 'one case read: the one started ahead');
  });

  it('reads nothing ahead for a person this instance has not admitted yet, and learns their service', async () => {
    const OT4: TestUser = { aadObjectId: userId(7), name: 'Orla Therapist' };
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT4.aadObjectId, name: OT4.name, role: 'ot' });
    const { caseId } = await referAndAcceptPatient(bot);
    await startWatching();
    await bot.invoke(OT4, 'case.refresh', { caseId });
    assert.ok(at(`get:${SERVICE}:${caseId}`) > at('staff:end'), 'first turn: the case read waits for the staff read');
    await startWatching();
    await bot.invoke(OT4, 'case.refresh', { caseId });
    assert.ok(at(`get:${SERVICE}:${caseId}`) < at('staff:end'), 'second turn: it goes out beside it');
  });

  it("reads a referral's retry check, claim and next reference beside the staff read, and numbers on", async () => {
    const first = await bot.invoke(NURSE, 'referral.submit', validReferral());
    const ref = Number(/RTW-(\d+)/.exec(cardText(first))?.[1]);
    await startWatching();
    const second = await bot.invoke(NURSE, 'referral.submit', validReferral());
    assert.match(cardText(second), new RegExp(`RTW-${String(ref + 1).padStart(4, '0')}`));
    const staffAnswered = at('staff:end');
    for (const read of [`get:${SERVICE}:sub-`, `openCaseClaim:${SERVICE}:`, `peekRef:${SERVICE}`])
      assert.ok(at(read) < staffAnswered, `${read} before the staff read is answered`);
  });

  it('answers a person moved to another service from their new service: the guess of the old one is never used', async () => {
    const MOVER: TestUser = { aadObjectId: userId(8), name: 'Mo Mover' };
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: MOVER.aadObjectId, name: MOVER.name, role: 'ot' });
    const { caseId } = await referAndAcceptPatient(bot);
    assert.match(cardText(await bot.invoke(MOVER, 'case.refresh', { caseId })), /RTW-/, 'seen in the first service');
    await bot.invoke(LEAD, 'staff.remove', { aadObjectId: MOVER.aadObjectId, confirm: true });
    await bot.invoke(OTHER_LEAD, 'staff.submit', { aadObjectId: MOVER.aadObjectId, name: MOVER.name, role: 'ot' });

    const before = await snapshot(bot.database);
    await startWatching();
    const answer = await bot.invoke(MOVER, 'session.submit', session(caseId, 'mover-session-1'));
    // The guess went out (the old service's partition) and was not used: the case was looked up again
    // in the service the staff read gave, where it does not exist.
    assert.ok(at(`get:${SERVICE}:${caseId}`) < at('staff:end'));
    assert.ok(at(`get:${OTHER_SERVICE}:${caseId}`) > at('staff:end'));
    assert.match(cardText(answer), /not found in your service/);
    assert.doesNotMatch(cardText(answer), /Alan Testpatient|999 \d{3}|RTW-/);
    assert.equal(await snapshot(bot.database), before, 'nothing written');
  });
});
