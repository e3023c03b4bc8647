import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { cardText } from '../support/cards';
import { LEAD, NURSE, OT, OTHER_LEAD, validReferral } from '../support/people';
import { allDocs, snapshot } from '../support/storeInspect';
import { TestBot } from '../support/testBot';
import { VERBS } from '../../src/teams/verbs';
import { COMMANDS } from '../../src/teams/commands';

/**
 * Hostile input at every verb and every command: wrong types, huge strings, unicode, injection-
 * looking text, missing ids, ids of other services. Never a 5xx, never a crash, and every rejected
 * input leaves the store exactly as it was.
 */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    "' OR 1=1 --",
    'SELECT * FROM c',
    '${$root.secret}',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '{"$gt":""}',
    '\u0000\u202e\ufeff',
    'RTW-0001',
    '9434765919',
    '2026-02-30',
    '2026-11-25',
    'true',
    'x'.repeat(100_000),
  ),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 3 }),
);

const FIELDS = [
  'caseId',
  'etag',
  'submissionId',
  'patientName',
  'nhsNumber',
  'dateOfBirth',
  'eventType',
  'eventDate',
  'employmentStatus',
  'contactPreference',
  'consent',
  'reason',
  'date',
  'mode',
  'durationMinutes',
  'notes',
  'status',
  'startDate',
  'endDate',
  'advice',
  'targetReturnDate',
  'contractedHours',
  'phase1Start',
  'phase1Hours',
  'phase1Days',
  'outcome',
  'aadObjectId',
  'name',
  'role',
  'page',
];

describe('hostile input (property-based, fast-check)', function () {
  this.timeout(180_000);
  let bot: TestBot;
  let realCaseId: string;
  let otherServiceCaseId: string;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, LOG_LEVEL: 'warn' } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.invoke(NURSE, 'referral.submit', validReferral());
    realCaseId = (await allDocs(bot.database, 'cases'))[0].id;
    await bot.invoke(OT, 'referral.accept', { caseId: realCaseId });
    await bot.app.store.staff.save({
      aadObjectId: OTHER_LEAD.aadObjectId,
      serviceId: 'leeds',
      name: OTHER_LEAD.name,
      role: 'lead',
      addedBy: 'test',
      updatedAt: '2026-11-25T00:00:00Z',
    });
    await bot.invoke(OTHER_LEAD, 'referral.submit', validReferral({ patientName: 'Leeds Patient' }));
    otherServiceCaseId = (await allDocs(bot.database, 'cases')).find((c) => c.serviceId === 'leeds').id;
    // A lead's first export makes the service's pseudonym key (a legitimate first-use write); make it
    // now, so that "writes nothing" below is about the hostile input, not about which command came first.
    await bot.say(LEAD, 'export');
  });
  after(() => bot.stop());

  const dataFor = () =>
    fc.tuple(
      fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 12 }),
      fc.constantFrom<'real' | 'other' | 'random' | 'missing'>('real', 'other', 'random', 'missing'),
    );

  for (const verb of VERBS.keys()) {
    it(`${verb}: every hostile submission gets a card and writes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(dataFor(), fc.constantFrom(OT, LEAD, NURSE), async ([data, which], who) => {
          if (which === 'real') data.caseId = realCaseId;
          if (which === 'other') data.caseId = otherServiceCaseId;
          if (which === 'missing') delete data.caseId;
          const before = await snapshot(bot.database);
          const answer = await bot.invokeRaw(who, verb, data);
          assert.equal(answer.status, 200);
          assert.equal(answer.body.type, 'application/vnd.microsoft.card.adaptive');
          assert.equal(answer.body.value.type, 'AdaptiveCard');
          assert.ok(cardText(answer.body.value).length > 0, 'the card says something');
          assert.ok(Buffer.byteLength(JSON.stringify(answer.body)) < 28_000, 'Teams refuses cards over ~28 KB');
          assert.equal(await snapshot(bot.database), before);
        }),
        { numRuns: 25 },
      );
    });
  }

  it('every command with random text answers with a card and writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMANDS.keys(), 'unknown'),
        hostileString,
        fc.constantFrom(OT, LEAD, NURSE),
        async (command, rest, who) => {
          const before = await snapshot(bot.database);
          const cards = await bot.say(who, `${command} ${rest}`.slice(0, 5000));
          assert.ok(cards.length >= 1);
          assert.equal(await snapshot(bot.database), before);
        },
      ),
      { numRuns: 120 },
    );
    assert.equal((await fetch(`${bot.app.url}/healthz`)).status, 200, 'the process is still up');
  });

  it('re-shows a form filled with huge values still under 28 KB', async () => {
    // 30 fields of 20,000 characters: as large as fits in the 1 MB body limit.
    const huge = 'x'.repeat(20_000);
    for (const verb of [
      'referral.submit',
      'session.submit',
      'fitnote.submit',
      'plan.submit',
      'case.discharge',
      'staff.submit',
    ]) {
      const data: Record<string, unknown> = Object.fromEntries(FIELDS.map((f) => [f, huge]));
      data.caseId = realCaseId;
      const answer = await bot.invokeRaw(LEAD, verb, data);
      assert.equal(answer.status, 200);
      assert.ok(
        Buffer.byteLength(JSON.stringify(answer.body)) < 28_000,
        `${verb}: ${Buffer.byteLength(JSON.stringify(answer.body))} bytes`,
      );
    }
  });
});
