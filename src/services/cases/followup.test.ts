import { strict as assert } from 'node:assert';
import {
  allAudit,
  caseAudit,
  contentOf,
  discharged,
  dischargedForFollowUp,
  expectKind,
  lead,
  nurse,
  okValue,
  OTHER_SERVICE,
  ot,
  reread,
  seedCase,
  world,
  type World,
} from '../../../test/support/useCases';
import { WORK_REFUSAL } from './access';
import { openFollowUp, recordFollowUp } from './followup';

let serial = 0;
function followUpData(caseId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    caseId,
    submissionId: `fu-${serial}-${Math.random().toString(36).slice(2, 10)}`,
    due: '3m',
    date: '2026-11-24',
    workStatus: 'working_reduced',
    hoursPerWeek: '24',
    absenceDays: '3',
    workAbility: '7',
    notes: 'Back four days a week.',
    ...overrides,
  };
}

describe('recordFollowUp (followup.submit) and openFollowUp (followup <ref>)', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
  });
  afterEach(() => w.close());

  it('records the follow-up on the discharged case, moves followUpDue on to the next, and audits codes only', async () => {
    const c = await seedCase(w.deps, dischargedForFollowUp());
    const data = followUpData(c.id);
    const saved = okValue(await recordFollowUp(w.deps, ot, data));
    assert.equal(saved.duplicate, false);
    const stored = await reread(w.deps, c);
    assert.deepEqual(stored.followUps, [
      {
        id: data.submissionId,
        due: '3m',
        date: '2026-11-24',
        workStatus: 'working_reduced',
        hoursPerWeek: 24,
        absenceDays: 3,
        workAbility: 7,
        notes: 'Back four days a week.',
        recordedAt: w.clock.now().toISOString(),
        recordedBy: { aadObjectId: ot.aadObjectId, name: ot.name },
      },
    ]);
    assert.equal(c.followUpDue, '2026-11-25');
    assert.equal(stored.followUpDue, '2027-02-25', 'the 6-month follow-up is the next owed');
    assert.equal(stored.status, 'discharged');
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'followup.submit')).map((e) => [e.outcome, e.detail]),
      [['ok', { due: '3m', workStatus: 'working_reduced' }]],
    );
  });

  it("answers Teams' retry of the same card without writing a second follow-up", async () => {
    const c = await seedCase(w.deps, dischargedForFollowUp());
    const data = followUpData(c.id);
    okValue(await recordFollowUp(w.deps, ot, data));
    const after = await reread(w.deps, c);
    const again = okValue(await recordFollowUp(w.deps, ot, data));
    assert.equal(again.duplicate, true);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(after));
    assert.deepEqual((await caseAudit(w.deps, c, 'followup.submit')).map((e) => e.outcome).sort(), ['duplicate', 'ok']);
  });

  it('names every bad field, writes nothing, and audits the field names only', async () => {
    const c = await seedCase(w.deps, dischargedForFollowUp());
    const out = expectKind(
      await recordFollowUp(
        w.deps,
        ot,
        followUpData(c.id, {
          due: '6m',
          date: '2026-11-26',
          workStatus: 'dunno',
          workAbility: '12',
          notes: 'Secret words',
        }),
      ),
      'invalid',
    );
    assert.deepEqual(Object.keys(out.errors).sort(), ['date', 'due', 'workAbility', 'workStatus']);
    assert.match(out.errors.due, /not due yet/);
    assert.equal(out.subject?.id, c.id, 'the case comes back to draw the form again');
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    const [entry] = await caseAudit(w.deps, c, 'followup.submit');
    assert.equal(entry?.outcome, 'invalid');
    assert.doesNotMatch(JSON.stringify(entry), /Secret words/);
  });

  it('refuses a second card for a follow-up a colleague recorded first, naming theirs', async () => {
    const c = await seedCase(w.deps, dischargedForFollowUp());
    okValue(await recordFollowUp(w.deps, lead, followUpData(c.id)));
    const after = await reread(w.deps, c);
    const out = expectKind(
      await recordFollowUp(w.deps, ot, followUpData(c.id, { workStatus: 'off_sick' })),
      'conflict',
    );
    assert.match(out.message, /3-month follow-up of RTW-\d+ was recorded on 24 Nov 2026 by /);
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(after));
    assert.deepEqual((await caseAudit(w.deps, c, 'followup.submit')).map((e) => [e.outcome, e.detail?.reason]).sort(), [
      ['conflict', 'already_recorded'],
      ['ok', undefined],
    ]);
  });

  it('refuses a nurse before reading anything, and audits the refusal', async () => {
    const c = await seedCase(w.deps, dischargedForFollowUp());
    const out = expectKind(await recordFollowUp(w.deps, nurse, followUpData(c.id)), 'forbidden');
    assert.equal(out.message, WORK_REFUSAL);
    expectKind(await openFollowUp(w.deps, nurse, c.ref), 'forbidden');
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    const refusals = await allAudit(w, { actor: nurse.aadObjectId, outcome: 'refused' });
    assert.deepEqual(refusals.map((e) => e.action).sort(), ['case.form.followup', 'followup.submit']);
  });

  it('refuses an open case: a follow-up comes after discharge', async () => {
    const c = await seedCase(w.deps);
    const out = expectKind(await recordFollowUp(w.deps, ot, followUpData(c.id)), 'conflict');
    assert.match(out.message, /still open/);
    expectKind(await openFollowUp(w.deps, ot, c.ref), 'conflict');
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
    assert.deepEqual(
      (await caseAudit(w.deps, c, 'followup.submit')).map((e) => [e.outcome, e.detail?.status]),
      [['conflict', 'active']],
    );
  });

  it('refuses a case discharged without consent, or before consent was asked', async () => {
    const unasked = await seedCase(w.deps, discharged());
    const out = expectKind(await recordFollowUp(w.deps, ot, followUpData(unasked.id)), 'conflict');
    assert.match(out.message, /without consent/);
    const refused = await seedCase(w.deps, {
      ...dischargedForFollowUp(),
      discharge: { ...dischargedForFollowUp().discharge!, followUpConsent: false },
    });
    expectKind(await openFollowUp(w.deps, lead, refused.ref), 'conflict');
    assert.deepEqual(contentOf(await reread(w.deps, refused)), contentOf(refused));
  });

  it('takes "not reached" as an attempt, and closes the follow-ups at the third in a row', async () => {
    const c = await seedCase(w.deps, dischargedForFollowUp());
    const notReached = (date: string) =>
      followUpData(c.id, { date, workStatus: 'not_reached', hoursPerWeek: '', absenceDays: '', workAbility: '' });
    okValue(await recordFollowUp(w.deps, ot, notReached('2026-11-19')));
    okValue(await recordFollowUp(w.deps, lead, notReached('2026-11-21')));
    let stored = await reread(w.deps, c);
    assert.equal(stored.followUpDue, '2026-11-25', 'still owed after two attempts');
    okValue(await openFollowUp(w.deps, ot, c.ref));
    okValue(await recordFollowUp(w.deps, ot, notReached('2026-11-24')));
    stored = await reread(w.deps, c);
    assert.equal(stored.followUps?.length, 3);
    assert.equal(stored.followUpDue, undefined, 'lost to follow-up: nothing owed, the digest no longer reads it');
    const out = expectKind(await recordFollowUp(w.deps, ot, followUpData(c.id)), 'conflict');
    assert.match(out.message, /lost to follow-up/);
    const card = expectKind(await openFollowUp(w.deps, ot, c.ref), 'conflict');
    assert.match(card.message, /lost to follow-up/);
  });

  it('offers the form only when a follow-up is due, and names when the next one is', async () => {
    const early = await seedCase(w.deps, dischargedForFollowUp('2026-09-10')); // 3m on 10 Dec, due from 3 Dec
    const out = expectKind(await openFollowUp(w.deps, ot, early.ref), 'conflict');
    assert.match(out.message, /due from 3 Dec 2026/);
    const due = await seedCase(w.deps, dischargedForFollowUp('2026-05-20')); // 3m overdue, 6m on 20 Nov overdue
    const view = okValue(await openFollowUp(w.deps, ot, due.ref));
    assert.deepEqual(
      view.open.map((s) => [s.due, s.state]),
      [
        ['3m', 'overdue'],
        ['6m', 'overdue'],
      ],
    );
    assert.deepEqual(
      (await caseAudit(w.deps, due, 'case.form.followup')).map((e) => e.outcome),
      ['ok'],
    );
  });

  it('never finds a case of another service', async () => {
    const c = await seedCase(w.deps, dischargedForFollowUp(), OTHER_SERVICE);
    expectKind(await recordFollowUp(w.deps, ot, followUpData(c.id)), 'not_found');
    expectKind(await openFollowUp(w.deps, ot, c.ref), 'not_found');
    assert.deepEqual(contentOf(await reread(w.deps, c)), contentOf(c));
  });
});
