import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../src/domain/case';
import { FixedClock } from '../../src/domain/clock';
import { conversationOf, userId, type TestUser } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, OT } from '../support/people';
import { allDocs } from '../support/storeInspect';
import { activeCaseRecord } from '../support/seedCases';
import { TestBot } from '../support/testBot';

const SERVICE = 'mid-yorkshire';
const LEAD2: TestUser = { aadObjectId: userId(63), name: 'Lyn Otherlead' };

function expiringCase(i: number): CaseRecord {
  return activeCaseRecord(SERVICE, `audit-digest-case-${i}`, `RTW-${String(7000 + i)}`, {
    patient: {
      name: `Digest Patient${i}`,
      nameKey: `digest patient${i}`,
      nhsNumber: '9434765919',
      dateOfBirth: '1968-04-12',
    },
    fitNotes: [
      {
        id: `fn-a-${i}`,
        status: 'not_fit',
        advice: [],
        startDate: '2026-11-01',
        endDate: `2026-11-2${5 + (i % 3)}`,
        recordedAt: '2026-11-01T09:00:00Z',
        recordedBy: OT.aadObjectId,
      },
    ],
    sessions: [
      {
        id: `s-a-${i}`,
        date: '2026-11-20',
        mode: 'telephone',
        durationMinutes: 30,
        topics: [],
        notes: 'x',
        recordedAt: '2026-11-20T09:00:00Z',
        recordedBy: { aadObjectId: OT.aadObjectId, name: OT.name },
      },
    ],
    createdAt: `2026-11-02T09:00:0${i}Z`,
  });
}

/**
 * The digest's read audit, after it was made faster (docs/PERFORMANCE.md): the rows' entries are
 * written side by side and one rendered card serves the leads of a service who see the same thing.
 * Still exactly one entry per case shown per lead, plus one for the digest itself.
 */
describe('digest read audit (entries side by side, one card per service)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await TestBot.start({
      clock: new FixedClock(new Date('2026-11-23T09:00:00Z')),
      env: { BOOTSTRAP_LEADS: LEAD.aadObjectId },
    });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: LEAD2.aadObjectId, name: LEAD2.name, role: 'lead' });
    await bot.say(LEAD, 'hi');
    await bot.say(LEAD2, 'hi');
    for (let i = 0; i < 5; i++) await bot.app.store.cases.create(expiringCase(i));
  });
  after(() => bot.stop());

  it('sends each lead one digest, the same card, and audits each shown case once per lead', async () => {
    const result = await bot.app.digest.runNow('manual');
    assert.equal(result.status, 'ran');
    const digests = (u: TestUser) =>
      bot.connector.cards(conversationOf(u)).filter((c) => /^Daily digest/.test(cardText(c)));
    assert.equal(digests(LEAD).length, 1);
    assert.equal(digests(LEAD2).length, 1);
    assert.deepEqual(
      digests(LEAD)[0],
      digests(LEAD2)[0],
      'leads of one service who see the same rows get the same card',
    );
    for (let i = 0; i < 5; i++) assert.match(cardText(digests(LEAD)[0]), new RegExp(`RTW-${7000 + i}`));

    const sends = (await allDocs(bot.database, 'audit')).filter((e) => e.action === 'digest.send');
    for (const lead of [LEAD, LEAD2]) {
      const mine = sends.filter((e) => e.actor === lead.aadObjectId);
      const perCase = mine
        .filter((e) => e.caseId)
        .map((e) => e.caseId)
        .sort();
      assert.deepEqual(
        perCase,
        [0, 1, 2, 3, 4].map((i) => `audit-digest-case-${i}`),
        `one entry per case shown to ${lead.name}`,
      );
      const summary = mine.filter((e) => !e.caseId);
      assert.equal(summary.length, 1);
      assert.equal(summary[0].detail.rows, 5);
    }
  });
});
