import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  contentOf,
  discharged,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  ot2,
  referred,
  reread,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { WORK_REFUSAL } from './access';
import { logSession } from './session';

function sessionData(caseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caseId,
    submissionId: `sess-${Math.random().toString(36).slice(2, 12)}`,
    date: '2026-11-24',
    mode: 'telephone',
    durationMinutes: '40',
    topics: 'fatigue,pacing',
    notes: 'Talked through pacing at work.',
    nextContactDate: '2026-12-01',
    ...overrides,
  };
}

describe('logSession (session.submit)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('adds the session to the case, recorded by the OT, and audits it', async () => {
    const c = await seedCase(w.deps);
    const data = sessionData(c.id);
    const saved = okValue(await logSession(w.deps, ot2, data));
    assert.equal(saved.duplicate, false);

    const stored = await reread(w.deps, c);
    assert.equal(stored.sessions?.length, 1);
    const s = stored.sessions![0]!;
    assert.equal(s.id, data.submissionId);
    assert.equal(s.date, '2026-11-24');
    assert.equal(s.mode, 'telephone');
    assert.equal(s.durationMinutes, 40);
    assert.deepEqual(s.topics, ['fatigue', 'pacing']);
    assert.equal(s.notes, 'Talked through pacing at work.');
    assert.equal(s.nextContactDate, '2026-12-01');
    assert.deepEqual(s.recordedBy, { aadObjectId: ot2.aadObjectId, name: ot2.name });
    assert.equal(s.recordedAt, w.clock.now().toISOString());
    assert.equal(stored.updatedAt, w.clock.now().toISOString());

    const [entry, ...more] = await caseAudit(w.deps, c, 'session.submit');
    assert.equal(more.length, 0);
    assert.equal(entry!.outcome, 'ok');
    assert.equal(entry!.actor, ot2.aadObjectId);
    assert.equal(entry!.caseRef, c.ref);
    assert.deepEqual(entry!.detail, { mode: 'telephone' });
  });

  it('keeps the Work Ability Score when given, and none when left empty', async () => {
    const c = await seedCase(w.deps);
    okValue(await logSession(w.deps, ot, sessionData(c.id, { workAbility: '3' })));
    okValue(await logSession(w.deps, ot, sessionData(c.id, { workAbility: '' })));
    const stored = await reread(w.deps, c);
    assert.deepEqual(
      stored.sessions?.map((s) => s.workAbility),
      [3, undefined],
    );
    const bad = await logSession(w.deps, ot, sessionData(c.id, { workAbility: '7.5' }));
    assert.equal(bad.kind, 'invalid');
    assert.deepEqual(Object.keys(bad.kind === 'invalid' ? bad.errors : {}), ['workAbility']);
  });

  it('refuses a nurse, writes nothing to the case and audits the refusal', async () => {
    const c = await seedCase(w.deps, { referredBy: { aadObjectId: nurse.aadObjectId, name: nurse.name } });
    const refused = expectKind(await logSession(w.deps, nurse, sessionData(c.id)), 'forbidden');
    assert.equal(refused.message, WORK_REFUSAL);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    const entries = await caseAudit(w.deps, c, 'session.submit');
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.actor, e.detail?.reason]),
      [['refused', nurse.aadObjectId, 'role']],
    );
  });

  it('names every bad field, writes nothing, and audits the field names only', async () => {
    const c = await seedCase(w.deps);
    const outcome = expectKind(
      await logSession(w.deps, ot, sessionData(c.id, { date: '2026-11-26', notes: '  ', mode: 'carrier_pigeon' })),
      'invalid',
    );
    assert.deepEqual(Object.keys(outcome.errors).sort(), ['date', 'mode', 'notes']);
    assert.match(outcome.errors.date!, /future/);
    assert.equal(outcome.subject?.id, c.id, 'the form is shown again about the same case');
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    const [entry, ...more] = await caseAudit(w.deps, c, 'session.submit');
    assert.equal(more.length, 0);
    assert.equal(entry!.outcome, 'invalid');
    assert.deepEqual([...(entry!.detail!.fields as string[])].sort(), ['date', 'mode', 'notes']);
  });

  it('refuses a session dated before the referral', async () => {
    const c = await seedCase(w.deps);
    const outcome = expectKind(await logSession(w.deps, ot, sessionData(c.id, { date: '2026-11-01' })), 'invalid');
    assert.deepEqual(Object.keys(outcome.errors), ['date']);
    assert.equal((await reread(w.deps, c)).sessions?.length ?? 0, 0);
  });

  it('writes a resubmitted card once and answers the second time as a duplicate', async () => {
    const c = await seedCase(w.deps);
    const data = sessionData(c.id);
    assert.equal(okValue(await logSession(w.deps, ot, data)).duplicate, false);
    const again = okValue(await logSession(w.deps, ot, data));
    assert.equal(again.duplicate, true);
    assert.equal(again.record.sessions?.length, 1);
    assert.equal((await reread(w.deps, c)).sessions?.length, 1);
    const outcomes = (await caseAudit(w.deps, c, 'session.submit')).map((e) => e.outcome).sort();
    assert.deepEqual(outcomes, ['duplicate', 'ok']);
  });

  it('writes a double click racing itself once', async () => {
    const c = await seedCase(w.deps);
    const data = sessionData(c.id);
    const answers = await Promise.all([logSession(w.deps, ot, data), logSession(w.deps, ot, { ...data })]);
    assert.deepEqual(answers.map((a) => okValue(a).duplicate).sort(), [false, true]);
    assert.equal((await reread(w.deps, c)).sessions?.length, 1);
  });

  it('keeps both of two sessions logged at the same moment (no lost update)', async () => {
    const c = await seedCase(w.deps);
    const first = sessionData(c.id, { notes: 'First note.' });
    const second = sessionData(c.id, { notes: 'Second note.', mode: 'video' });
    const answers = await Promise.all([logSession(w.deps, ot, first), logSession(w.deps, lead, second)]);
    for (const a of answers) assert.equal(okValue(a).duplicate, false);
    const ids = (await reread(w.deps, c)).sessions!.map((s) => s.id).sort();
    assert.deepEqual(ids, [first.submissionId, second.submissionId].sort());
  });

  it('refuses a discharged case with a conflict and leaves it as it was', async () => {
    const c = await seedCase(w.deps, discharged());
    const outcome = expectKind(await logSession(w.deps, ot, sessionData(c.id)), 'conflict');
    assert.match(outcome.message, new RegExp(`${c.ref} was discharged on 2026-11-20`));
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'session.submit')).map((e) => [e.outcome, e.detail?.status]),
      [['conflict', 'discharged']],
    );
  });

  it('refuses a referral nobody has accepted yet', async () => {
    const c = await seedCase(w.deps, referred());
    const outcome = expectKind(await logSession(w.deps, ot, sessionData(c.id)), 'conflict');
    assert.match(outcome.message, /has not been accepted yet/);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
  });

  it("answers not found for another service's case, and writes nothing to it", async () => {
    const theirs = await seedCase(w.deps, {}, OTHER_SERVICE);
    expectKind(await logSession(w.deps, ot, sessionData(theirs.id)), 'not_found');
    assert.deepEqual(contentOf(await reread(w.deps, theirs)), contentOf(theirs));
    const misses = await allAudit(w, { action: 'session.submit', outcome: 'not_found' });
    assert.equal(misses.length, 1);
    assert.equal(misses[0]!.serviceId, ot.serviceId, 'the miss is kept in the actor’s service, naming no case');
    assert.equal(misses[0]!.caseId, undefined);
  });
});
