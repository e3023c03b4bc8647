import { strict as assert } from 'node:assert';
import { cardText, walk } from '../support/cards';
import { LEAD, NURSE, OT, OTHER_LEAD } from '../support/people';
import { seedCase } from '../support/seedCases';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

/**
 * `stats` against a caseload whose answers are worked out by hand below. "Today" is Wednesday
 * 2026-11-25: this month is 1–25 Nov 2026, this year from 1 Jan 2026.
 */
const CASES = [
  // A: last year's referral, first contact after 4 days, back at work full on discharge 2026-01-10 (no plan):
  // 2025-11-20 → 2026-01-10 is 51 days = 7.29 weeks.
  {
    ref: 'RTW-0401',
    referredOn: '2025-11-20',
    acceptedOn: '2025-11-21',
    sessions: [
      ['2025-11-24', 'telephone'],
      ['2025-12-01', 'home_visit'],
    ],
    discharge: ['returned_full', '2026-01-10'],
  },
  // B: contact after 3 days; phased return from the plan's first day 2026-04-06: 35 days = 5 weeks.
  {
    ref: 'RTW-0402',
    referredOn: '2026-03-02',
    acceptedOn: '2026-03-03',
    sessions: [
      ['2026-03-05', 'video'],
      ['2026-03-12', 'telephone'],
      ['2026-03-19', 'did_not_attend'],
    ],
    plan: { phases: [['2026-04-06', 16, 4]], target: '2026-04-27' },
    discharge: ['returned_phased', '2026-05-01'],
  },
  // C: contact after 15 days; not returned for health reasons.
  {
    ref: 'RTW-0403',
    referredOn: '2026-06-10',
    acceptedOn: '2026-06-11',
    sessions: [
      ['2026-06-25', 'home_visit'],
      ['2026-07-02', 'employer_meeting'],
    ],
    discharge: ['not_returned_health', '2026-08-01'],
  },
  // D: declined.
  { ref: 'RTW-0404', referredOn: '2026-09-01', declinedOn: '2026-09-02' },
  // E: a missed appointment does not count: first contact 2026-11-10 after 7 days; another role from the plan's 2026-11-16: 13 days = 1.86 weeks.
  {
    ref: 'RTW-0405',
    referredOn: '2026-11-03',
    acceptedOn: '2026-11-04',
    sessions: [
      ['2026-11-05', 'did_not_attend'],
      ['2026-11-10', 'telephone'],
      ['2026-11-17', 'clinic'],
    ],
    plan: { phases: [['2026-11-16', 20, 4]], target: '2026-11-30' },
    discharge: ['returned_other_role', '2026-11-20'],
  },
  // F: awaiting an OT.
  { ref: 'RTW-0406', referredOn: '2026-11-18' },
  // G: open, contact after exactly 10 days (within NICE's 10).
  { ref: 'RTW-0407', referredOn: '2026-11-02', acceptedOn: '2026-11-03', sessions: [['2026-11-12', 'video']] },
] as const;

const EXPECTED = {
  month: {
    heading: 'Figures for November 2026',
    facts: {
      Received: '3',
      Accepted: '2 (67%)',
      Declined: '0 (0%)',
      'Awaiting an OT': '1',
      'Median, referral to first contact': '8.5 days',
      'First contact within 10 days': '2 of 2 (100%)',
      'Return-to-work rate': '100% (1 of 1 discharges returned full, phased or in another role)',
      'Median, referral to return': '1.9 weeks',
    },
    sessions: {
      'Home visit': '0',
      Telephone: '1',
      'Video call': '1',
      Clinic: '1',
      'Employer meeting': '0',
      'Did not attend': '1',
    },
    sessionTotal: 4,
    discharges: { returned_other_role: '1' },
    dischargeTotal: 1,
    headline: ['3', '1', '100%'],
  },
  year: {
    heading: 'Figures for 2026',
    facts: {
      Received: '6',
      Accepted: '4 (67%)',
      Declined: '1 (17%)',
      'Awaiting an OT': '1',
      // 3, 7, 10, 15
      'Median, referral to first contact': '8.5 days',
      'First contact within 10 days': '3 of 4 (75%)',
      'Return-to-work rate': '75% (3 of 4 discharges returned full, phased or in another role)',
      // 1.86, 5, 7.29
      'Median, referral to return': '5 weeks',
    },
    sessions: {
      'Home visit': '1',
      Telephone: '2',
      'Video call': '2',
      Clinic: '1',
      'Employer meeting': '1',
      'Did not attend': '2',
    },
    sessionTotal: 9,
    discharges: { returned_full: '1', returned_phased: '1', returned_other_role: '1', not_returned_health: '1' },
    dischargeTotal: 4,
    headline: ['6', '3', '75%'],
  },
  all: {
    heading: 'Figures since the start',
    facts: {
      Received: '7',
      Accepted: '5 (71%)',
      Declined: '1 (14%)',
      'Awaiting an OT': '1',
      // 3, 4, 7, 10, 15
      'Median, referral to first contact': '7 days',
      'First contact within 10 days': '4 of 5 (80%)',
      'Return-to-work rate': '75% (3 of 4 discharges returned full, phased or in another role)',
      'Median, referral to return': '5 weeks',
    },
    sessions: {
      'Home visit': '2',
      Telephone: '3',
      'Video call': '2',
      Clinic: '1',
      'Employer meeting': '1',
      'Did not attend': '2',
    },
    sessionTotal: 11,
    discharges: { returned_full: '1', returned_phased: '1', returned_other_role: '1', not_returned_health: '1' },
    dischargeTotal: 4,
    headline: ['7', '3', '75%'],
  },
};

const OUTCOME_LABELS: Record<string, string> = {
  returned_full: 'Returned to work, full duties',
  returned_phased: 'Returned to work, phased',
  returned_other_role: 'Returned to work, another role',
  not_returned_health: 'Not returned: health',
  not_returned_choice: 'Not returned: own choice',
  retired: 'Retired',
  lost_contact: 'Lost contact',
};

/** The card read back: facts by title, each bar chart's rows (label → value), the headline numbers. */
function readStats(card: any) {
  const facts: Record<string, string> = {};
  walk(card, (n) => {
    if (typeof n.title === 'string' && typeof n.value === 'string' && !n.type) facts[n.title] = n.value;
  });
  const charts: Record<string, string>[] = [];
  walk(card, (n) => {
    if (
      n.type === 'Container' &&
      Array.isArray(n.items) &&
      n.items.every((i: any) => i.type === 'ColumnSet' && i.columns.length === 3)
    ) {
      charts.push(
        Object.fromEntries(n.items.map((row: any) => [row.columns[0].items[0].text, row.columns[2].items[0].text])),
      );
      // Each bar's width is its share of the largest value.
      for (const row of n.items) {
        const inner = row.columns[1].items[0].columns;
        const bar = inner.find((c: any) => c.style === 'accent');
        if (Number(row.columns[2].items[0].text) === 0) assert.equal(bar, undefined, 'no bar for zero');
        else assert.ok(bar.width > 0);
      }
    }
  });
  const headline: string[] = [];
  walk(card, (n) => {
    if (n.type === 'TextBlock' && n.size === 'extraLarge') headline.push(n.text);
  });
  return { facts, charts, headline, text: cardText(card) };
}

describe('stats: the service’s figures for leads (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.app.store.staff.save({
      aadObjectId: OTHER_LEAD.aadObjectId,
      serviceId: 'west-yorkshire',
      name: OTHER_LEAD.name,
      role: 'lead',
      addedBy: 'test',
      updatedAt: new Date().toISOString(),
    });
    for (const c of CASES) await bot.app.store.cases.create(seedCase(c as any, NURSE, OT));
    // Another service's November: never counted here.
    await bot.app.store.cases.create(
      seedCase(
        {
          serviceId: 'west-yorkshire',
          ref: 'RTW-0401',
          referredOn: '2026-11-10',
          acceptedOn: '2026-11-11',
          sessions: [['2026-11-12', 'telephone']],
          discharge: ['returned_full', '2026-11-20'],
        },
        OTHER_LEAD,
        OTHER_LEAD,
      ),
    );
  });
  after(() => bot.stop());

  for (const [command, period] of [
    ['stats', 'month'],
    ['stats year', 'year'],
    ['stats all', 'all'],
  ] as const) {
    it(`“${command}” shows every figure as worked out by hand (${period})`, async () => {
      const [card] = await bot.say(LEAD, command);
      const want = EXPECTED[period];
      const got = readStats(card);
      assert.match(got.text, new RegExp(want.heading));
      for (const [title, value] of Object.entries(want.facts)) assert.equal(got.facts[title], value, title);
      assert.equal(got.charts.length, 2, 'two bar charts');
      assert.deepEqual(got.charts[0], want.sessions);
      const discharges = Object.fromEntries(
        Object.keys(OUTCOME_LABELS).map((o) => [
          OUTCOME_LABELS[o],
          (want.discharges as Record<string, string>)[o] ?? '0',
        ]),
      );
      assert.deepEqual(got.charts[1], discharges);
      assert.match(got.text, new RegExp(`Sessions by mode \\(${want.sessionTotal}\\)`));
      assert.match(got.text, new RegExp(`Discharges by outcome \\(${want.dischargeTotal}\\)`));
      assert.deepEqual(got.headline, want.headline);
      // The other periods are a tap away.
      const buttons = (card.body.at(-1).actions ?? []).map((a: any) => a.data.msteams.value);
      assert.equal(buttons.length, 2);
      assert.ok(!buttons.includes(`stats ${period}`));
    });
  }

  it('is the lead’s: an OT is refused and audited; the lead’s view is audited without patient data', async () => {
    const [card] = await bot.say(OT, 'stats');
    assert.match(cardText(card), /Only the service lead/);
    const audits = (await allDocs(bot.database, 'audit')).filter((e) => e.action === 'service.stats');
    assert.ok(audits.some((a) => a.outcome === 'refused' && a.actor === OT.aadObjectId));
    const ok = audits.filter((a) => a.outcome === 'ok' && a.actor === LEAD.aadObjectId);
    assert.ok(ok.length >= 3);
    assert.equal(ok[0].detail.cases, 7);
    const [other] = await bot.say(OTHER_LEAD, 'stats');
    assert.equal(readStats(other).facts.Received, '1', 'another service sees only its own');
  });

  it('answers a new service with no data without dividing by zero, and asks which period for anything else', async () => {
    await bot.app.store.staff.save({
      aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000077',
      serviceId: 'empty-service',
      name: 'Ed Emptylead',
      role: 'lead',
      addedBy: 'test',
      updatedAt: new Date().toISOString(),
    });
    const [card] = await bot.say(
      { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000077', name: 'Ed Emptylead' },
      'stats',
    );
    const got = readStats(card);
    assert.equal(got.facts['Return-to-work rate'], 'no discharges yet');
    assert.equal(got.facts['Median, referral to first contact'], 'no data yet');
    assert.doesNotMatch(got.text, /NaN|Infinity|undefined/);
    const [what] = await bot.say(LEAD, 'stats fortnight');
    assert.match(cardText(what), /Which period/);
  });
});
