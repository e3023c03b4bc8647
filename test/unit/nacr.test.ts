import { strict as assert } from 'node:assert';
import type { CaseRecord, DischargeOutcome, FollowUpDue, FollowUpWorkStatus, Session } from '../../src/domain/case';
import { statsCard } from '../../src/cards/stats';
import { addDays } from '../../src/domain/dates';
import { cardText } from '../support/cards';
import { exportRow, firstContactOf, firstContactStats, qs99Stats, serviceStats } from '../../src/domain/nacr';
import { activeCaseRecord } from '../support/seedCases';

const TODAY = '2026-11-25';
let n = 0;
const session = (date: string, mode: Session['mode']): Session => ({
  id: `s${++n}`,
  date,
  mode,
  durationMinutes: 30,
  topics: [],
  notes: '',
  recordedAt: `${date}T10:00:00Z`,
  recordedBy: { aadObjectId: 'ot', name: 'OT' },
});
function referral(
  referredOn: string,
  sessions: [string, Session['mode']][],
  referral: Partial<CaseRecord['referral']> = {},
  rest: Partial<CaseRecord> = {},
): CaseRecord {
  const c = activeCaseRecord('svc', `c${++n}`, `RTW-${1000 + n}`, rest);
  c.referral = { ...c.referral, referredOn, dischargeDate: referredOn, ...referral };
  c.sessions = sessions.map(([d, m]) => session(d, m));
  return c;
}

describe('NACR-style figures (worked by hand)', () => {
  it('first contact is the first assessment contact: not an employer meeting, a missed appointment or a booking', () => {
    const c = referral('2026-11-02', [
      ['2026-11-03', 'employer_meeting'],
      ['2026-11-04', 'did_not_attend'],
      ['2026-11-30', 'video'],
      ['2026-11-20', 'clinic'],
    ]);
    assert.equal(firstContactOf(c, TODAY), '2026-11-20');
    assert.equal(firstContactOf(c, '2026-11-19'), undefined, 'nothing before the clinic had happened yet');
  });

  it('the export row counts first contact as the stats do: a session dated after today is a booking', () => {
    const c = referral('2026-11-02', [['2026-11-30', 'video']]);
    const before = exportRow(c, 'p', false, '2026-11-25');
    assert.equal(before.first_contact_date, '');
    assert.equal(before.days_referral_to_first_contact, '');
    const after = exportRow(c, 'p', false, '2026-11-30');
    assert.equal(after.first_contact_date, '2026-11-30');
    assert.equal(after.days_referral_to_first_contact, 28);
  });

  it('the issue’s sample: counted the old way (from referral, employer meetings as contact, never-contacted left out) 3 of 3; by QS99 statement 4, 1 of 4', () => {
    // Four MI referrals in October, all more than 10 days ago.
    const cases = [
      // Discharged 1 Oct, seen 5 Oct: in time.
      referral('2026-10-02', [['2026-10-05', 'telephone']], { dischargeDate: '2026-10-01' }),
      // Discharged 1 Oct, referred 20 Oct, seen 22 Oct: 2 days after referral but 21 after discharge.
      referral('2026-10-20', [['2026-10-22', 'telephone']], { dischargeDate: '2026-10-01' }),
      // Only an employer meeting, 3 days after discharge: not the start of the programme.
      referral('2026-10-03', [['2026-10-06', 'employer_meeting']], { dischargeDate: '2026-10-03' }),
      // Never contacted.
      referral('2026-10-04', [], { dischargeDate: '2026-10-04' }),
    ];
    const q = qs99Stats(cases, TODAY);
    assert.deepEqual(q, { miReferrals: 4, measured: 4, within10Days: 1, noDischargeDate: 0, pending: 0 });
    // The local measure (from referral): cases 1 and 2 in time, 3 and 4 not contacted: 2 of 4.
    const local = firstContactStats(cases, TODAY);
    assert.equal(local.measured, 4);
    assert.equal(local.within10Days, 2);
    assert.equal(local.notContacted, 2);
    assert.equal(local.medianDays, 2.5);
  });

  it('QS99 counts MI only (a PCI or CABG when it treated an MI), leaves out what cannot be measured yet', () => {
    const cases = [
      referral('2026-11-01', [['2026-11-05', 'home_visit']], { eventType: 'PCI' }),
      referral('2026-11-01', [['2026-11-05', 'home_visit']], { eventType: 'PCI', acuteMI: true }),
      referral('2026-11-01', [['2026-11-20', 'home_visit']], { eventType: 'CABG', acuteMI: true }),
      referral('2026-11-01', [['2026-11-05', 'home_visit']], { eventType: 'valve' }),
      referral('2026-11-01', [['2026-11-05', 'home_visit']], { dischargeDate: undefined }),
      // Discharged 10 days ago, not yet seen: could still start in time today.
      referral('2026-11-15', [], { dischargeDate: '2026-11-15' }),
      // Discharged 11 days ago, not seen: a miss.
      referral('2026-11-14', [], { dischargeDate: '2026-11-14' }),
    ];
    assert.deepEqual(qs99Stats(cases, TODAY), {
      miReferrals: 5,
      measured: 3,
      within10Days: 1,
      noDischargeDate: 1,
      pending: 1,
    });
  });

  it('the return-to-work rate is over those employed or self-employed at referral', () => {
    const discharged = (status: CaseRecord['referral']['employmentStatus'], outcome: string) =>
      referral('2026-09-01', [['2026-09-03', 'telephone']], { employmentStatus: status }, {
        status: 'discharged',
        discharge: { outcome, date: '2026-11-10', by: { aadObjectId: 'ot', name: 'OT' }, recordedAt: 'x' },
      } as Partial<CaseRecord>);
    const s = serviceStats(
      [
        discharged('employed', 'returned_full'),
        discharged('self_employed', 'returned_phased'),
        discharged('employed', 'not_returned_health'),
        discharged('unemployed_seeking', 'returned_other_role'),
        discharged('other', 'not_returned_choice'),
      ],
      'month',
      TODAY,
    );
    assert.equal(s.returnToWork.employedAtReferral, 3);
    assert.equal(s.returnToWork.returned, 2);
    assert.equal(s.returnToWork.rate, 2 / 3);
    assert.equal(s.returnToWork.notEmployedAtReferral, 2);
    assert.equal(s.discharges.total, 5);
  });
});

describe('outcomes after discharge (worked by hand)', () => {
  /*
   * Today is 2026-11-25. Every patient employed at referral unless said. A follow-up is due from 7 days
   * before its date (3, 6, 12 months after the discharge date).
   *
   * P: event 2025-09-01; first contact 2025-09-15 (score 3); back full 2025-11-01, no plan (score 6);
   *    follow-ups 3m 2026-02-01 full, 6m 2026-05-01 full, 12m 2026-11-01 full (score 8).
   *    Event to return 2025-09-01 → 2025-11-01 = 30 + 31 = 61 days, dated by the discharge.
   * Q: event 2025-10-01; first contact 2025-10-08 (score 4); plan from 2025-11-17; back phased
   *    2025-12-01 (score 7); 3m 2026-03-01 reduced, 6m 2026-06-01 reduced; 12m (2026-12-01) opened
   *    2026-11-24: due. Event to return 2025-10-01 → 2025-11-17 = 31 + 16 = 47 days, dated by the plan.
   * R: event 2025-08-01; first contact 2025-08-07 unscored (the score 2 on 2025-08-14 is not at first
   *    contact); back in another role 2025-10-01 (no score); 3m 2026-01-01 other role, 6m 2026-04-01
   *    off sick, 12m 2026-10-01 not working (score 1). Event to return 31 + 30 = 61 days, by discharge.
   * S: event 2026-01-05; first contact 2026-01-09 (score 5); back full 2026-02-10 (no score); 3m
   *    (2026-05-10) not reached on 05-09, 05-12 and 05-20: lost to follow-up; the 6m (opened
   *    2026-08-03) is closed with it; the 12m opens 2027-02-03, not owed yet.
   *    Event to return 2026-01-05 → 2026-02-10 = 26 + 10 = 36 days, by discharge.
   * T: not returned (health) 2026-03-01 (score 2); 3m 2026-06-01 working full (not a return at
   *    discharge: not in sustained return); 6m (2026-09-01) not recorded: overdue.
   * U: event 2026-04-01; first contact 2026-04-06 (score 6); back full 2026-06-15 (score 9), no consent
   *    to follow-up. Event to return 30 + 31 + 14 = 75 days, by discharge.
   * V: unemployed seeking work at referral, back full 2026-05-01: 3m 2026-08-01 full; 6m (2026-11-01)
   *    overdue. Not in the return-to-work rate, so not in days to return.
   * W: open, first contact 2026-11-10 (score 4).
   *
   * Since the start:
   *   sustained at 6 months: P full, Q reduced, R off sick → 2 of 3 still working (1 full, 1 reduced);
   *   at 12 months: P full, R not working → 1 of 2.
   *   follow-ups owed (opened by today): P 3 done; Q 2 done + 1 due; R 3 done; S 2 lost (the 3m with
   *   attempts); T 1 done + 1 overdue; V 1 done + 1 overdue → 15 owed: 10 done, 1 due, 2 overdue,
   *   2 lost; 1 not done with a "not reached" attempt.
   *   days to return: 36, 47, 61, 61, 75 → median 61 over 5, 4 dated by the discharge.
   *   scores at first contact: P 3, Q 4, S 5, U 6, W 4 → 3 4 4 5 6 → 4; at discharge P 6, Q 7, T 2,
   *   U 9 → 2 6 7 9 → 6.5; at 12 months P 8, R 1 → 4.5.
   * This year (from 2026-01-01): R's 3m opened 2025-12-25, so 14 owed, 9 done; days to return over
   *   the 2026 discharges S 36 and U 75 → 55.5; first contacts S 5, U 6, W 4 → 5; discharges T 2,
   *   U 9 → 5.5. This month: only P's 12-month follow-up (2026-11-01), working full: 1 of 1.
   */
  const by = { aadObjectId: 'ot', name: 'OT' };
  type Fu = [FollowUpDue, string, FollowUpWorkStatus, number?];
  function discharged(
    eventDate: string,
    sessions: [string, Session['mode'], number?][],
    outcome: DischargeOutcome,
    date: string,
    opts: { was?: number; consent?: boolean; followUps?: Fu[]; planFrom?: string; employment?: 'unemployed_seeking' },
  ): CaseRecord {
    const c = referral(
      addDays(eventDate, 2),
      [],
      { eventDate, ...(opts.employment ? { employmentStatus: opts.employment } : {}) },
      {
        status: 'discharged',
        discharge: {
          outcome,
          date,
          ...(opts.was === undefined ? {} : { workAbility: opts.was }),
          followUpConsent: opts.consent ?? true,
          by,
          recordedAt: `${date}T16:00:00Z`,
        },
        followUps: (opts.followUps ?? []).map(([due, d, workStatus, workAbility], i) => ({
          id: `fu${i}`,
          due,
          date: d,
          workStatus,
          ...(workAbility === undefined ? {} : { workAbility }),
          recordedAt: `${d}T12:00:00Z`,
          recordedBy: by,
        })),
      },
    );
    c.sessions = sessions.map(([d, m, w]) => ({ ...session(d, m), ...(w === undefined ? {} : { workAbility: w }) }));
    if (opts.planFrom)
      c.plan = {
        revision: 'r1',
        targetReturnDate: date,
        contractedHours: 37,
        phases: [{ start: opts.planFrom, hoursPerWeek: 20, daysPerWeek: 4 }],
        employerConsent: true,
        updatedAt: `${opts.planFrom}T09:00:00Z`,
        updatedBy: by,
      };
    return c;
  }
  const cases = () => {
    const w = referral('2026-11-05', []);
    w.sessions = [{ ...session('2026-11-10', 'telephone'), workAbility: 4 }];
    return [
      discharged('2025-09-01', [['2025-09-15', 'telephone', 3]], 'returned_full', '2025-11-01', {
        was: 6,
        followUps: [
          ['3m', '2026-02-01', 'working_full'],
          ['6m', '2026-05-01', 'working_full'],
          ['12m', '2026-11-01', 'working_full', 8],
        ],
      }),
      discharged('2025-10-01', [['2025-10-08', 'video', 4]], 'returned_phased', '2025-12-01', {
        was: 7,
        planFrom: '2025-11-17',
        followUps: [
          ['3m', '2026-03-01', 'working_reduced'],
          ['6m', '2026-06-01', 'working_reduced'],
        ],
      }),
      discharged(
        '2025-08-01',
        [
          ['2025-08-07', 'telephone'],
          ['2025-08-14', 'home_visit', 2],
        ],
        'returned_other_role',
        '2025-10-01',
        {
          followUps: [
            ['3m', '2026-01-01', 'working_other_role'],
            ['6m', '2026-04-01', 'off_sick'],
            ['12m', '2026-10-01', 'not_working', 1],
          ],
        },
      ),
      discharged('2026-01-05', [['2026-01-09', 'clinic', 5]], 'returned_full', '2026-02-10', {
        followUps: [
          ['3m', '2026-05-09', 'not_reached'],
          ['3m', '2026-05-12', 'not_reached'],
          ['3m', '2026-05-20', 'not_reached'],
        ],
      }),
      discharged('2026-01-10', [], 'not_returned_health', '2026-03-01', {
        was: 2,
        followUps: [['3m', '2026-06-01', 'working_full']],
      }),
      discharged('2026-04-01', [['2026-04-06', 'telephone', 6]], 'returned_full', '2026-06-15', {
        was: 9,
        consent: false,
      }),
      discharged('2026-03-01', [], 'returned_full', '2026-05-01', {
        employment: 'unemployed_seeking',
        followUps: [['3m', '2026-08-01', 'working_full']],
      }),
      w,
    ];
  };

  it('since the start: sustained return, follow-up completeness, days to return, Work Ability medians', () => {
    const o = serviceStats(cases(), 'all', TODAY).outcomes;
    assert.deepEqual(o.sustained.sixMonths, {
      followedUp: 3,
      stillWorking: 2,
      workingFull: 1,
      workingReduced: 1,
      workingOtherRole: 0,
      offSick: 1,
      notWorking: 0,
    });
    assert.deepEqual(o.sustained.twelveMonths, {
      followedUp: 2,
      stillWorking: 1,
      workingFull: 1,
      workingReduced: 0,
      workingOtherRole: 0,
      offSick: 0,
      notWorking: 1,
    });
    assert.deepEqual(o.followUps, { owed: 15, done: 10, due: 1, overdue: 2, lost: 2, attemptedNotReached: 1 });
    assert.deepEqual(o.daysToReturn, { measured: 5, median: 61, datedByDischarge: 4 });
    assert.deepEqual(o.workAbility, {
      firstContact: { scored: 5, median: 4 },
      discharge: { scored: 4, median: 6.5 },
      twelveMonths: { scored: 2, median: 4.5 },
    });
  });

  it('this year and this month count what is dated in them', () => {
    const y = serviceStats(cases(), 'year', TODAY).outcomes;
    assert.equal(y.followUps.owed, 14);
    assert.equal(y.followUps.done, 9);
    assert.deepEqual(y.daysToReturn, { measured: 2, median: 55.5, datedByDischarge: 2 });
    assert.deepEqual(y.workAbility.firstContact, { scored: 3, median: 5 });
    assert.deepEqual(y.workAbility.discharge, { scored: 2, median: 5.5 });
    const m = serviceStats(cases(), 'month', TODAY).outcomes;
    assert.equal(m.sustained.sixMonths.followedUp, 0);
    assert.deepEqual([m.sustained.twelveMonths.followedUp, m.sustained.twelveMonths.stillWorking], [1, 1]);
  });

  it('the stats card says each figure with what it counts', () => {
    const text = cardText(statsCard(serviceStats(cases(), 'all', TODAY), 'svc'));
    assert.match(
      text,
      /At 6 months: 2 of 3 back at work at discharge and followed up still working \(67%\): 1 full hours, 1 reduced hours, 0 in another role; not working: 1 off sick, 0 not working/,
    );
    assert.match(text, /At 12 months: 1 of 2 back at work at discharge and followed up still working \(50%\)/);
    assert.match(text, /Done: 10 of 15 \(67%\)/);
    assert.match(text, /Overdue \(past their date\): 2 of 15/);
    assert.match(text, /Lost to follow-up \(3 not reached in a row\): 2 of 15/);
    assert.match(text, /Median days, cardiac event to return to work: 61 days \(5 returns; 4 dated by the discharge\)/);
    assert.match(text, /Work Ability Score at discharge: 6\.5 out of 10 \(median of 4 discharges scored\)/);
    assert.match(text, /not a NACR one/);
  });
});

describe('referrals and returns by month (worked by hand)', () => {
  /*
   * Today 2026-11-25. Referred 2026-09-03 (employed), discharged back at work 2026-11-02;
   * referred 2026-09-20 (employed), discharged not returned (health) 2026-10-15;
   * referred 2026-11-04 (unemployed seeking work), discharged back at work 2026-11-20;
   * referred 2025-12-30 (employed), discharged back at work (phased) 2026-01-12.
   * This year: Jan 0 referrals, 1 return; Feb–Aug nothing; Sep 2 referrals; Oct nothing (the
   * discharge is not a return); Nov 1 referral, 1 return (the unemployed patient's return is not in
   * the rate). Since the start: Dec 2025 adds its 1 referral. This month: November alone.
   */
  const back = (
    referredOn: string,
    status: CaseRecord['referral']['employmentStatus'],
    outcome: string,
    date: string,
  ) =>
    referral(referredOn, [], { employmentStatus: status }, {
      status: 'discharged',
      discharge: { outcome, date, by: { aadObjectId: 'ot', name: 'OT' }, recordedAt: 'x' },
    } as Partial<CaseRecord>);
  const cases = () => [
    back('2026-09-03', 'employed', 'returned_full', '2026-11-02'),
    back('2026-09-20', 'employed', 'not_returned_health', '2026-10-15'),
    back('2026-11-04', 'unemployed_seeking', 'returned_full', '2026-11-20'),
    back('2025-12-30', 'employed', 'returned_phased', '2026-01-12'),
  ];
  const row = (month: string, referrals: number, returned: number) => ({ month, referrals, returned });

  it('this year: every month from January to November, empty months as 0', () => {
    const s = serviceStats(cases(), 'year', TODAY);
    assert.deepEqual(s.byMonth, [
      row('2026-01', 0, 1),
      ...['02', '03', '04', '05', '06', '07', '08'].map((m) => row(`2026-${m}`, 0, 0)),
      row('2026-09', 2, 0),
      row('2026-10', 0, 0),
      row('2026-11', 1, 1),
    ]);
    // The months add up to the period's figures.
    assert.equal(s.referrals.received, 3);
    assert.equal(s.returnToWork.returned, 2);
  });

  it('since the start begins at the earliest referral or return; this month is one month', () => {
    const all = serviceStats(cases(), 'all', TODAY).byMonth;
    assert.deepEqual(all[0], row('2025-12', 1, 0));
    assert.equal(all.length, 12);
    assert.deepEqual(serviceStats(cases(), 'month', TODAY).byMonth, [row('2026-11', 1, 1)]);
    assert.deepEqual(serviceStats([], 'all', TODAY).byMonth, []);
  });

  it('shows at most the latest 24 months', () => {
    const old = serviceStats([back('2020-03-02', 'employed', 'returned_full', '2020-05-01')], 'all', TODAY).byMonth;
    assert.equal(old.length, 24);
    assert.deepEqual([old[0].month, old[23].month], ['2024-12', '2026-11']);
  });
});
