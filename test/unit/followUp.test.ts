import { strict as assert } from 'node:assert';
import type { CaseRecord, FollowUpContact } from '../../src/domain/case';
import { todayIn } from '../../src/domain/dates';
import { selectDigest } from '../../src/domain/digest';
import { caseCard } from '../../src/cards/case';
import { cardText } from '../support/cards';
import { ENGLAND_AND_WALES } from '../../src/domain/workingDays';
import {
  followUpDate,
  followUpStanding,
  followUpsDueBy,
  nextFollowUpDate,
  openFollowUps,
  selectFollowUpsDue,
  validateFollowUp,
  workAbilityCourse,
} from '../../src/domain/followUp';

/** Rules of CONTRACT §4 "Follow-ups", with a set `today`. */

let n = 0;
function dischargedCase(
  date: string,
  overrides: Partial<CaseRecord> = {},
  consent: boolean | 'unasked' = true,
): CaseRecord {
  n += 1;
  return {
    id: `case-${n}`,
    serviceId: 'mid-yorkshire',
    ref: `RTW-${String(n).padStart(4, '0')}`,
    status: 'discharged',
    patient: { name: `Patient ${n}`, nameKey: `patient ${n}`, nhsNumber: '9434765919', dateOfBirth: '1968-04-12' },
    referral: {
      eventType: 'MI',
      eventDate: '2025-06-01',
      employmentStatus: 'employed',
      jobDemands: [],
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      referredOn: '2025-06-10',
    },
    referredBy: { aadObjectId: 'n', name: 'Nora' },
    assignedOt: { aadObjectId: 'o', name: 'Otto Therapist' },
    fitNotes: [],
    discharge: {
      outcome: 'returned_full',
      date,
      by: { aadObjectId: 'o', name: 'Otto Therapist' },
      recordedAt: `${date}T10:00:00Z`,
      ...(consent === 'unasked' ? {} : { followUpConsent: consent }),
    },
    createdAt: '2025-06-10T09:00:00Z',
    updatedAt: '2025-06-10T09:00:00Z',
    ...overrides,
  };
}

let m = 0;
function contact(
  due: FollowUpContact['due'],
  date: string,
  workStatus: FollowUpContact['workStatus'],
  extra: Partial<FollowUpContact> = {},
): FollowUpContact {
  m += 1;
  return {
    id: `fu-${m}`,
    due,
    date,
    workStatus,
    recordedAt: `${date}T12:00:${String(m % 60).padStart(2, '0')}Z`,
    recordedBy: { aadObjectId: 'o', name: 'Otto Therapist' },
    ...extra,
  };
}

describe('follow-ups after discharge (CONTRACT §4)', () => {
  describe('their dates: 3, 6 and 12 months after the discharge date', () => {
    it('falls on the same day of the month', () => {
      assert.deepEqual(
        followUpStanding(dischargedCase('2026-03-10'), '2026-03-10').slots.map((s) => [s.due, s.date, s.opensOn]),
        [
          ['3m', '2026-06-10', '2026-06-03'],
          ['6m', '2026-09-10', '2026-09-03'],
          ['12m', '2027-03-10', '2027-03-03'],
        ],
      );
    });

    it('falls on the last day of a shorter month (31 August + 6 months = 28 February)', () => {
      assert.equal(followUpDate('2026-08-31', '6m'), '2027-02-28');
      assert.equal(followUpDate('2026-11-30', '3m'), '2027-02-28');
      assert.equal(followUpDate('2026-01-31', '3m'), '2026-04-30');
      assert.equal(followUpDate('2026-05-31', '6m'), '2026-11-30');
    });

    it('falls on 29 February in a leap year, and on 28 February a year after a leap day', () => {
      assert.equal(followUpDate('2027-11-30', '3m'), '2028-02-29');
      assert.equal(followUpDate('2027-08-29', '6m'), '2028-02-29');
      assert.equal(followUpDate('2028-02-29', '12m'), '2029-02-28');
      assert.equal(followUpDate('2028-02-29', '3m'), '2028-05-29');
    });

    it('opens 7 days before its date across a month end and a leap day', () => {
      const s = followUpStanding(dischargedCase('2027-12-05'), '2028-03-01').slots[0];
      assert.equal(s.date, '2028-03-05');
      assert.equal(s.opensOn, '2028-02-27');
      assert.equal(s.state, 'due');
    });
  });

  describe('due from 7 days before its date until recorded', () => {
    const c = dischargedCase('2026-03-10'); // 3m on 2026-06-10, open from 2026-06-03
    const state = (today: string) => followUpStanding(c, today).slots[0].state;

    it('is upcoming the day before it opens, due on the day it opens and on its date, overdue the day after', () => {
      assert.equal(state('2026-06-02'), 'upcoming');
      assert.equal(state('2026-06-03'), 'due');
      assert.equal(state('2026-06-10'), 'due');
      assert.equal(state('2026-06-11'), 'overdue');
      assert.equal(state('2027-01-01'), 'overdue');
    });

    it('is done once a contact is recorded, however late', () => {
      const done = { ...c, followUps: [contact('3m', '2026-07-20', 'working_full')] };
      const s = followUpStanding(done, '2026-07-21');
      assert.equal(s.slots[0].state, 'done');
      assert.equal(s.next?.due, '6m');
    });

    it('takes "today" in the service zone across the clock changes', () => {
      const london = (instant: string) => todayIn('Europe/London', new Date(instant));
      // Summer time from 29 March 2026. A 3-month follow-up dated 6 April opens on 30 March.
      const spring = dischargedCase('2026-01-06');
      assert.equal(
        followUpStanding(spring, london('2026-03-29T22:59:00Z')).slots[0].state,
        'upcoming',
        '23:59 BST, 29 March',
      );
      assert.equal(
        followUpStanding(spring, london('2026-03-29T23:30:00Z')).slots[0].state,
        'due',
        '00:30 BST, 30 March (29th in UTC)',
      );
      // Back to GMT on 25 October 2026. A follow-up dated 1 November opens on 25 October.
      const autumn = dischargedCase('2026-08-01');
      assert.equal(
        followUpStanding(autumn, london('2026-10-24T22:30:00Z')).slots[0].state,
        'upcoming',
        '23:30 BST, 24 October',
      );
      assert.equal(
        followUpStanding(autumn, london('2026-10-24T23:30:00Z')).slots[0].state,
        'due',
        '00:30 BST, 25 October (24th in UTC)',
      );
      // Overdue from the day after its date, whichever side of the change: 23:30 GMT on 1 November is still the 1st.
      assert.equal(followUpStanding(autumn, london('2026-11-01T23:30:00Z')).slots[0].state, 'due');
      assert.equal(followUpStanding(autumn, london('2026-11-02T00:30:00Z')).slots[0].state, 'overdue');
    });
  });

  describe('who is followed', () => {
    it('a case discharged without consent, or before consent was asked, owes no follow-up', () => {
      assert.equal(followUpStanding(dischargedCase('2026-03-10', {}, false), '2026-06-10').followed, false);
      assert.equal(followUpStanding(dischargedCase('2026-03-10', {}, 'unasked'), '2026-06-10').followed, false);
      assert.equal(nextFollowUpDate(dischargedCase('2026-03-10', {}, false)), undefined);
    });

    it('an open case owes no follow-up', () => {
      const open = dischargedCase('2026-03-10', { status: 'active' });
      assert.equal(followUpStanding(open, '2026-06-10').followed, false);
      assert.deepEqual(openFollowUps(open, '2026-06-10'), []);
    });
  });

  describe('"not reached" and lost to follow-up', () => {
    it('a "not reached" answer is an attempt: the follow-up stays due', () => {
      const c = dischargedCase('2026-03-10', { followUps: [contact('3m', '2026-06-08', 'not_reached')] });
      const s = followUpStanding(c, '2026-06-12');
      assert.equal(s.slots[0].state, 'overdue');
      assert.equal(s.slots[0].attempts, 1);
      assert.equal(s.notReachedInARow, 1);
      assert.equal(s.lostOn, undefined);
    });

    it('a third "not reached" in a row closes the follow-ups as lost to follow-up', () => {
      const c = dischargedCase('2026-03-10', {
        followUps: [
          contact('3m', '2026-06-08', 'not_reached'),
          contact('3m', '2026-06-15', 'not_reached'),
          contact('3m', '2026-06-22', 'not_reached'),
        ],
      });
      const s = followUpStanding(c, '2026-09-10');
      assert.equal(s.lostOn, '2026-06-22');
      assert.deepEqual(
        s.slots.map((x) => x.state),
        ['closed', 'closed', 'closed'],
      );
      assert.equal(s.next, undefined);
      assert.equal(nextFollowUpDate(c), undefined);
      assert.deepEqual(selectFollowUpsDue([c], '2026-09-10'), []);
    });

    it('a contact made between resets the count; "in a row" runs across follow-ups', () => {
      const reset = dischargedCase('2026-03-10', {
        followUps: [
          contact('3m', '2026-06-08', 'not_reached'),
          contact('3m', '2026-06-15', 'not_reached'),
          contact('3m', '2026-06-22', 'working_reduced'),
          contact('6m', '2026-09-08', 'not_reached'),
          contact('6m', '2026-09-15', 'not_reached'),
        ],
      });
      const s = followUpStanding(reset, '2026-09-16');
      assert.equal(s.lostOn, undefined);
      assert.equal(s.notReachedInARow, 2);
      assert.deepEqual(
        s.slots.map((x) => x.state),
        ['done', 'overdue', 'upcoming'],
      );
      const across = dischargedCase('2026-03-10', {
        followUps: [
          contact('3m', '2026-06-20', 'not_reached'),
          contact('3m', '2026-07-20', 'not_reached'),
          contact('6m', '2026-09-05', 'not_reached'),
        ],
      });
      assert.equal(followUpStanding(across, '2026-09-06').lostOn, '2026-09-05');
    });

    it('counts in the order the contacts happened, not the order they were typed in', () => {
      const c = dischargedCase('2026-03-10', {
        followUps: [
          contact('3m', '2026-06-22', 'not_reached'),
          contact('3m', '2026-06-08', 'working_full', { recordedAt: '2026-06-23T09:00:00Z' }),
          contact('6m', '2026-09-08', 'not_reached'),
        ],
      });
      // In date order: reached (8 Jun), not reached (22 Jun), not reached (8 Sep): two in a row.
      assert.equal(followUpStanding(c, '2026-09-09').notReachedInARow, 2);
    });
  });

  describe('the next follow-up and the date the store keeps', () => {
    it('is the earliest still owed, whatever today is', () => {
      const c = dischargedCase('2026-03-10', { followUps: [contact('3m', '2026-06-10', 'working_full')] });
      assert.equal(nextFollowUpDate(c), '2026-09-10');
      const all = {
        ...c,
        followUps: [
          ...(c.followUps ?? []),
          contact('6m', '2026-09-10', 'working_full'),
          contact('12m', '2027-03-09', 'working_full'),
        ],
      };
      assert.equal(nextFollowUpDate(all), undefined);
    });

    it('an overdue 3-month follow-up stays the next one after the 6-month one has opened', () => {
      const c = dischargedCase('2026-03-10');
      const s = followUpStanding(c, '2026-09-05');
      assert.equal(s.next?.due, '3m');
      assert.deepEqual(
        openFollowUps(c, '2026-09-05').map((x) => [x.due, x.state]),
        [
          ['3m', 'overdue'],
          ['6m', 'due'],
        ],
      );
    });

    it('a query reading follow-ups dated up to 7 days ahead finds every one due today', () => {
      assert.equal(followUpsDueBy('2026-02-25'), '2026-03-04');
      const c = dischargedCase('2025-12-04'); // 3m on 4 March 2026, open from 25 February
      assert.equal(nextFollowUpDate(c)! <= followUpsDueBy('2026-02-25'), true);
      assert.equal(openFollowUps(c, '2026-02-25').length, 1);
      assert.equal(nextFollowUpDate(c)! <= followUpsDueBy('2026-02-24'), false);
      assert.equal(openFollowUps(c, '2026-02-24').length, 0);
    });
  });

  describe('due or overdue across a set of cases', () => {
    it('lists each follow-up due or overdue, soonest first, and nothing upcoming, done or unconsented', () => {
      const today = '2026-09-08';
      const overdue = dischargedCase('2026-05-01'); // 3m on 1 Aug: overdue
      const dueSoon = dischargedCase('2026-03-12'); // 3m done, 6m on 12 Sep: due
      dueSoon.followUps = [contact('3m', '2026-06-12', 'working_full')];
      const upcoming = dischargedCase('2026-07-01'); // 3m on 1 Oct
      const refused = dischargedCase('2026-05-01', {}, false);
      const old = dischargedCase('2025-03-10'); // 12m on 10 Mar 2026: overdue, and the 3m and 6m too
      const rows = selectFollowUpsDue([dueSoon, upcoming, refused, overdue, old], today);
      assert.deepEqual(
        rows.map((r) => [r.ref, r.due, r.date, r.overdue, r.daysLeft]),
        [
          [old.ref, '3m', '2025-06-10', true, -455],
          [old.ref, '6m', '2025-09-10', true, -363],
          [old.ref, '12m', '2026-03-10', true, -182],
          [overdue.ref, '3m', '2026-08-01', true, -38],
          [dueSoon.ref, '6m', '2026-09-12', false, 4],
        ],
      );
      assert.equal(rows[3].ot, 'Otto Therapist');
    });
  });

  describe('bank holidays and the digest', () => {
    it('counts calendar days: a follow-up dated Christmas Day is due from 18 December, holidays or not', () => {
      const c = dischargedCase('2026-09-25'); // 3m on Friday 25 December 2026
      const s = followUpStanding(c, '2026-12-18').slots[0];
      assert.deepEqual([s.date, s.opensOn, s.state], ['2026-12-25', '2026-12-18', 'due']);
      assert.equal(
        followUpStanding(c, '2026-12-28').slots[0].state,
        'overdue',
        'overdue on the bank holiday Monday too',
      );
    });

    it('puts a discharged case in the follow-ups section only: not an open case, not a fit note alert', () => {
      const c = dischargedCase('2026-08-20', {
        fitNotes: [
          {
            id: 'n1',
            status: 'not_fit',
            advice: [],
            startDate: '2026-11-01',
            endDate: '2026-11-27',
            recordedAt: '2026-11-01T10:00:00Z',
            recordedBy: 'o',
          },
        ],
      });
      const s = selectDigest([c], { today: '2026-11-25', windowDays: 7, holidays: ENGLAND_AND_WALES });
      assert.deepEqual(
        s.followUps.map((r) => [r.ref, r.due, r.date, r.overdue, r.daysLeft, r.ot]),
        [[c.ref, '3m', '2026-11-20', true, -5, 'Otto Therapist']],
      );
      assert.deepEqual([s.expiring, s.expired, s.noContact, s.counts.openCases], [[], [], [], 0]);
    });
  });

  describe('the follow-up form', () => {
    const c = dischargedCase('2026-03-10');
    const good = {
      due: '3m',
      date: '2026-06-09',
      workStatus: 'working_full',
      hoursPerWeek: '37.5',
      absenceDays: '2',
      workAbility: '8',
      notes: 'Well.',
    };

    it('takes a complete answer', () => {
      const r = validateFollowUp(good, '2026-06-10', c);
      assert.deepEqual(r, {
        ok: true,
        value: {
          due: '3m',
          date: '2026-06-09',
          workStatus: 'working_full',
          hoursPerWeek: 37.5,
          absenceDays: 2,
          workAbility: 8,
          notes: 'Well.',
        },
      });
    });

    it('takes "not reached" with nothing else, and refuses patient answers beside it', () => {
      assert.equal(
        validateFollowUp({ due: '3m', date: '2026-06-09', workStatus: 'not_reached' }, '2026-06-10', c).ok,
        true,
      );
      const r = validateFollowUp({ ...good, workStatus: 'not_reached' }, '2026-06-10', c);
      assert.equal(r.ok, false);
      assert.deepEqual(Object.keys(r.ok ? {} : r.errors).sort(), ['absenceDays', 'hoursPerWeek', 'workAbility']);
    });

    it('names each problem by its field', () => {
      const r = validateFollowUp(
        { due: '9m', date: '2026-02-30', workStatus: 'retired', workAbility: '11', absenceDays: '1.5' },
        '2026-06-10',
        c,
      );
      assert.equal(r.ok, false);
      assert.deepEqual(Object.keys(r.ok ? {} : r.errors).sort(), [
        'absenceDays',
        'date',
        'due',
        'workAbility',
        'workStatus',
      ]);
    });

    it('refuses a follow-up not yet due, one already recorded, a future contact and one before it opened', () => {
      const errs = (data: Record<string, unknown>, today: string, subject = c) => {
        const r = validateFollowUp({ ...good, ...data }, today, subject);
        return r.ok ? {} : r.errors;
      };
      assert.match(errs({ due: '6m' }, '2026-06-10').due ?? '', /not due yet/);
      const done = { ...c, followUps: [contact('3m', '2026-06-09', 'working_full')] };
      assert.match(errs({}, '2026-06-10', done).due ?? '', /already been recorded/);
      assert.match(errs({ date: '2026-06-11' }, '2026-06-10').date ?? '', /future/);
      assert.match(errs({ date: '2026-06-02' }, '2026-06-10').date ?? '', /due from/);
      assert.deepEqual(errs({ date: '2026-06-03' }, '2026-06-10'), {});
    });
  });

  describe('the Work Ability course', () => {
    it('is the first session score, the score at discharge and the latest follow-up score', () => {
      const c = dischargedCase('2026-03-10', {
        sessions: [
          {
            id: 's2',
            date: '2026-01-10',
            mode: 'telephone',
            durationMinutes: 30,
            topics: [],
            notes: 'x',
            workAbility: 4,
            recordedAt: '2026-01-10T10:00:00Z',
            recordedBy: { aadObjectId: 'o', name: 'O' },
          },
          {
            id: 's1',
            date: '2025-12-01',
            mode: 'telephone',
            durationMinutes: 30,
            topics: [],
            notes: 'x',
            workAbility: 2,
            recordedAt: '2025-12-01T10:00:00Z',
            recordedBy: { aadObjectId: 'o', name: 'O' },
          },
          {
            id: 's0',
            date: '2025-11-01',
            mode: 'telephone',
            durationMinutes: 30,
            topics: [],
            notes: 'no score',
            recordedAt: '2025-11-01T10:00:00Z',
            recordedBy: { aadObjectId: 'o', name: 'O' },
          },
        ],
        followUps: [
          contact('3m', '2026-06-09', 'working_full', { workAbility: 7 }),
          contact('6m', '2026-09-09', 'working_full', { workAbility: 8 }),
          contact('12m', '2027-03-09', 'not_reached'),
        ],
      });
      c.discharge!.workAbility = 6;
      assert.deepEqual(workAbilityCourse(c), {
        first: { date: '2025-12-01', score: 2 },
        atDischarge: { date: '2026-03-10', score: 6 },
        latestFollowUp: { date: '2026-09-09', score: 8 },
      });
    });

    it('is empty for a case stored before scores existed', () => {
      assert.deepEqual(workAbilityCourse(dischargedCase('2026-03-10')), {});
    });
  });

  describe('the case hub', () => {
    const hub = (c: CaseRecord, today: string) => cardText(caseCard(c, today, { role: 'ot' }));

    it('reads a case stored before follow-ups existed: no follow-up owed, no button', () => {
      const old = dischargedCase('2026-03-10', {}, 'unasked');
      const text = hub(old, '2026-06-10');
      assert.match(text, /Follow-ups: None \(discharged before follow-ups\)/);
      assert.doesNotMatch(text, /\[Follow-up\]/);
      assert.match(
        hub(dischargedCase('2026-03-10', {}, false), '2026-06-10'),
        /Follow-ups: None: the patient did not consent/,
      );
    });

    it('offers the button only while one is due, and says when the follow-ups were closed', () => {
      const c = dischargedCase('2026-03-10');
      assert.doesNotMatch(hub(c, '2026-06-02'), /\[Follow-up\]/);
      assert.match(hub(c, '2026-06-03'), /\[Follow-up\]/);
      assert.match(hub(c, '2026-06-03'), /Next follow-up: 3-month follow-up, 10 Jun 2026 \(due now\)/);
      const lost = {
        ...c,
        followUps: ['2026-06-04', '2026-06-11', '2026-06-18'].map((d) => contact('3m', d, 'not_reached')),
      };
      const text = hub(lost, '2026-09-10');
      assert.match(text, /Next follow-up: Lost to follow-up on 18 Jun 2026/);
      assert.doesNotMatch(text, /\[Follow-up\]/);
      assert.doesNotMatch(hub(c, '2026-06-03').replace(/\[Follow-up\]/, ''), /\[Follow-up\]/, 'one button');
    });
  });
});
