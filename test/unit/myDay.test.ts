import { strict as assert } from 'node:assert';
import type { CaseRecord, Session } from '../../src/domain/case';
import { todayIn } from '../../src/domain/dates';
import type { FitNote } from '../../src/domain/fitNote';
import { isMyDayEmpty, selectMyDay } from '../../src/domain/myDay';
import { ENGLAND_AND_WALES, SCOTLAND, isWorkingDay } from '../../src/domain/workingDays';

/** The OT's "my day" selection (CONTRACT §5), with a set `today`. */
const OTTO = { aadObjectId: 'otto-id', name: 'Otto Therapist' };
const OLGA = { aadObjectId: 'olga-id', name: 'Olga Other' };

let n = 0;
function session(date: string, nextContactDate?: string, mode: Session['mode'] = 'telephone'): Session {
  return {
    id: `s-${++n}`,
    date,
    mode,
    durationMinutes: 30,
    topics: [],
    notes: 'x',
    ...(nextContactDate ? { nextContactDate } : {}),
    recordedAt: `${date}T10:00:00Z`,
    recordedBy: OTTO,
  };
}

function note(startDate: string, endDate: string): FitNote {
  return {
    id: `fn-${++n}`,
    status: 'not_fit',
    advice: [],
    startDate,
    endDate,
    recordedAt: `${startDate}T09:00:00Z`,
    recordedBy: 'o',
  };
}

function aCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  n += 1;
  return {
    id: `case-${n}`,
    serviceId: 'mid-yorkshire',
    ref: `RTW-${String(n).padStart(4, '0')}`,
    status: 'active',
    patient: { name: `Patient ${n}`, nameKey: `patient ${n}`, nhsNumber: '9434765919', dateOfBirth: '1968-04-12' },
    referral: {
      eventType: 'MI',
      eventDate: '2026-01-01',
      employmentStatus: 'employed',
      jobDemands: [],
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      referredOn: '2026-01-05',
    },
    referredBy: { aadObjectId: 'n', name: 'Nora' },
    assignedOt: OTTO,
    acceptedOn: '2026-01-06',
    fitNotes: [],
    sessions: [],
    createdAt: '2026-01-05T09:00:00Z',
    updatedAt: '2026-01-05T09:00:00Z',
    ...overrides,
  };
}

const select = (cases: CaseRecord[], today: string, holidays = ENGLAND_AND_WALES) =>
  selectMyDay(cases, { today, windowDays: 7, holidays, ot: OTTO.aadObjectId });

describe('my day: the OT’s own cases needing something today (domain/myDay.ts)', () => {
  it('a contact is due when the latest session’s next contact date is on or before today, and only then', () => {
    const today = '2026-11-25';
    const dueToday = aCase({ sessions: [session('2026-11-18', '2026-11-25')] });
    const overdue = aCase({ sessions: [session('2026-11-10', '2026-11-20')] });
    const tomorrow = aCase({ sessions: [session('2026-11-18', '2026-11-26')] });
    // An older session's date passed, but the latest one booked the next contact for next week.
    const rebooked = aCase({ sessions: [session('2026-11-01', '2026-11-08'), session('2026-11-20', '2026-12-02')] });
    // A "did not attend" that rebooked counts: it is the latest session.
    const dna = aCase({
      sessions: [session('2026-11-10', '2026-12-10'), session('2026-11-24', '2026-11-24', 'did_not_attend')],
    });
    const noDate = aCase({ sessions: [session('2026-11-18')] });
    const others = aCase({ assignedOt: OLGA, sessions: [session('2026-11-10', '2026-11-20')] });
    const discharged = aCase({
      status: 'discharged',
      sessions: [session('2026-11-10', '2026-11-20')],
      discharge: { outcome: 'returned_full', date: '2026-11-21', by: OTTO, recordedAt: '2026-11-21T10:00:00Z' },
    });
    const s = select([dueToday, overdue, tomorrow, rebooked, dna, noDate, others, discharged], today);
    assert.deepEqual(
      s.contacts.map((r) => [r.ref, r.nextContactDate, r.daysOverdue]),
      [
        [overdue.ref, '2026-11-20', 5],
        [dna.ref, '2026-11-24', 1],
        [dueToday.ref, '2026-11-25', 0],
      ],
    );
    assert.equal(s.hasOwnCases, true);
  });

  it('"today" is the service’s calendar day across both clock changes', () => {
    const c = aCase({ sessions: [session('2026-03-20', '2026-03-30')] });
    // 23:30 UTC on Sunday 29 March is 00:30 BST on Monday 30 March: the contact is due that day.
    const spring = todayIn('Europe/London', new Date('2026-03-29T23:30:00Z'));
    assert.equal(spring, '2026-03-30');
    assert.deepEqual(
      select([c], spring).contacts.map((r) => r.daysOverdue),
      [0],
    );
    // 23:30 UTC on Sunday 25 October is 23:30 GMT on the 25th (clocks went back): not due until the 26th.
    const d = aCase({ sessions: [session('2026-10-19', '2026-10-26')] });
    const autumn = todayIn('Europe/London', new Date('2026-10-25T23:30:00Z'));
    assert.equal(autumn, '2026-10-25');
    assert.deepEqual(select([d], autumn).contacts, []);
    // Over the 23-hour day, an overdue count is in calendar days.
    const e = aCase({ sessions: [session('2026-03-20', '2026-03-28')] });
    assert.deepEqual(
      select([e], '2026-03-30').contacts.map((r) => r.daysOverdue),
      [2],
    );
  });

  it('referrals waiting for an OT are counted in the service’s own working days (bank holidays by division)', () => {
    // Referred on New Year's Eve; on Monday 5 January England has worked 2 Jan and 5 Jan, Scotland only 5 Jan.
    const waiting = aCase({
      status: 'referred',
      assignedOt: undefined,
      acceptedOn: undefined,
      referral: { ...aCase().referral, referredOn: '2025-12-31' },
    });
    const accepted = aCase({
      status: 'referred',
      assignedOt: OLGA,
      referral: { ...aCase().referral, referredOn: '2025-12-31' },
    });
    const eng = select([waiting, accepted], '2026-01-05', ENGLAND_AND_WALES);
    const sco = select([waiting, accepted], '2026-01-05', SCOTLAND);
    assert.deepEqual(
      eng.waiting.map((r) => [r.ref, r.workingDaysWaiting]),
      [[waiting.ref, 2]],
    );
    assert.deepEqual(
      sco.waiting.map((r) => [r.ref, r.workingDaysWaiting]),
      [[waiting.ref, 1]],
    );
    // 2 January is a working day in England and a bank holiday in Scotland (the run skips it there).
    assert.equal(isWorkingDay('2026-01-02', ENGLAND_AND_WALES), true);
    assert.equal(isWorkingDay('2026-01-02', SCOTLAND), false);
    // Waiting referrals are the service's, not the OT's: listed, but they alone are not "own cases".
    assert.equal(eng.hasOwnCases, false);
    assert.equal(isMyDayEmpty(eng), false);
  });

  it('fit notes: only the current note of the OT’s open case ending within the window (the one rule)', () => {
    const today = '2026-11-25';
    const ending = aCase({ fitNotes: [note('2026-11-01', '2026-11-30')] });
    // A newer note supersedes an older one even where it ends later than the window: nothing ending.
    const superseded = aCase({ fitNotes: [note('2026-11-01', '2026-11-27'), note('2026-11-20', '2026-12-20')] });
    const later = aCase({ fitNotes: [note('2026-11-01', '2026-12-03')] });
    const ended = aCase({ fitNotes: [note('2026-10-01', '2026-11-20')] });
    const others = aCase({ assignedOt: OLGA, fitNotes: [note('2026-11-01', '2026-11-26')] });
    const s = select([ending, superseded, later, ended, others], today);
    assert.deepEqual(
      s.expiring.map((r) => [r.ref, r.endDate, r.daysLeft]),
      [[ending.ref, '2026-11-30', 5]],
    );
  });

  it('follow-ups due on cases the OT discharged, from 7 days before their date; none when nothing is due', () => {
    const discharge = (by: typeof OTTO, date: string) =>
      aCase({
        status: 'discharged',
        assignedOt: by,
        discharge: { outcome: 'returned_full', date, by, recordedAt: `${date}T10:00:00Z`, followUpConsent: true },
      });
    const mine = discharge(OTTO, '2026-08-30'); // 3-month follow-up on 30 Nov: due from 23 Nov
    const notYet = discharge(OTTO, '2026-09-10');
    const theirs = discharge(OLGA, '2026-08-30');
    const s = select([mine, notYet, theirs], '2026-11-25');
    assert.deepEqual(
      s.followUps.map((r) => [r.ref, r.due, r.date, r.overdue]),
      [[mine.ref, '3m', '2026-11-30', false]],
    );
    assert.equal(s.hasOwnCases, true, 'a discharged case still owed a follow-up is the OT’s');
    const quiet = select([notYet, theirs], '2026-11-25');
    assert.equal(isMyDayEmpty(quiet), true);
    assert.equal(quiet.hasOwnCases, true);
    assert.equal(select([theirs], '2026-11-25').hasOwnCases, false);
  });
});
