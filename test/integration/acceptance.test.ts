import { strict as assert } from 'node:assert';
import { conversationOf } from '../support/activities';
import { cardText, executeActions, fieldError, unresolvedBindings } from '../support/cards';
import { LEAD, NURSE, OT, OT2, validReferral } from '../support/people';
import { startCaseworkBot, storedCase, referPatient, formData, SERVICE } from '../support/casework';
import type { TestBot } from '../support/testBot';

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const stored = (caseId: string) => storedCase(bot, caseId);
  const refer = (overrides?: Record<string, unknown>) => referPatient(bot, overrides);

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  describe('new referrals and accepting them', () => {
    it('sends every OT and lead a card with Accept and Decline; the first accept wins and a second is told who has it', async () => {
      const { caseId, ref } = await refer();
      const newCards = (who: typeof OT) =>
        bot.connector.cards(conversationOf(who)).filter((c) => cardText(c).includes(`New referral ${ref}`));
      await bot.connector.waitFor(() => [LEAD, OT, OT2].every((w) => newCards(w).length === 1));
      assert.equal(
        bot.connector.cards(conversationOf(NURSE)).filter((c) => cardText(c).includes('New referral')).length,
        0,
        'the nurse is not sent it',
      );

      const otCard = newCards(OT)[0];
      assert.deepEqual(formData(otCard, 'referral.accept'), { caseId });
      assert.ok(formData(otCard, 'referral.decline').caseId === caseId);
      assert.deepEqual(unresolvedBindings(otCard), []);

      const accepted = await bot.invoke(OT, 'referral.accept', formData(otCard, 'referral.accept'));
      assert.match(cardText(accepted), new RegExp(`You have accepted ${ref}`));
      assert.equal(
        executeActions(accepted).filter((a) => a.verb === 'referral.accept').length,
        0,
        'no Accept once accepted',
      );

      const second = await bot.invoke(OT2, 'referral.accept', formData(newCards(OT2)[0], 'referral.accept'));
      assert.match(cardText(second), new RegExp(`${ref} has already been accepted by ${OT.name}`));
      const record = await stored(caseId);
      assert.equal(record?.assignedOt?.aadObjectId, OT.aadObjectId);
      assert.equal(record?.status, 'active');

      // The same OT pressing again (double click, Teams retry) is answered, not refused.
      assert.match(cardText(await bot.invoke(OT, 'referral.accept', { caseId })), /You already have/);
      const audits = await bot.app.store.audit.listForCase(SERVICE, caseId, 50);
      assert.ok(audits.some((a) => a.action === 'referral.notify' && a.actor === OT2.aadObjectId));
      assert.ok(
        audits.some((a) => a.action === 'referral.accept' && a.outcome === 'conflict' && a.actor === OT2.aadObjectId),
      );
    });

    it('lets exactly one of two OTs pressing Accept at the same moment have the case', async () => {
      const { caseId } = await refer();
      const cards = await Promise.all([OT, OT2].map((who) => bot.invoke(who, 'referral.accept', { caseId })));
      const texts = cards.map(cardText);
      assert.equal(texts.filter((t) => /You have accepted/.test(t)).length, 1, texts.join('\n---\n'));
      assert.equal(texts.filter((t) => /has already been accepted by/.test(t)).length, 1);
      const winner = /You have accepted/.test(texts[0]) ? OT : OT2;
      assert.equal((await stored(caseId))?.assignedOt?.aadObjectId, winner.aadObjectId);
    });

    it('never fails the referral when a notification cannot be delivered', async () => {
      const pending = (bot.connector as unknown as { failures: unknown[] }).failures;
      bot.connector.failNext({ status: 500 }, 3);
      const submissionId = `fail-${Date.now()}`;
      const card = await bot.invoke(NURSE, 'referral.submit', validReferral({ submissionId }));
      assert.match(cardText(card), /Referral sent: RTW-/);
      assert.ok(await stored(submissionId));
      // The alert goes out after the answer, each failed send retried: wait until that work is over.
      await bot.settle();
      assert.equal(pending.length, 0, 'the three failures were met');
      // Each send has four tries and only three fail in all: every OT and lead is reached, none given up on.
      const ref = /RTW-\d{4,}/.exec(cardText(card))?.[0];
      const notified = bot.logLines
        .filter((l) => l.includes('"event":"referral.notified"') && l.includes(`"caseRef":"${ref}"`))
        .map((l) => JSON.parse(l));
      assert.equal(notified.length, 1, `one referral.notified line for ${ref}`);
      assert.deepEqual([notified[0].sent, notified[0].failed], [3, 0]);
      assert.ok(!bot.logLines.some((l) => l.includes('"event":"proactive.failed"')), 'no send given up');
    });

    it('declines with a reason; without one the form comes back with the problem named', async () => {
      const { caseId, ref } = await refer();
      const bad = await bot.invoke(OT, 'referral.decline', { caseId, reason: '  ' });
      assert.match(fieldError(bad, 'reason') ?? '', /Enter why/);
      assert.equal((await stored(caseId))?.status, 'referred');
      const ok = await bot.invoke(OT, 'referral.decline', { caseId, reason: 'Not in work and not seeking work' });
      assert.match(cardText(ok), /declined/);
      assert.equal((await stored(caseId))?.status, 'declined');
      const [nurseView] = await bot.say(NURSE, `case ${ref}`);
      assert.match(cardText(nurseView), /Referral declined/);
      assert.match(cardText(await bot.invoke(OT2, 'referral.accept', { caseId })), /cannot be accepted/);
    });
  });
});
