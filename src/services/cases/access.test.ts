import { strict as assert } from 'node:assert';
import { StaleWriteError } from '../../store/errors';
import type { CaseRecord } from '../../domain/case';
import type { Stored } from '../../store/types';
import {
  allAudit,
  contentOf,
  expectKind,
  nurse,
  nurse2,
  OTHER_SERVICE,
  ot,
  referred,
  reread,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { conflict } from '../core/outcome';
import { caseFor, editable, fetchCase, updateCase } from './access';

describe('fetchCase and caseFor (the gate of every case use case)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('finds a case by card id or by reference only inside the actor’s service', async () => {
    const mine = await seedCase(w.deps);
    const theirs = await seedCase(w.deps, {}, OTHER_SERVICE);
    assert.equal((await fetchCase(w.deps, ot, { caseId: mine.id }))?.id, mine.id);
    assert.equal((await fetchCase(w.deps, ot, { ref: mine.ref }))?.id, mine.id);
    assert.equal(await fetchCase(w.deps, ot, { caseId: theirs.id }), null);
    assert.equal(await fetchCase(w.deps, ot, { ref: theirs.ref }), null);
  });

  it('gives a nurse only the cases they referred, however they are named', async () => {
    const hers = await seedCase(w.deps, referred(nurse));
    assert.equal((await fetchCase(w.deps, nurse, { caseId: hers.id }))?.id, hers.id);
    assert.equal(await fetchCase(w.deps, nurse2, { caseId: hers.id }), null);
    assert.equal(await fetchCase(w.deps, nurse2, { ref: hers.ref }), null);
  });

  it('looks up no card id that is not a plain token', async () => {
    for (const caseId of [undefined, 42, '', 'short', 'a/b/c/d/e/f', 'x'.repeat(65), ['case-1234567']]) {
      assert.equal(await fetchCase(w.deps, ot, { caseId }), null, String(caseId));
    }
  });

  it('audits a role refusal with the case as the card named it, and a miss naming none', async () => {
    const c = await seedCase(w.deps);
    expectKind(await caseFor(w.deps, nurse, 'test.act', 'case.work', { caseId: c.id }, 'No.'), 'forbidden');
    expectKind(await caseFor(w.deps, ot, 'test.act', 'case.work', { caseId: 'missing-case-1' }, 'No.'), 'not_found');
    const entries = await allAudit(w, { action: 'test.act' });
    assert.deepEqual(entries.map((e) => [e.outcome, e.actor, e.caseId ?? null]).sort(), [
      ['not_found', ot.aadObjectId, null],
      ['refused', nurse.aadObjectId, c.id],
    ]);
  });
});

describe('updateCase (read, change, replace with the etag)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  function withNote(note: string) {
    return (current: Stored<CaseRecord>) => {
      const next = editable(current);
      next.referral.notes = `${current.referral.notes ?? ''}${note}`;
      return { write: next, result: note };
    };
  }

  it('re-reads and re-decides on a concurrent write, so neither change is lost', async () => {
    const c = await seedCase(w.deps);
    assert.equal((await updateCase(w.deps, c, withNote('A'))).written, true);
    // `c` still carries the etag from before the first change.
    const seen: string[] = [];
    const result = await updateCase(w.deps, c, (current) => {
      seen.push(current.referral.notes ?? '');
      return withNote('B')(current);
    });
    assert.equal(result.written, true);
    assert.deepEqual(seen, ['', 'A'], 'the change was decided again on the case as it now is');
    assert.equal((await reread(w.deps, c)).referral.notes, 'AB');
  });

  it('gives up with a StaleWriteError after its attempts, having written nothing', async () => {
    const c = await seedCase(w.deps);
    await updateCase(w.deps, c, withNote('A'));
    const before = await reread(w.deps, c);
    await assert.rejects(updateCase(w.deps, c, withNote('B'), 1), StaleWriteError);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(before));
  });

  it('writes nothing when the change says skip', async () => {
    const c = await seedCase(w.deps);
    const result = await updateCase(w.deps, c, () => ({ skip: conflict('no') }));
    assert.deepEqual(result, { written: false, outcome: conflict('no') });
    assert.equal((await reread(w.deps, c))._etag, c._etag);
  });
});
