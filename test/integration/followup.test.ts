import { strict as assert } from 'node:assert';
import { cardText, fieldError, inputValue, inputs } from '../support/cards';
import { LEAD, NURSE, OT } from '../support/people';
import { startCaseworkBot, storedCase, referAndAcceptPatient, formData } from '../support/casework';
import type { TestBot } from '../support/testBot';
import { allDocs } from '../support/storeInspect';

/**
 * Follow-ups after discharge over real HTTP against the embedded store. The case is discharged on
 * the bot's "today" (Wednesday 2026-11-25), then the clock moves on to its 3-month follow-up
 * (25 February 2027, due from 18 February).
 */
describe('follow-ups after discharge through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  it('asks consent and the Work Ability Score at discharge, then records the follow-up once due', async () => {
    const { caseId, ref } = await referAndAcceptPatient(bot);

    // The session card takes a Work Ability Score, and says what 0 and 10 mean.
    const [log] = await bot.say(OT, `log ${ref}`);
    assert.match(
      inputs(log).workAbility?.label ?? '',
      /0 = cannot work at all, 10 = work ability at its lifetime best/,
    );
    await bot.invoke(OT, 'session.submit', {
      ...formData(log, 'session.submit'),
      date: '2026-11-25',
      mode: 'telephone',
      durationMinutes: '30',
      notes: 'First call.',
      workAbility: '3',
    });

    // Discharge: consent asked, yes by default; the score kept.
    const [form] = await bot.say(OT, `discharge ${ref}`);
    assert.equal(inputValue(form, 'followUpConsent'), 'true');
    assert.match(inputs(form).workAbility?.label ?? '', /lifetime best/);
    const discharged = await bot.invoke(OT, 'case.discharge', {
      ...formData(form, 'case.discharge'),
      outcome: 'returned_phased',
      date: '2026-11-25',
      workAbility: '6',
      followUpConsent: 'true',
    });
    assert.match(cardText(discharged), /Next follow-up: 3-month follow-up, 25 Feb 2027 \(due from 18 Feb 2027\)/);
    assert.match(cardText(discharged), /Work Ability Score: first 3 \(25 Nov 2026\) → at discharge 6/);
    assert.ok(!cardText(discharged).includes('[Follow-up]'), 'no button before a follow-up is due');
    assert.equal((await storedCase(bot, caseId))?.followUpDue, '2027-02-25');
    const [early] = await bot.say(OT, `followup ${ref}`);
    assert.match(cardText(early), /not due yet|due from 18 Feb 2027/);

    // Three months on.
    bot.clock.set('2027-02-20T10:00:00Z');
    const [hub] = await bot.say(OT, `case ${ref}`);
    assert.match(cardText(hub), /\[Follow-up\]/);
    const digest = (await bot.say(LEAD, 'digest')).map(cardText).join('\n');
    assert.match(digest, /Follow-ups after discharge due or overdue \(1\)/);
    assert.match(
      digest,
      new RegExp(`${ref} · [^\n]+\n3-month follow-up, 25 Feb 2027 · due, 5 days to go · OT: ${OT.name}`),
    );
    const [card] = await bot.say(OT, `followup ${ref}`);
    assert.match(cardText(card), /Next: 3-month follow-up: 25 Feb 2027, due now/);
    assert.equal(inputValue(card, 'due'), '3m');
    assert.equal(inputValue(card, 'date'), '2027-02-20');
    const hidden = formData(card, 'followup.submit');

    // Bad input: the form again, values kept, each problem by its field, nothing written.
    const before = await storedCase(bot, caseId);
    const bad = await bot.invoke(OT, 'followup.submit', {
      ...hidden,
      due: '3m',
      date: '2027-02-21',
      workStatus: 'working_reduced',
      hoursPerWeek: '30',
      workAbility: '11',
      notes: 'Four days a week.',
    });
    assert.match(fieldError(bad, 'date') ?? '', /future/);
    assert.match(fieldError(bad, 'workAbility') ?? '', /0 to 10/);
    assert.equal(inputValue(bad, 'notes'), 'Four days a week.');
    assert.equal(String(inputValue(bad, 'hoursPerWeek')), '30');
    assert.deepEqual(await storedCase(bot, caseId), before);

    const good = {
      ...hidden,
      due: '3m',
      date: '2027-02-19',
      workStatus: 'working_reduced',
      hoursPerWeek: '30',
      absenceDays: '2',
      workAbility: '7',
      notes: 'Four days a week.',
    };
    const saved = await bot.invoke(OT, 'followup.submit', good);
    assert.match(cardText(saved), /3-month follow-up recorded on RTW-/);
    assert.match(
      cardText(saved),
      /Follow-ups done: 3-month follow-up: 19 Feb 2027, working, reduced hours, 30 h\/week/,
    );
    assert.match(cardText(saved), /latest follow-up 7 \(19 Feb 2027\)/);
    assert.ok(!cardText(saved).includes('[Follow-up]'), 'the 6-month one is not due yet');

    // Teams' retry of the same card: answered, nothing added.
    const retry = await bot.invoke(OT, 'followup.submit', good);
    assert.match(cardText(retry), /already been saved/);
    const record = await storedCase(bot, caseId);
    assert.equal(record?.followUps?.length, 1);
    assert.equal(record?.followUpDue, '2027-05-25');
    const audit = (await allDocs(bot.database, 'audit')).filter((e: any) => e.action === 'followup.submit');
    assert.deepEqual(audit.map((e: any) => e.outcome).sort(), ['duplicate', 'invalid', 'ok']);
    assert.doesNotMatch(JSON.stringify(audit), /Four days a week/);
  });

  it('refuses a nurse and an open case, writing nothing', async () => {
    const { caseId, ref } = await referAndAcceptPatient(bot);
    const before = await storedCase(bot, caseId);
    const data = {
      caseId,
      submissionId: 'http-followup-0001',
      due: '3m',
      date: '2026-11-25',
      workStatus: 'working_full',
    };
    assert.match(cardText(await bot.invoke(NURSE, 'followup.submit', data)), /Not allowed/);
    assert.match(cardText(await bot.invoke(OT, 'followup.submit', data)), /still open/);
    const [cmd] = await bot.say(LEAD, `followup ${ref}`);
    assert.match(cardText(cmd), /still open/);
    assert.deepEqual(await storedCase(bot, caseId), before);
  });
});
