import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { CaseRecord } from '../../src/domain/case';
import { addDays } from '../../src/domain/dates';
import { selectDigest } from '../../src/domain/digest';
import {
  currentFitNote,
  currentNoteOf,
  type FitNote,
  fitNoteProblems,
  fitNoteStanding,
  notesToCheck,
  storedNoteProblems,
} from '../../src/domain/fitNote';
import { ENGLAND_AND_WALES } from '../../src/domain/workingDays';

/**
 * Sources: CONTRACT §4 (the current note, expiring, ended; Med3 limits) and DWP, "Getting the most
 * out of the fit note: guidance for healthcare professionals": in the first six months of a
 * condition a fit note covers at most three months; after that any clinically appropriate period,
 * or an indefinite one; a note can be backdated but not forward-dated; since 1 July 2022 nurses,
 * occupational therapists, pharmacists and physiotherapists may issue one as well as doctors.
 */
const FIELDS = {
  status: 'status',
  advice: 'advice',
  startDate: 'startDate',
  endDate: 'endDate',
  statementDate: 'statementDate',
  indefinite: 'indefinite',
};
const TODAY = '2026-11-25';
const EVENT = '2026-10-20';
const CTX = { eventDate: EVENT, today: TODAY };

describe('fit note rules (Med3)', () => {
  it('refuses advice ticks on a not-fit note but allows them on may-be-fit', () => {
    assert.ok(fitNoteProblems({ status: 'not_fit', advice: ['phased_return'] }, CTX, FIELDS).advice);
    assert.deepEqual(fitNoteProblems({ status: 'may_be_fit', advice: ['phased_return'] }, CTX, FIELDS), {});
  });

  it('a note may be backdated but is never issued, nor starts, after today: each named by its field', () => {
    assert.deepEqual(fitNoteProblems({ startDate: '2026-11-01', endDate: '2026-12-01' }, CTX, FIELDS), {});
    assert.deepEqual(
      fitNoteProblems({ startDate: TODAY, endDate: '2026-12-01', statementDate: TODAY }, CTX, FIELDS),
      {},
    );
    assert.match(
      fitNoteProblems({ startDate: '2026-11-26', endDate: '2026-12-20' }, CTX, FIELDS).startDate,
      /cannot start after today/,
    );
    const issuedTomorrow = fitNoteProblems(
      { startDate: '2026-11-20', endDate: '2026-12-20', statementDate: '2026-11-26' },
      CTX,
      FIELDS,
    );
    assert.match(issuedTomorrow.statementDate, /issued after today/);
    assert.equal(issuedTomorrow.startDate, undefined);
    // With no statement date the note is issued on its start date: a future start is also a future issue.
    assert.ok(fitNoteProblems({ startDate: '2036-11-20', endDate: '2036-12-20' }, CTX, FIELDS).startDate);
  });

  it('covers nothing before the cardiac event: start, end and issue date each named', () => {
    const p = fitNoteProblems(
      { startDate: '2026-09-01', endDate: '2026-10-10', statementDate: '2026-09-01' },
      CTX,
      FIELDS,
    );
    assert.match(p.startDate, /before the cardiac event/);
    assert.match(p.endDate, /end before the cardiac event/);
    assert.match(p.statementDate, /before the cardiac event/);
  });

  it('ends on or after its start', () => {
    assert.match(
      fitNoteProblems({ startDate: '2026-11-20', endDate: '2026-11-19' }, CTX, FIELDS).endDate,
      /end before it starts/,
    );
    assert.deepEqual(fitNoteProblems({ startDate: '2026-11-20', endDate: '2026-11-20' }, CTX, FIELDS), {});
  });

  it('first 6 months of the condition: at most 3 months, and never indefinite; after that any period or indefinite', () => {
    assert.deepEqual(fitNoteProblems({ startDate: '2026-11-20', endDate: '2027-02-20' }, CTX, FIELDS), {});
    assert.match(
      fitNoteProblems({ startDate: '2026-11-20', endDate: '2027-02-21' }, CTX, FIELDS).endDate,
      /at most 3 months/,
    );
    assert.match(fitNoteProblems({ startDate: '2026-11-20', indefinite: true }, CTX, FIELDS).indefinite, /6 months/);
    const later = { eventDate: '2025-01-10', today: TODAY };
    assert.deepEqual(fitNoteProblems({ startDate: '2025-07-10', indefinite: true }, later, FIELDS), {});
    assert.ok(fitNoteProblems({ startDate: '2025-07-09', indefinite: true }, later, FIELDS).indefinite);
    assert.deepEqual(fitNoteProblems({ startDate: '2025-07-10', endDate: '2026-07-10' }, later, FIELDS), {});
    assert.match(
      fitNoteProblems({ startDate: '2025-07-10', endDate: '2026-07-10', indefinite: true }, later, FIELDS).endDate,
      /no end date/,
    );
  });

  it('a stored note the rules refuse is to be checked, with what is wrong with it', () => {
    const notes = [
      { startDate: '2026-10-20', endDate: '2026-11-30' },
      { startDate: '2036-11-01', endDate: '2036-12-01' }, // the wrong year
      { startDate: '2026-11-01', endDate: '2027-05-01' }, // 6 months within the first 6
      { startDate: '2026-11-01' }, // neither an end date nor indefinite
    ];
    const check = notesToCheck(notes, EVENT, TODAY);
    // Listed oldest first (by start, then issue, recording and id), whatever order they are held in.
    assert.deepEqual(
      check.map((c) => c.note),
      [notes[2], notes[3], notes[1]],
    );
    assert.match(check[0].problems.endDate, /at most 3 months/);
    assert.match(check[1].problems.endDate, /no end date/);
    assert.match(check[2].problems.startDate, /after today/);
    assert.match(storedNoteProblems(notes[3], EVENT, TODAY).endDate, /no end date/);
  });
});

function n(id: string, startDate: string, endDate: string | null, extra: Partial<FitNote> = {}): FitNote {
  return {
    id,
    status: 'not_fit',
    advice: [],
    startDate,
    ...(endDate === null ? { indefinite: true } : { endDate }),
    recordedAt: `${startDate}T09:00:00Z`,
    recordedBy: 'o',
    ...extra,
  };
}

describe('the current fit note, expiring and ended (CONTRACT §4)', () => {
  it('the current note is the latest-starting note covering today', () => {
    const notes = [
      n('a', '2026-10-01', '2026-12-31'),
      n('b', '2026-11-20', '2026-12-10'),
      n('c', '2026-12-01', '2027-01-10'), // not yet started (and a future note is itself to be checked)
    ];
    assert.equal(currentFitNote(notes, '2026-11-25')?.id, 'b');
    assert.equal(currentFitNote(notes, '2026-09-30'), null);
    assert.equal(currentNoteOf({ fitNotes: notes }, '2026-11-25')?.id, 'b');
    assert.equal(currentNoteOf({}, '2026-11-25'), null);
  });

  it('covers its end date itself; the day after, it has ended', () => {
    const notes = [n('a', '2026-11-01', '2026-11-25')];
    assert.equal(currentFitNote(notes, '2026-11-25')?.id, 'a');
    assert.equal(currentFitNote(notes, '2026-11-26'), null);
    assert.deepEqual(fitNoteStanding(notes, '2026-11-26', 7), { kind: 'ended', note: notes[0], daysAgo: 1 });
  });

  it('the issue’s case: a newer note ending in 3 days supersedes the referral note ending in 20, and is expiring', () => {
    const referral = n('referral', '2026-11-01', addDays(TODAY, 20));
    const newer = n('newer', '2026-11-22', addDays(TODAY, 3), { status: 'may_be_fit', advice: ['phased_return'] });
    const standing = fitNoteStanding([referral, newer], TODAY, 7);
    assert.equal(standing.kind, 'current');
    assert.ok(standing.kind === 'current' && standing.note.id === 'newer' && standing.expiring);
    assert.equal(standing.kind === 'current' && standing.daysLeft, 3);
    // Once the newer note ends, cover has ended: the superseded referral note does not come back.
    const after = fitNoteStanding([referral, newer], addDays(TODAY, 4), 7);
    assert.equal(after.kind, 'ended');
    assert.equal(after.kind === 'ended' && after.note.id, 'newer');
    assert.equal(currentFitNote([referral, newer], addDays(TODAY, 4)), null);
  });

  it('an indefinite note never expires nor ends', () => {
    const notes = [n('a', '2025-01-01', '2025-06-30'), n('b', '2025-07-01', null)];
    for (const day of ['2025-07-01', TODAY, '2040-01-01']) {
      const s = fitNoteStanding(notes, day, 7);
      assert.deepEqual(s, { kind: 'current', note: notes[1], expiring: false, daysLeft: null });
    }
  });

  it('a note typed with the wrong year (2036) no longer silences "ended": it is not in force until it starts', () => {
    const notes = [n('a', '2026-10-20', '2026-11-20'), n('typo', '2036-11-21', '2036-12-20')];
    const s = fitNoteStanding(notes, TODAY, 7);
    assert.equal(s.kind, 'ended');
    assert.equal(s.kind === 'ended' && s.note.id, 'a');
  });

  it('notes starting the same day: the later-issued wins, then the later-recorded', () => {
    const early = n('x', '2026-11-20', '2026-12-20', { statementDate: '2026-11-20' });
    const reissued = n('y', '2026-11-20', '2026-11-27', { statementDate: '2026-11-22' });
    assert.equal(currentFitNote([reissued, early], TODAY)?.id, 'y');
    assert.equal(currentFitNote([early, reissued], TODAY)?.id, 'y');
    const typed = n('p', '2026-11-20', '2026-12-20');
    const corrected = n('q', '2026-11-20', '2026-11-30', { recordedAt: '2026-11-21T09:00:00Z' });
    assert.equal(currentFitNote([corrected, typed], TODAY)?.id, 'q');
  });

  describe('properties: the order notes are held or recorded in never changes the answer', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((d) => addDays('2026-06-01', d));
    const noteArb = fc.record({
      start: day,
      length: fc.integer({ min: 0, max: 120 }),
      indefinite: fc.boolean(),
      issuedAfter: fc.integer({ min: 0, max: 20 }),
    });
    const notesArb = fc.uniqueArray(noteArb, { minLength: 0, maxLength: 6, selector: (x) => x.start });
    const build = (
      raw: { start: string; length: number; indefinite: boolean; issuedAfter: number }[],
      order: number[],
    ) =>
      order.map((i, k) => {
        const r = raw[i];
        return n(`n${i}`, r.start, r.indefinite ? null : addDays(r.start, r.length), {
          statementDate: addDays(r.start, r.issuedAfter),
          // recorded in the order given: the k-th recorded note is recorded k minutes after the first
          recordedAt: `2026-12-31T09:${String(k).padStart(2, '0')}:00Z`,
        });
      });
    const answer = (notes: FitNote[], today: string) => {
      const s = fitNoteStanding(notes, today, 7);
      return s.kind === 'none' ? s : { ...s, note: s.note.id };
    };

    it('any order of recording notes gives the same current, expiring and ended answer', () => {
      fc.assert(
        fc.property(
          notesArb.chain((raw) =>
            fc.tuple(
              fc.constant(raw),
              fc.shuffledSubarray([...raw.keys()], { minLength: raw.length, maxLength: raw.length }),
              day,
            ),
          ),
          ([raw, order, today]) => {
            const inOrder = build(raw, [...raw.keys()]);
            const shuffled = build(raw, order);
            assert.deepEqual(answer(shuffled, today), answer(inOrder, today));
            assert.deepEqual(answer([...inOrder].reverse(), today), answer(inOrder, today));
          },
        ),
        { numRuns: 300 },
      );
    });

    it('every screen agrees: the digest lists a case as expiring or ended exactly when the rule says so', () => {
      fc.assert(
        fc.property(
          notesArb.chain((raw) =>
            fc.tuple(
              fc.constant(raw),
              fc.shuffledSubarray([...raw.keys()], { minLength: raw.length, maxLength: raw.length }),
              day,
            ),
          ),
          ([raw, order, today]) => {
            const notes = build(raw, order);
            const s = fitNoteStanding(notes, today, 7);
            const digest = selectDigest([caseWith(notes)], { today, windowDays: 7, holidays: ENGLAND_AND_WALES });
            assert.equal(digest.expiring.length, s.kind === 'current' && s.expiring ? 1 : 0);
            assert.equal(digest.expired.length, s.kind === 'ended' ? 1 : 0);
            // The case hub and caseloads show currentNoteOf: the same note the standing is about.
            const current = currentNoteOf({ fitNotes: notes }, today);
            assert.equal(current?.id ?? null, s.kind === 'current' ? s.note.id : null);
            if (digest.expiring[0]) assert.equal(digest.expiring[0].endDate, current?.endDate);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

function caseWith(fitNotes: FitNote[]): CaseRecord {
  return {
    id: 'c1',
    serviceId: 's',
    ref: 'RTW-0001',
    status: 'active',
    patient: { name: 'P', nameKey: 'p', nhsNumber: '9434765919', dateOfBirth: '1968-04-12' },
    referral: {
      eventType: 'MI',
      eventDate: '2026-05-01',
      employmentStatus: 'employed',
      jobDemands: [],
      fitNoteStatus: 'not_fit',
      contactPreference: 'telephone',
      consent: true,
      referredOn: '2026-05-05',
    },
    referredBy: { aadObjectId: 'n', name: 'N' },
    assignedOt: { aadObjectId: 'o', name: 'O' },
    fitNotes,
    sessions: [],
    createdAt: '2026-05-05T09:00:00Z',
    updatedAt: '2026-05-05T09:00:00Z',
  };
}
