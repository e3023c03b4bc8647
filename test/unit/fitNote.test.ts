import { strict as assert } from 'node:assert';
import { currentFitNote, fitNoteProblems, latestFitNote } from '../../src/domain/fitNote';

const FIELDS = { status: 'status', advice: 'advice', startDate: 'startDate', endDate: 'endDate' };

describe('fit note rules', () => {
  it('refuses advice ticks on a not-fit note but allows them on may-be-fit', () => {
    assert.ok(fitNoteProblems({ status: 'not_fit', advice: ['phased_return'] }, undefined, FIELDS).advice);
    assert.deepEqual(fitNoteProblems({ status: 'may_be_fit', advice: ['phased_return'] }, undefined, FIELDS), {});
  });

  it('picks the latest note covering today as current', () => {
    const notes = [
      { id: 'a', startDate: '2026-10-01', endDate: '2026-12-31', recordedAt: '2026-10-01T09:00:00Z' },
      { id: 'b', startDate: '2026-11-20', endDate: '2026-12-10', recordedAt: '2026-11-20T09:00:00Z' },
      { id: 'c', startDate: '2026-12-01', endDate: '2027-01-10', recordedAt: '2026-11-21T09:00:00Z' },
    ];
    assert.equal(currentFitNote(notes, '2026-11-25')?.id, 'b');
    assert.equal(currentFitNote(notes, '2026-09-30'), null);
    assert.equal(latestFitNote(notes)?.id, 'c');
  });

  it('covers the end date itself', () => {
    const notes = [{ id: 'a', startDate: '2026-11-01', endDate: '2026-11-25', recordedAt: '2026-11-01T09:00:00Z' }];
    assert.equal(currentFitNote(notes, '2026-11-25')?.id, 'a');
    assert.equal(currentFitNote(notes, '2026-11-26'), null);
  });
});
