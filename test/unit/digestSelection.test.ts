import { ENGLAND_AND_WALES } from '../../src/domain/workingDays';
import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../src/domain/case';
import { selectDigest } from '../../src/domain/digest';
import type { FitNote } from '../../src/domain/fitNote';

const TODAY = '2026-11-25'; // a Wednesday

let n = 0;
function aCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  n += 1;
  const ref = `RTW-${String(n).padStart(4, '0')}`;
  return {
    id: `case-${n}`,
    serviceId: 'mid-yorkshire',
    ref,
    status: 'active',
    patient: { name: `Patient ${n}`, nameKey: `patient ${n}`, nhsNumber: '9434765919', dateOfBirth: '1968-04-12' },
    referral: {
      eventType: 'MI',
      eventDate: '2026-10-01',
      employmentStatus: 'employed',
      jobDemands: [],
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      referredOn: '2026-10-05',
    },
    referredBy: { aadObjectId: 'n', name: 'Nora' },
    assignedOt: { aadObjectId: 'o', name: 'Otto Therapist' },
    acceptedOn: '2026-10-06',
    fitNotes: [],
    sessions: [
      {
        id: 's',
        date: '2026-11-20',
        mode: 'telephone',
        durationMinutes: 30,
        topics: [],
        notes: 'x',
        recordedAt: '2026-11-20T10:00:00Z',
        recordedBy: { aadObjectId: 'o', name: 'Otto' },
      },
    ],
    createdAt: '2026-10-05T09:00:00Z',
    updatedAt: '2026-10-05T09:00:00Z',
    ...overrides,
  };
}

function note(startDate: string, endDate: string, recordedAt = `${startDate}T09:00:00Z`): FitNote {
  return {
    id: `fn-${startDate}-${endDate}`,
    status: 'not_fit',
    advice: [],
    startDate,
    endDate,
    recordedAt,
    recordedBy: 'o',
  };
}

const refs = (rows: { ref: string }[]) => rows.map((r) => r.ref);

describe('digest selection (domain)', () => {
  it('window edges: a note ending today and one ending on the last day of the window are in; the day after is out', () => {
    const today = aCase({ fitNotes: [note('2026-11-01', '2026-11-25')] });
    const lastDay = aCase({ fitNotes: [note('2026-11-01', '2026-12-02')] });
    const outside = aCase({ fitNotes: [note('2026-11-01', '2026-12-03')] });
    const s = selectDigest([outside, lastDay, today], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(refs(s.expiring), [today.ref, lastDay.ref], 'soonest first, window inclusive at both ends');
    assert.deepEqual(
      s.expiring.map((r) => r.daysLeft),
      [0, 7],
    );
    assert.equal(s.expired.length, 0);
  });

  it('expired: a note that ended yesterday with no newer note is listed as ended, not expiring', () => {
    const c = aCase({ fitNotes: [note('2026-10-01', '2026-11-24')] });
    const s = selectDigest([c], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(refs(s.expired), [c.ref]);
    assert.equal(s.expired[0].daysAgo, 1);
    assert.equal(s.expiring.length, 0);
  });

  it('a newer note supersedes: an old ended note followed by a renewal is not reported', () => {
    const renewedAfterEnd = aCase({ fitNotes: [note('2026-10-01', '2026-11-20'), note('2026-11-21', '2027-01-20')] });
    const s = selectDigest([renewedAfterEnd], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(s.expired, []);
    assert.deepEqual(s.expiring, []);
    assert.deepEqual(s.toCheck, []);
  });

  it('a "renewal" starting after today is no note yet (Med3: never forward-dated): the current note still expires, and the future one is to be checked', () => {
    // Changed with CONTRACT §4 (a note never starts after today): this case used to be left out.
    const c = aCase({ fitNotes: [note('2026-10-01', '2026-11-27'), note('2026-11-28', '2027-01-20')] });
    const s = selectDigest([c], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(
      s.expiring.map((r) => [r.ref, r.endDate, r.daysLeft]),
      [[c.ref, '2026-11-27', 2]],
    );
    assert.deepEqual(
      s.toCheck.map((r) => [r.ref, r.startDate]),
      [[c.ref, '2026-11-28']],
    );
    assert.match(s.toCheck[0].problems.join(' '), /cannot start after today/);
  });

  it('issue 14: a newer note ending in 3 days is listed though the referral note runs 20 more days', () => {
    const c = aCase({ fitNotes: [note('2026-10-20', '2026-12-15'), note('2026-11-20', '2026-11-28')] });
    const s = selectDigest([c], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(
      s.expiring.map((r) => [r.ref, r.endDate, r.daysLeft]),
      [[c.ref, '2026-11-28', 3]],
    );
    // Four days on, the newer note has ended: "ended", not silenced by the older note it superseded.
    const later = selectDigest([c], { today: '2026-11-29', windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(
      later.expired.map((r) => [r.ref, r.endDate, r.daysAgo]),
      [[c.ref, '2026-11-28', 1]],
    );
    assert.deepEqual(later.expiring, []);
  });

  it('issue 14: a note typed with the year 2036 no longer silences the case: it is listed under "to check" and the real note still ends', () => {
    const ending = aCase({ fitNotes: [note('2026-10-20', '2026-11-27'), note('2036-10-20', '2036-11-27')] });
    const ended = aCase({ fitNotes: [note('2026-10-01', '2026-11-20'), note('2026-11-21', '2036-01-20')] });
    const s = selectDigest([ending, ended], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(refs(s.expiring), [ending.ref]);
    assert.deepEqual(
      s.toCheck.map((r) => r.ref),
      [ending.ref, ended.ref],
    );
    assert.match(s.toCheck[0].problems.join(' '), /cannot start after today/);
    assert.match(s.toCheck[1].problems.join(' '), /at most 3 months/);
  });

  it('an indefinite note never expires; a case with one is in neither list', () => {
    const c = aCase({
      referral: { ...aCase().referral, eventDate: '2025-10-01' },
      fitNotes: [{ ...note('2026-05-01', '2026-05-01'), endDate: undefined, indefinite: true }],
    });
    const s = selectDigest([c], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual([s.expiring, s.expired, s.toCheck], [[], [], []]);
  });

  it('discharged and declined cases are excluded from every list but count towards returns this year', () => {
    const discharged = aCase({
      status: 'discharged',
      fitNotes: [note('2026-10-01', '2026-11-26')],
      discharge: {
        outcome: 'returned_phased',
        date: '2026-11-10',
        by: { aadObjectId: 'o', name: 'Otto' },
        recordedAt: '2026-11-10T10:00:00Z',
      },
    });
    const declined = aCase({ status: 'declined', assignedOt: undefined, fitNotes: [note('2026-10-01', '2026-11-20')] });
    const lastYear = aCase({
      status: 'discharged',
      discharge: {
        outcome: 'returned_full',
        date: '2025-12-10',
        by: { aadObjectId: 'o', name: 'Otto' },
        recordedAt: '2025-12-10T10:00:00Z',
      },
    });
    const s = selectDigest([discharged, declined, lastYear], {
      today: TODAY,
      windowDays: 7,
      holidays: ENGLAND_AND_WALES,
    });
    assert.deepEqual([s.expiring, s.expired, s.unaccepted, s.noContact], [[], [], [], []]);
    assert.equal(s.counts.openCases, 0);
    assert.equal(s.counts.returnedToWorkThisYear, 1);
  });

  it('referrals not accepted after 2 working days (weekends and bank holidays skipped)', () => {
    const mk = (referredOn: string) =>
      aCase({
        status: 'referred',
        assignedOt: undefined,
        acceptedOn: undefined,
        sessions: [],
        referral: { ...aCase().referral, referredOn },
      });
    const monday = mk('2026-11-23'); // Wed is 2 working days later: listed
    const tuesday = mk('2026-11-24'); // 1 working day: not yet
    const friday = mk('2026-11-20'); // Mon, Tue, Wed: 3
    const s = selectDigest([monday, tuesday, friday], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(refs(s.unaccepted), [friday.ref, monday.ref]);
    // Friday before the Easter Monday bank holiday: on Tuesday only 1 working day has passed.
    const easter = mk('2026-04-02');
    assert.equal(
      selectDigest([easter], { today: '2026-04-07', windowDays: 7, holidays: ENGLAND_AND_WALES }).unaccepted.length,
      0,
    );
    assert.equal(
      selectDigest([easter], { today: '2026-04-08', windowDays: 7, holidays: ENGLAND_AND_WALES }).unaccepted.length,
      1,
    );
  });

  it('no contact for 14 days: "did not attend" is not contact; 13 days is not yet', () => {
    const session = (date: string, mode: 'telephone' | 'did_not_attend') => ({
      id: date + mode,
      date,
      mode,
      durationMinutes: 30,
      topics: [],
      notes: 'x',
      recordedAt: `${date}T10:00:00Z`,
      recordedBy: { aadObjectId: 'o', name: 'Otto' },
    });
    const fourteen = aCase({ sessions: [session('2026-11-11', 'telephone'), session('2026-11-20', 'did_not_attend')] });
    const thirteen = aCase({ sessions: [session('2026-11-12', 'telephone')] });
    const never = aCase({ sessions: [], acceptedOn: '2026-11-01' });
    const s = selectDigest([fourteen, thirteen, never], { today: TODAY, windowDays: 7, holidays: ENGLAND_AND_WALES });
    assert.deepEqual(refs(s.noContact), [never.ref, fourteen.ref]);
    assert.equal(s.noContact[1].daysSince, 14);
    assert.equal(s.noContact[0].neverSeen, true);
  });

  it('counts open cases, referrals this month and returns to work this year', () => {
    const thisMonth = aCase({ referral: { ...aCase().referral, referredOn: '2026-11-02' } });
    const lastMonth = aCase({ referral: { ...aCase().referral, referredOn: '2026-10-31' } });
    const notReturned = aCase({
      status: 'discharged',
      discharge: {
        outcome: 'not_returned_health',
        date: '2026-06-10',
        by: { aadObjectId: 'o', name: 'Otto' },
        recordedAt: '2026-06-10T10:00:00Z',
      },
    });
    const s = selectDigest([thisMonth, lastMonth, notReturned], {
      today: TODAY,
      windowDays: 7,
      holidays: ENGLAND_AND_WALES,
    });
    assert.deepEqual(s.counts, { openCases: 2, referredThisMonth: 1, returnedToWorkThisYear: 0 });
  });
});
