import { strict as assert } from 'node:assert';
import { cardText, walk } from '../support/cards';
import { LEAD, NURSE, OT, OTHER_LEAD } from '../support/people';
import { seedCase } from '../support/seedCases';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

/**
 * `stats` against a caseload whose answers are worked out by hand below. "Today" is Wednesday
 * 2026-11-25: this month is 1–25 Nov 2026, this year from 1 Jan 2026. Events are MI unless said;
 * hospital discharge is the referral date unless said. Days are counted as (contact − start).
 */
const CASES = [
  // A: last year's referral, first contact after 4 days (QS99: discharge 2025-11-20 → 4 days), back at
  // work full on discharge 2026-01-10 (no plan): 2025-11-20 → 2026-01-10 is 51 days = 7.29 weeks.
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
  // D: declined: never contacted, so it counts as not contacted (and as a QS99 miss).
  { ref: 'RTW-0404', referredOn: '2026-09-01', declinedOn: '2026-09-02' },
  // E: self-employed. A missed appointment does not count: first contact 2026-11-10 after 7 days;
  // another role from the plan's 2026-11-16: 13 days = 1.86 weeks.
  {
    ref: 'RTW-0405',
    referredOn: '2026-11-03',
    acceptedOn: '2026-11-04',
    employmentStatus: 'self_employed',
    sessions: [
      ['2026-11-05', 'did_not_attend'],
      ['2026-11-10', 'telephone'],
      ['2026-11-17', 'clinic'],
    ],
    plan: { phases: [['2026-11-16', 20, 4]], target: '2026-11-30' },
    discharge: ['returned_other_role', '2026-11-20'],
  },
  // F: awaiting an OT, referred (and discharged from hospital) 7 days ago: pending in both measures.
  { ref: 'RTW-0406', referredOn: '2026-11-18' },
  // G: contact after exactly 10 days from referral (in time), but 17 days after hospital discharge
  // on 2026-10-26 (a QS99 miss).
  {
    ref: 'RTW-0407',
    referredOn: '2026-11-02',
    acceptedOn: '2026-11-03',
    eventDate: '2026-10-20',
    hospitalDischarge: '2026-10-26',
    sessions: [['2026-11-12', 'video']],
  },
  // H: a PCI (no MI recorded: not in QS99). The employer meeting on day 2 is not contact with the
  // patient: first contact is the telephone call after 16 days.
  {
    ref: 'RTW-0408',
    referredOn: '2026-11-04',
    acceptedOn: '2026-11-05',
    eventType: 'PCI',
    sessions: [
      ['2026-11-06', 'employer_meeting'],
      ['2026-11-20', 'telephone'],
    ],
  },
  // I: accepted but never contacted, 55 days on: not contacted (and a QS99 miss).
  { ref: 'RTW-0409', referredOn: '2026-10-01', acceptedOn: '2026-10-02' },
  // J: unemployed at referral: contact after 2 days; "returned" in a new role, but not in the
  // return-to-work rate, which is about those who had work at referral.
  {
    ref: 'RTW-0410',
    referredOn: '2026-07-01',
    acceptedOn: '2026-07-02',
    employmentStatus: 'unemployed_seeking',
    sessions: [['2026-07-03', 'telephone']],
    discharge: ['returned_other_role', '2026-09-30'],
  },
  // K: a PCI that treated an acute MI (so in QS99): discharged 2026-11-05, seen 2026-11-13, 8 days
  // after discharge and 4 after referral.
  {
    ref: 'RTW-0411',
    referredOn: '2026-11-09',
    acceptedOn: '2026-11-10',
    eventType: 'PCI',
    acuteMI: true,
    eventDate: '2026-11-01',
    hospitalDischarge: '2026-11-05',
    sessions: [['2026-11-13', 'home_visit']],
  },
  // L: MI with no hospital discharge date recorded: QS99 cannot measure it; contact after 2 days.
  {
    ref: 'RTW-0412',
    referredOn: '2026-11-10',
    acceptedOn: '2026-11-11',
    eventDate: '2026-10-28',
    hospitalDischarge: null,
    sessions: [['2026-11-12', 'telephone']],
  },
  // M: only a booking after today (27 Nov): not contact. Referred 13 days ago (not contacted);
  // discharged 2026-11-10, 15 days ago (a QS99 miss).
  {
    ref: 'RTW-0413',
    referredOn: '2026-11-12',
    acceptedOn: '2026-11-13',
    eventDate: '2026-11-06',
    hospitalDischarge: '2026-11-10',
    sessions: [['2026-11-27', 'telephone']],
  },
] as const;

const EXPECTED = {
  month: {
    // Referred in November: E, F, G, H, K, L, M.
    heading: 'Figures for November 2026',
    facts: {
      Received: '7',
      Accepted: '6 (86%)',
      Declined: '0 (0%)',
      'Awaiting an OT': '1',
      // Measured: E 7, G 10, H 16, K 4, L 2 (contacted) and M (not); F pending.
      'Contacted within 10 days of referral': '4 of 6 referrals (67%)',
      'Not contacted 10 days after referral': '1',
      'Referred in the last 10 days, not contacted yet': '1',
      // 2, 4, 7, 10, 16
      'Median, referral to first assessment contact': '7 days (5 contacted)',
      // MI referrals: E, F, G, K, L, M (H is a PCI without MI). E 7 and K 8 in time; G 17 and M (none) late;
      // L has no discharge date; F pending.
      'Started within 10 days of hospital discharge': '2 of 4 MI referrals (50%)',
      'MI referrals received': '6',
      'No discharge date recorded (cannot be measured)': '1',
      'Discharged in the last 10 days, not started yet': '1',
      // E (self-employed) returned.
      'Return-to-work rate':
        '100% (1 of 1 discharged who were employed or self-employed at referral returned: full, phased or in another role)',
      'Not in the rate': '0 discharged who were not employed or self-employed at referral',
      'Median, referral to return': '1.9 weeks',
    },
    sessions: {
      'Home visit': '1',
      Telephone: '3',
      'Video call': '1',
      Clinic: '1',
      'Employer meeting': '1',
      'Did not attend': '1',
    },
    sessionTotal: 8,
    discharges: { returned_other_role: '1' },
    dischargeTotal: 1,
    headline: ['7', '1', '100%'],
  },
  year: {
    // Referred in 2026: B to M (12).
    heading: 'Figures for 2026',
    facts: {
      Received: '12',
      Accepted: '10 (83%)',
      Declined: '1 (8%)',
      'Awaiting an OT': '1',
      // Contacted: B 3, C 15, E 7, G 10, H 16, J 2, K 4, L 2; not contacted: D (declined), I, M; F pending.
      'Contacted within 10 days of referral': '6 of 11 referrals (55%)',
      'Not contacted 10 days after referral': '3 (1 declined)',
      'Referred in the last 10 days, not contacted yet': '1',
      // 2, 2, 3, 4, 7, 10, 15, 16: (4 + 7) / 2
      'Median, referral to first assessment contact': '5.5 days (8 contacted)',
      // MI: all but H (11). In time: B 3, E 7, J 2, K 8; late: C 15, D, G 17, I, M; L unmeasured; F pending.
      'Started within 10 days of hospital discharge': '4 of 9 MI referrals (44%)',
      'MI referrals received': '11',
      'No discharge date recorded (cannot be measured)': '1',
      'Discharged in the last 10 days, not started yet': '1',
      // Discharged: A, B, C, E employed or self-employed (A, B, E returned); J unemployed, left out.
      'Return-to-work rate':
        '75% (3 of 4 discharged who were employed or self-employed at referral returned: full, phased or in another role)',
      'Not in the rate': '1 discharged who were not employed or self-employed at referral',
      // 1.86, 5, 7.29
      'Median, referral to return': '5 weeks',
    },
    sessions: {
      'Home visit': '2',
      Telephone: '5',
      'Video call': '2',
      Clinic: '1',
      'Employer meeting': '2',
      'Did not attend': '2',
    },
    sessionTotal: 14,
    discharges: { returned_full: '1', returned_phased: '1', returned_other_role: '2', not_returned_health: '1' },
    dischargeTotal: 5,
    headline: ['12', '3', '75%'],
  },
  all: {
    heading: 'Figures since the start',
    facts: {
      Received: '13',
      Accepted: '11 (85%)',
      Declined: '1 (8%)',
      'Awaiting an OT': '1',
      // The year's, and A in time after 4 days.
      'Contacted within 10 days of referral': '7 of 12 referrals (58%)',
      'Not contacted 10 days after referral': '3 (1 declined)',
      'Referred in the last 10 days, not contacted yet': '1',
      // 2, 2, 3, 4, 4, 7, 10, 15, 16
      'Median, referral to first assessment contact': '4 days (9 contacted)',
      'Started within 10 days of hospital discharge': '5 of 10 MI referrals (50%)',
      'MI referrals received': '12',
      'No discharge date recorded (cannot be measured)': '1',
      'Discharged in the last 10 days, not started yet': '1',
      'Return-to-work rate':
        '75% (3 of 4 discharged who were employed or self-employed at referral returned: full, phased or in another role)',
      'Not in the rate': '1 discharged who were not employed or self-employed at referral',
      'Median, referral to return': '5 weeks',
    },
    sessions: {
      'Home visit': '3',
      Telephone: '6',
      'Video call': '2',
      Clinic: '1',
      'Employer meeting': '2',
      'Did not attend': '2',
    },
    sessionTotal: 16,
    discharges: { returned_full: '1', returned_phased: '1', returned_other_role: '2', not_returned_health: '1' },
    dischargeTotal: 5,
    headline: ['13', '3', '75%'],
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
    bot = await TestBot.start({
      env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, SERVICE_NAMES: 'mid-yorkshire:Mid Yorkshire Cardiac Rehabilitation' },
    });
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
      // The service by its name (SERVICE_NAMES), never its raw id.
      assert.match(got.text, /^Mid Yorkshire Cardiac Rehabilitation · /m);
      assert.doesNotMatch(got.text, /mid-yorkshire/);
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
      // Where Teams draws charts, the charts say the same as their text-bar fallbacks.
      const chart = (type: string) => {
        let found: any;
        walk(card, (n) => {
          if (n.type === type) found = n;
        });
        return found;
      };
      assert.deepEqual(
        Object.fromEntries(chart('Chart.VerticalBar').data.map((d: any) => [d.x, String(d.y)])),
        want.sessions,
      );
      assert.deepEqual(
        Object.fromEntries(chart('Chart.Donut').data.map((d: any) => [d.legend, String(d.value)])),
        discharges,
      );
      assert.equal(Boolean(chart('Chart.Line')), period !== 'month', 'a trend by month, except for one month');
      assert.match(got.text, new RegExp(`Sessions by mode \\(${want.sessionTotal}\\)`));
      assert.match(got.text, new RegExp(`Discharges by outcome \\(${want.dischargeTotal}\\)`));
      assert.deepEqual(got.headline, want.headline);
      // The local measure is not given NICE's name; the QS99 figure names its statement and definition.
      assert.match(got.text, /Referral to first OT assessment contact \(local measure\)/);
      assert.match(got.text, /NICE QS99 statement 4: MI, hospital discharge to start within 10 days/);
      assert.doesNotMatch(got.text, /Time to first contact/);
      // The other periods are a tap away: nav.open buttons (an imBack did nothing in Agents Playground).
      const actions = card.body.at(-1).actions ?? [];
      assert.ok(actions.every((a: any) => a.verb === 'nav.open' && a.associatedInputs === 'none'));
      const buttons = actions.map((a: any) => a.data.command);
      assert.equal(buttons.length, 2);
      assert.ok(!buttons.includes(`stats ${period}`));
      const pressed = await bot.invoke(LEAD, 'nav.open', { command: buttons[0] });
      const [typed] = await bot.say(LEAD, buttons[0]);
      assert.deepEqual(pressed, typed, `"${buttons[0]}" answers what typing it does`);
    });
  }

  it('is the lead’s: an OT is refused and audited; the lead’s view is audited without patient data', async () => {
    const [card] = await bot.say(OT, 'stats');
    assert.match(cardText(card), /Only the service lead/);
    const audits = (await allDocs(bot.database, 'audit')).filter((e) => e.action === 'service.stats');
    assert.ok(audits.some((a) => a.outcome === 'refused' && a.actor === OT.aadObjectId));
    const ok = audits.filter((a) => a.outcome === 'ok' && a.actor === LEAD.aadObjectId);
    assert.ok(ok.length >= 3);
    assert.equal(ok[0].detail.cases, 13);
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
    assert.equal(got.facts['Return-to-work rate'], 'no discharges of people in work at referral yet');
    assert.equal(got.facts['Median, referral to first assessment contact'], 'no data yet');
    assert.equal(got.facts['Contacted within 10 days of referral'], 'no referrals to measure yet');
    assert.equal(got.facts['Started within 10 days of hospital discharge'], 'no MI referrals to measure yet');
    assert.doesNotMatch(got.text, /NaN|Infinity|undefined/);
    const [what] = await bot.say(LEAD, 'stats fortnight');
    assert.match(cardText(what), /Which period/);
  });
});
