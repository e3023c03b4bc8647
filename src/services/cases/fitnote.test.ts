import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  contentOf,
  declined,
  expectKind,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  referred,
  reread,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { WORK_REFUSAL } from './access';
import { recordFitNote } from './fitnote';
import { logSession } from './session';

const EARLIER_NOTE = {
  id: 'earlier-note-1',
  status: 'not_fit' as const,
  advice: [],
  startDate: '2026-10-05',
  endDate: '2026-11-19',
  recordedAt: '2026-10-06T09:00:00.000Z',
  recordedBy: ot.aadObjectId,
};

function fitNoteData(caseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId,
    submissionId: `fn-${Math.random().toString(36).slice(2, 12)}`,
    status: 'may_be_fit',
    advice: 'phased_return,altered_hours',
    startDate: '2026-11-20',
    endDate: '2026-12-18',
    issuedBy: 'Dr Patel',
    reassessmentNeeded: 'true',
    ...overrides,
  };
}

describe('recordFitNote (fitnote.submit)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('adds the Med3 beside the notes already kept, and audits its status', async () => {
    const c = await seedCase(w.deps, { fitNotes: [EARLIER_NOTE] });
    const data = fitNoteData(c.id);
    assert.equal(okValue(await recordFitNote(w.deps, ot, data)).duplicate, false);

    const notes = (await reread(w.deps, c)).fitNotes;
    assert.deepEqual(
      notes.map((n) => n.id),
      [EARLIER_NOTE.id, data.submissionId],
    );
    const added = notes[1]!;
    assert.equal(added.status, 'may_be_fit');
    assert.deepEqual(added.advice, ['phased_return', 'altered_hours']);
    assert.equal(added.startDate, '2026-11-20');
    assert.equal(added.endDate, '2026-12-18');
    assert.equal(added.issuedBy, 'Dr Patel');
    assert.equal(added.reassessmentNeeded, true);
    assert.equal(added.recordedBy, ot.aadObjectId);
    assert.equal(added.recordedAt, w.clock.now().toISOString());
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'fitnote.submit')).map((e) => [e.outcome, e.detail?.status]),
      [['ok', 'may_be_fit']],
    );
  });

  it('refuses a nurse and audits the refusal', async () => {
    const c = await seedCase(w.deps);
    assert.equal(expectKind(await recordFitNote(w.deps, nurse, fitNoteData(c.id)), 'forbidden').message, WORK_REFUSAL);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'fitnote.submit')).map((e) => [e.outcome, e.actor]),
      [['refused', nurse.aadObjectId]],
    );
  });

  it('names advice on a "not fit" note and an end before the start, and writes nothing', async () => {
    const c = await seedCase(w.deps, { fitNotes: [EARLIER_NOTE] });
    const outcome = expectKind(
      await recordFitNote(w.deps, ot, fitNoteData(c.id, { status: 'not_fit', endDate: '2026-11-10' })),
      'invalid',
    );
    assert.deepEqual(Object.keys(outcome.errors).sort(), ['advice', 'endDate']);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    const [entry] = await caseAudit(w.deps, c, 'fitnote.submit');
    assert.equal(entry?.outcome, 'invalid');
  });

  it('refuses a note longer than 3 months in the first 6 months after the event', async () => {
    // The seeded event is 2026-10-01: a note from 2026-11-20 may run to 2027-02-20 at most.
    const c = await seedCase(w.deps);
    const outcome = expectKind(
      await recordFitNote(w.deps, ot, fitNoteData(c.id, { endDate: '2027-02-21' })),
      'invalid',
    );
    assert.match(outcome.errors.endDate!, /at most 3 months/);
    assert.equal((await reread(w.deps, c)).fitNotes.length, 0);
    okValue(await recordFitNote(w.deps, ot, fitNoteData(c.id, { endDate: '2027-02-20' })));
  });

  it('refuses a note starting before the cardiac event', async () => {
    const c = await seedCase(w.deps);
    const outcome = expectKind(
      await recordFitNote(w.deps, ot, fitNoteData(c.id, { startDate: '2026-09-30' })),
      'invalid',
    );
    assert.deepEqual(Object.keys(outcome.errors), ['startDate']);
  });

  it('keeps one note for the same submission sent twice', async () => {
    const c = await seedCase(w.deps);
    const data = fitNoteData(c.id);
    okValue(await recordFitNote(w.deps, ot, data));
    const again = okValue(await recordFitNote(w.deps, ot, data));
    assert.equal(again.duplicate, true);
    assert.equal((await reread(w.deps, c)).fitNotes.length, 1);
    assert.deepEqual((await caseAudit(w.deps, c, 'fitnote.submit')).map((e) => e.outcome).sort(), ['duplicate', 'ok']);
  });

  it('keeps a fit note and a session saved at the same moment (no lost update)', async () => {
    const c = await seedCase(w.deps);
    const note = fitNoteData(c.id);
    const session = {
      caseId: c.id,
      submissionId: 'sess-concurrent-1',
      date: '2026-11-24',
      mode: 'video',
      durationMinutes: '30',
      notes: 'Video call.',
    };
    const [a, b] = await Promise.all([recordFitNote(w.deps, ot, note), logSession(w.deps, ot, session)]);
    okValue(a);
    okValue(b);
    const stored = await reread(w.deps, c);
    assert.deepEqual(
      stored.fitNotes.map((n) => n.id),
      [note.submissionId],
    );
    assert.deepEqual(
      stored.sessions?.map((s) => s.id),
      ['sess-concurrent-1'],
    );
  });

  it('refuses a declined referral and one not yet accepted', async () => {
    for (const state of [declined(), referred()]) {
      const c = await seedCase(w.deps, state);
      expectKind(await recordFitNote(w.deps, ot, fitNoteData(c.id)), 'conflict');
      assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
      assert.deepEqual(
        (await caseAudit(w.deps, c, 'fitnote.submit')).map((e) => e.outcome),
        ['conflict'],
      );
    }
  });

  it("answers not found for another service's case", async () => {
    const theirs = await seedCase(w.deps, {}, OTHER_SERVICE);
    expectKind(await recordFitNote(w.deps, ot, fitNoteData(theirs.id)), 'not_found');
    assert.deepEqual(contentOf(await reread(w.deps, theirs)), contentOf(theirs));
    assert.equal((await allAudit(w, { action: 'fitnote.submit', outcome: 'not_found' })).length, 1);
  });
});
