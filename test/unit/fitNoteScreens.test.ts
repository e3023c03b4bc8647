import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { caseCard } from '../../src/cards/case';
import { caseloadCard } from '../../src/cards/caseload';
import { digestCard } from '../../src/cards/digest';
import type { CaseRecord } from '../../src/domain/case';
import { addDays } from '../../src/domain/dates';
import { selectDigest } from '../../src/domain/digest';
import type { FitNote } from '../../src/domain/fitNote';
import { ENGLAND_AND_WALES } from '../../src/domain/workingDays';
import { cardText } from '../support/cards';
import { sampleCase } from '../support/cardSamples';

/**
 * Issue 14: "any order of recording notes gives the same answer on every screen". The case hub,
 * the caseload and the lead's digest are drawn for the same notes held in any order (notes sharing
 * a start date included, each keeping its own recording time) and must read the same.
 */
describe('every screen gives the same fit note answer, whatever order the notes are held in', () => {
  const day = fc.integer({ min: 0, max: 120 }).map((d) => addDays('2026-10-12', d));
  const noteArb = fc.record({
    start: day,
    length: fc.integer({ min: 0, max: 60 }),
    issuedAfter: fc.integer({ min: 0, max: 5 }),
    recordedMinute: fc.integer({ min: 0, max: 59 }),
  });

  function notesOf(raw: { start: string; length: number; issuedAfter: number; recordedMinute: number }[]): FitNote[] {
    return raw.map((r, i) => ({
      id: `fn${i}`,
      status: i % 2 ? 'may_be_fit' : 'not_fit',
      advice: i % 2 ? ['phased_return'] : [],
      statementDate: addDays(r.start, r.issuedAfter),
      startDate: r.start,
      endDate: addDays(r.start, r.length),
      recordedAt: `2026-11-01T10:${String(r.recordedMinute).padStart(2, '0')}:00Z`,
      recordedBy: 'o',
    }));
  }

  function screens(c: CaseRecord, today: string): string[] {
    const hub = cardText(caseCard(c, today, { role: 'ot' }));
    const caseload = cardText(
      caseloadCard({ all: false, page: 1, pages: 1, total: 1, cases: [{ ...c, _etag: 'e' }] }, today),
    );
    const selection = selectDigest([c], { today, windowDays: 7, holidays: ENGLAND_AND_WALES });
    const digest = cardText(
      digestCard({ selection, serviceName: c.serviceId, unreachableLeads: [], page: 1, preview: true }).card,
    );
    return [hub, caseload, digest];
  }

  it('the hub, the caseload and the digest read the same for every order', () => {
    fc.assert(
      fc.property(
        fc.array(noteArb, { maxLength: 5 }).chain((raw) =>
          fc.tuple(
            fc.constant(raw),
            fc.shuffledSubarray([...raw.keys()], { minLength: raw.length, maxLength: raw.length }),
            fc.integer({ min: 0, max: 150 }).map((d) => addDays('2026-10-12', d)),
          ),
        ),
        ([raw, order, today]) => {
          const notes = notesOf(raw);
          const base = sampleCase();
          const held = { ...base, fitNotes: notes };
          const shuffled = { ...base, fitNotes: order.map((i) => notes[i]) };
          assert.deepEqual(screens(shuffled, today), screens(held, today));
        },
      ),
      { numRuns: 150 },
    );
  });
});
