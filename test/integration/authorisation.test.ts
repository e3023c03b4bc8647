import { strict as assert } from 'node:assert';
import { TENANT, type TestUser } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, NURSE, OT, OTHER_LEAD, STRANGER, validReferral } from '../support/people';
import { allDocs, snapshot } from '../support/storeInspect';
import { OTHER_SERVICE, referAndAcceptPatient, SERVICE, startCaseworkBot, storedCase } from '../support/casework';
import { TestBot } from '../support/testBot';
import { COMMANDS as COMMAND_TABLE } from '../../src/teams/commands';
import { VERBS } from '../../src/teams/verbs';

/**
 * The authorisation matrix (CONTRACT §1): every command and every verb against every kind of
 * person. Allowed ones work; the rest are refused with a clear card, write nothing, and are audited.
 */
const FOREIGN_OT: TestUser = { ...OT, tenantId: '99999999-9999-9999-9999-999999999999' };

type Who = 'nurse' | 'ot' | 'lead' | 'stranger' | 'otherTenant' | 'otherService';
const PEOPLE: Record<Who, TestUser> = {
  nurse: NURSE,
  ot: OT,
  lead: LEAD,
  stranger: STRANGER,
  otherTenant: FOREIGN_OT,
  otherService: OTHER_LEAD,
};

const REFUSAL: Record<string, RegExp> = {
  role: /Not allowed/,
  stranger: /not on the staff list/,
  tenant: /only serves the NHS organisations/,
  notFound: /Not found|No matching cases|no case RTW-0001/i,
};

function expectedRefusal(who: Who): RegExp | undefined {
  if (who === 'stranger') return REFUSAL.stranger;
  if (who === 'otherTenant') return REFUSAL.tenant;
  return undefined;
}

// Commands: who may use them. Staff of another service may use the command but never see this service's case.
const COMMANDS: [string, Who[]][] = [
  ['help', ['nurse', 'ot', 'lead', 'otherService']],
  ['whoami', ['nurse', 'ot', 'lead', 'otherService']],
  ['refer', ['nurse', 'ot', 'lead', 'otherService']],
  ['find RTW-0001', ['nurse', 'ot', 'lead']],
  ['case RTW-0001', ['nurse', 'ot', 'lead']],
  // A lead of another service sees their own (empty) caseload.
  ['caseload', ['ot', 'lead', 'otherService']],
  ['log RTW-0001', ['ot', 'lead']],
  ['fitnote RTW-0001', ['ot', 'lead']],
  ['plan RTW-0001', ['ot', 'lead']],
  ['report RTW-0001', ['ot', 'lead']],
  ['discharge RTW-0001', ['ot', 'lead']],
  // The case is open, so an OT or lead is told a follow-up comes after discharge; a nurse is refused.
  ['followup RTW-0001', ['ot', 'lead']],
  ['staff', ['lead', 'otherService']],
  ['audit RTW-0001', ['lead']],
  ['digest', ['lead', 'otherService']],
  // The OT's own list: staff of another service see their own (empty) one.
  ['today', ['ot', 'lead', 'otherService']],
  ['stats', ['lead', 'otherService']],
  ['export', ['lead', 'otherService']],
  ['fhir RTW-0001', ['ot', 'lead']],
];

describe('authorisation matrix', () => {
  let bot: TestBot;
  let caseId: string;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, ALLOWED_TENANT_IDS: TENANT } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.app.store.staff.save({
      aadObjectId: OTHER_LEAD.aadObjectId,
      serviceId: 'leeds',
      name: OTHER_LEAD.name,
      role: 'lead',
      addedBy: 'test',
      updatedAt: '2026-11-25T00:00:00Z',
    });
    await bot.invoke(NURSE, 'referral.submit', validReferral({ nhsNumber: '943 476 5919' }));
    caseId = (await allDocs(bot.database, 'cases'))[0].id;
    await bot.invoke(OT, 'referral.accept', { caseId });
  });
  after(() => bot.stop());

  it('covers every command and every data-changing verb the bot has', () => {
    const covered = new Set(COMMANDS.map(([c]) => c.split(' ')[0]));
    assert.deepEqual(
      [...COMMAND_TABLE.keys()].filter((c) => !covered.has(c)),
      [],
    );
    // digest.page, myday.page and plan.addPhase change nothing; referral.submit is open to all staff (strangers:
    // access.test.ts); nav.open runs a command of the table, each covered here (and nav.open itself: navigation.test.ts).
    const readOnly = new Set(['digest.page', 'myday.page', 'plan.addPhase', 'referral.submit', 'nav.open']);
    assert.deepEqual(
      [...VERBS.keys()].filter((v) => !readOnly.has(v) && !(v in VERB_DATA)),
      [],
    );
  });

  for (const [command, allowed] of COMMANDS) {
    for (const who of Object.keys(PEOPLE) as Who[]) {
      const permitted = allowed.includes(who);
      it(`${command} by ${who}: ${permitted ? 'works' : 'refused'}`, async () => {
        const before = await snapshot(bot.database);
        const cards = await bot.say(PEOPLE[who], command);
        assert.ok(cards.length >= 1, 'always an answer');
        const text = cards.map(cardText).join('\n');
        const refusal = expectedRefusal(who);
        if (permitted) {
          for (const r of Object.values(REFUSAL)) assert.doesNotMatch(text, r);
        } else if (refusal) {
          assert.match(text, refusal);
        } else if (who === 'otherService') {
          assert.match(text, REFUSAL.notFound, "another service's case is never found");
          assert.doesNotMatch(text, /Alan Testpatient|943 476 5919/);
        } else {
          assert.match(text, REFUSAL.role);
        }
        if (!permitted) assert.equal(await snapshot(bot.database), before, 'a refusal writes nothing');
      });
    }
  }

  // Verbs that change a case, with data that would be valid from an OT.
  const VERB_DATA: Record<string, () => Record<string, unknown>> = {
    'referral.accept': () => ({ caseId }),
    'referral.decline': () => ({ caseId, reason: 'Testing refusal' }),
    'session.submit': () => ({
      caseId,
      submissionId: 'authz-session-1',
      date: '2026-11-24',
      mode: 'telephone',
      durationMinutes: '30',
      notes: 'Refused note',
    }),
    'fitnote.submit': () => ({
      caseId,
      submissionId: 'authz-fitnote-1',
      status: 'may_be_fit',
      startDate: '2026-11-25',
      endDate: '2026-12-20',
    }),
    'plan.submit': () => ({
      caseId,
      etag: '',
      submissionId: 'authz-plan-1',
      targetReturnDate: '2027-01-11',
      contractedHours: '37.5',
      phase1Start: '2026-12-07',
      phase1Hours: '16',
      phase1Days: '4',
    }),
    'case.discharge': () => ({
      caseId,
      submissionId: 'authz-discharge-1',
      outcome: 'returned_full',
      date: '2026-11-25',
    }),
    'followup.submit': () => ({
      caseId,
      submissionId: 'authz-followup-1',
      due: '3m',
      date: '2026-11-25',
      workStatus: 'working_full',
    }),
    'report.pdf': () => ({ caseId }),
    'report.submit': () => ({
      caseId,
      submissionId: 'authz-report-1',
      assessedOn: '2026-11-20',
      assessedBy: 'telephone',
      fitness: 'not_stated',
      adviceFrom: '2026-11-25',
      adviceTo: '2026-12-25',
      review: 'no',
      profession: 'occupational_therapist',
      registrationNumber: 'OT12345',
      organisation: 'Mid Yorkshire NHS Trust',
      contactDetails: '01924 000000',
    }),
    'staff.submit': () => ({
      aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000088',
      name: 'Added By Whom',
      role: 'lead',
    }),
    'staff.remove': () => ({ aadObjectId: OT.aadObjectId }),
    // A read (Teams asks it by itself when a card is opened): the referring nurse sees the status.
    'case.refresh': () => ({ caseId, view: 'hub' }),
  };
  const VERB_ALLOWED: Record<string, Who[]> = {
    'case.refresh': ['nurse', 'ot', 'lead'],
    'staff.submit': ['lead'],
    'staff.remove': ['lead'],
  };

  for (const [verb, data] of Object.entries(VERB_DATA)) {
    const allowed = VERB_ALLOWED[verb] ?? ['ot', 'lead'];
    for (const who of (Object.keys(PEOPLE) as Who[]).filter((w) => !allowed.includes(w))) {
      it(`${verb} by ${who}: refused, nothing written, audited`, async () => {
        const before = await snapshot(bot.database);
        const auditBefore = (await allDocs(bot.database, 'audit')).length;
        const answer = await bot.invokeRaw(PEOPLE[who], verb, data());
        assert.equal(answer.status, 200);
        const text = cardText(answer.body.value);
        const refusal = expectedRefusal(who);
        if (refusal) assert.match(text, refusal);
        else if (who === 'otherService' && !verb.startsWith('staff.')) assert.match(text, REFUSAL.notFound);
        else if (who === 'otherService') assert.match(text, /another service|Nobody with that id|Saved/);
        else assert.match(text, REFUSAL.role);
        if (!(who === 'otherService' && verb === 'staff.submit')) {
          assert.equal(await snapshot(bot.database), before, 'nothing written');
        }
        const audit = await allDocs(bot.database, 'audit');
        assert.ok(audit.length > auditBefore, 'the attempt is audited');
      });
    }
  }
});

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const stored = (caseId: string) => storedCase(bot, caseId);
  const referAndAccept = (overrides?: Record<string, unknown>) => referAndAcceptPatient(bot, overrides);

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  describe('who may do what', () => {
    it('refuses a nurse every OT verb and command: nothing written, the refusal audited', async () => {
      const { caseId, ref } = await referAndAccept();
      const before = await stored(caseId);
      const attempts: [string, Record<string, unknown>][] = [
        ['referral.accept', { caseId }],
        ['referral.decline', { caseId, reason: 'no' }],
        [
          'session.submit',
          {
            caseId,
            submissionId: `n-${caseId}`,
            date: '2026-11-25',
            mode: 'telephone',
            durationMinutes: '10',
            notes: 'x',
          },
        ],
        [
          'fitnote.submit',
          { caseId, submissionId: `nf-${caseId}`, status: 'not_fit', startDate: '2026-11-25', endDate: '2026-12-25' },
        ],
        [
          'plan.submit',
          {
            caseId,
            etag: 'new',
            targetReturnDate: '2027-01-04',
            contractedHours: '30',
            phase1Start: '2026-11-30',
            phase1Hours: '10',
            phase1Days: '2',
          },
        ],
        ['plan.addPhase', { caseId, etag: 'new' }],
        ['case.discharge', { caseId, outcome: 'retired', date: '2026-11-25' }],
      ];
      for (const [verb, data] of attempts) {
        const card = await bot.invoke(NURSE, verb, data);
        assert.match(cardText(card), /Not allowed/, verb);
      }
      for (const command of ['log', 'fitnote', 'plan', 'report', 'discharge']) {
        const [card] = await bot.say(NURSE, `${command} ${ref}`);
        assert.match(cardText(card), /Not allowed/, command);
      }
      const [caseloadCard] = await bot.say(NURSE, 'caseload');
      assert.match(cardText(caseloadCard), /Not allowed/);
      const after = await stored(caseId);
      assert.equal(after?._etag, before?._etag, 'nothing written');
      const refusals = (await bot.app.store.audit.listForCase(SERVICE, caseId, 200)).filter(
        (a) => a.actor === NURSE.aadObjectId && a.outcome === 'refused',
      );
      assert.deepEqual(new Set(refusals.map((a) => a.action)), new Set(attempts.map(([v]) => v)));
    });

    it('never finds or changes a case of another service', async () => {
      const { caseId, ref } = await referAndAccept();
      const before = await stored(caseId);
      const [hub] = await bot.say(OTHER_LEAD, `case ${ref}`);
      assert.match(cardText(hub), /There is no case/);
      assert.ok(!cardText(hub).includes('Alan Testpatient'));
      for (const command of ['log', 'plan', 'report', 'discharge', 'fitnote']) {
        const [card] = await bot.say(OTHER_LEAD, `${command} ${ref}`);
        assert.match(cardText(card), /There is no case/, command);
      }
      const attempts: [string, Record<string, unknown>][] = [
        ['referral.accept', { caseId }],
        ['referral.decline', { caseId, reason: 'x' }],
        [
          'session.submit',
          {
            caseId,
            submissionId: `o-${caseId}`,
            date: '2026-11-25',
            mode: 'telephone',
            durationMinutes: '10',
            notes: 'x',
          },
        ],
        [
          'fitnote.submit',
          { caseId, submissionId: `of-${caseId}`, status: 'not_fit', startDate: '2026-11-25', endDate: '2026-12-25' },
        ],
        [
          'plan.submit',
          {
            caseId,
            etag: 'new',
            targetReturnDate: '2027-01-04',
            contractedHours: '30',
            phase1Start: '2026-11-30',
            phase1Hours: '10',
            phase1Days: '2',
          },
        ],
        ['plan.addPhase', { caseId }],
        ['case.discharge', { caseId, outcome: 'retired', date: '2026-11-25' }],
      ];
      for (const [verb, data] of attempts) {
        const card = await bot.invoke(OTHER_LEAD, verb, data);
        assert.match(cardText(card), /not found/i, verb);
        assert.ok(!cardText(card).includes('Alan Testpatient'), verb);
      }
      const [theirs] = await bot.say(OTHER_LEAD, 'caseload all');
      assert.ok(!cardText(theirs).includes(ref));
      assert.equal((await stored(caseId))?._etag, before?._etag, 'nothing written');
      assert.equal(await bot.app.store.cases.get(OTHER_SERVICE, caseId), null);
    });
  });
});
