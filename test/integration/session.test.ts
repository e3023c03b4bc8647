import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { cardText, fieldError, inputValue } from '../support/cards';
import { LEAD, OT, OT2 } from '../support/people';
import { startCaseworkBot, storedCase, referAndAcceptPatient, formData } from '../support/casework';
import type { TestBot } from '../support/testBot';

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const stored = (caseId: string) => storedCase(bot, caseId);
  const referAndAccept = (overrides?: Record<string, unknown>) => referAndAcceptPatient(bot, overrides);

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  describe('sessions', () => {
    it('logs a session from the log card, idempotently', async () => {
      const { caseId, ref } = await referAndAccept();
      const [form] = await bot.say(OT, `log ${ref}`);
      const hidden = formData(form, 'session.submit');
      assert.equal(hidden.caseId, caseId);
      assert.ok(hidden.submissionId);
      assert.equal(inputValue(form, 'date'), '2026-11-25', 'defaults to today');
      const data = {
        ...hidden,
        date: '2026-11-25',
        mode: 'home_visit',
        durationMinutes: '60',
        topics: 'confidence,employer_liaison',
        notes: 'Home visit; keen to return',
        nextContactDate: '2026-12-02',
      };
      assert.match(cardText(await bot.invoke(OT, 'session.submit', data)), /Session saved/);
      assert.match(cardText(await bot.invoke(OT, 'session.submit', data)), /already been saved/);
      const record = await stored(caseId);
      assert.equal(record?.sessions?.length, 1);
      assert.equal(record?.sessions?.[0].id, hidden.submissionId);
      assert.deepEqual(record?.sessions?.[0].topics, ['confidence', 'employer_liaison']);
    });

    it('records mood and anxiety as topics, and shows the next contact the OT entered on the case hub', async () => {
      const { caseId, ref } = await referAndAccept();
      const [form] = await bot.say(OT, `log ${ref}`);
      const topicValues = JSON.stringify(form).match(/"value":"(mood|anxiety)"/g) ?? [];
      assert.equal(topicValues.length, 2, 'the form offers mood and anxiety');
      const [before] = await bot.say(OT, `case ${ref}`);
      assert.doesNotMatch(cardText(before), /Next contact/);
      const saved = await bot.invoke(OT, 'session.submit', {
        ...formData(form, 'session.submit'),
        date: '2026-11-25',
        mode: 'telephone',
        durationMinutes: '30',
        topics: 'mood,anxiety',
        notes: 'Low mood since the event; worried about the commute',
        nextContactDate: '2026-12-02',
      });
      assert.match(cardText(saved), /Session saved/);
      assert.deepEqual((await stored(caseId))?.sessions?.[0].topics, ['mood', 'anxiety']);
      const [hub] = await bot.say(OT, `case ${ref}`);
      assert.match(cardText(hub), /Next contact: 2 Dec 2026/);
      assert.match(cardText(hub), /Mood, Anxiety/);
    });

    it('keeps two sessions logged at the same moment (no lost update)', async () => {
      const { caseId } = await referAndAccept();
      const base = { caseId, date: '2026-11-25', mode: 'video', durationMinutes: '30', notes: 'Video call' };
      await Promise.all([
        bot.invoke(OT, 'session.submit', { ...base, submissionId: `a-${caseId}` }),
        bot.invoke(OT2, 'session.submit', { ...base, submissionId: `b-${caseId}` }),
        bot.invoke(LEAD, 'session.submit', { ...base, submissionId: `c-${caseId}` }),
      ]);
      assert.equal((await stored(caseId))?.sessions?.length, 3);
    });

    it('gives the form back with every value kept and each problem by its field', async () => {
      const { caseId } = await referAndAccept();
      const before = await stored(caseId);
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ date: '2026-11-26' }, 'date', /cannot be in the future/],
        [{ date: '2026-11-31' }, 'date', /not a real date/],
        [{ notes: '' }, 'notes', /Enter session notes/],
        [{ mode: 'carrier_pigeon' }, 'mode', /from the list/],
        [{ durationMinutes: '0' }, 'durationMinutes', /did not attend/],
        [{ durationMinutes: 'lots' }, 'durationMinutes', /as a number/],
        [{ topics: 'fatigue,gardening' }, 'topics', /from the list/],
        [{ nextContactDate: '2026-11-20' }, 'nextContactDate', /before this session/],
      ];
      const reads = sinon.spy(bot.app.store.cases, 'get');
      for (const [bad, field, message] of cases) {
        const data = {
          caseId,
          submissionId: `v-${caseId}-${field}`,
          date: '2026-11-25',
          mode: 'telephone',
          durationMinutes: '20',
          topics: 'sleep',
          notes: 'Phone call about sleep',
          ...bad,
        };
        reads.resetHistory();
        const card = await bot.invoke(OT, 'session.submit', data);
        assert.equal(reads.callCount, 1, 'the form is shown again from the one read the use case made');
        assert.match(fieldError(card, field) ?? '', message, `${field}: ${JSON.stringify(bad)}`);
        for (const f of ['date', 'mode', 'durationMinutes', 'topics', 'notes'])
          assert.equal(inputValue(card, f), String(data[f as keyof typeof data]), `${f} kept`);
        assert.equal(formData(card, 'session.submit').submissionId, data.submissionId);
      }
      reads.restore();
      // A did-not-attend may be 0 minutes.
      assert.match(
        cardText(
          await bot.invoke(OT, 'session.submit', {
            caseId,
            submissionId: `dna-${caseId}`,
            date: '2026-11-25',
            mode: 'did_not_attend',
            durationMinutes: '0',
            notes: 'No answer at the door',
          }),
        ),
        /Session saved/,
      );
      const after = await stored(caseId);
      assert.equal(after?.sessions?.length, (before?.sessions?.length ?? 0) + 1, 'nothing written for bad input');
    });
  });
});
