import { strict as assert } from 'node:assert';
import { cardText, fieldError, inputValue, unresolvedBindings } from '../support/cards';
import { OT, OT2 } from '../support/people';
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

  describe('the phased return-to-work plan', () => {
    const goodPlan = {
      targetReturnDate: '2027-01-04',
      contractedHours: '37.5',
      phase1Start: '2026-11-30',
      phase1Hours: '16',
      phase1Days: '4',
      phase1Duties: 'Office duties, no lifting',
      phase2Start: '2026-12-14',
      phase2Hours: '24',
      phase2Days: '4',
      phase2Duties: 'Light warehouse duties',
      adjustments: 'No lifting over 10 kg until January',
      employerContact: 'Jo Smith, HR, 01924 000000',
      employerConsent: 'true',
    };

    it('adds a phase row without losing typed values, saves, and shows the schedule week by week', async () => {
      const { caseId, ref } = await referAndAccept();
      const [form] = await bot.say(OT, `plan ${ref}`);
      const hidden = formData(form, 'plan.submit');
      assert.equal(hidden.etag, 'new');
      assert.equal(inputValue(form, 'contractedHours'), '37.5', 'contracted hours from the referral');
      assert.ok(inputValue(form, 'phase1Start') !== undefined && inputValue(form, 'phase2Start') === undefined);

      const typed = {
        ...formData(form, 'plan.addPhase'),
        targetReturnDate: '2027-01-04',
        phase1Start: '2026-11-30',
        phase1Hours: '16',
        phase1Days: '4',
        phase1Duties: 'Office duties, no lifting',
        adjustments: 'Desk by the door',
      };
      const twoRows = await bot.invoke(OT, 'plan.addPhase', typed);
      assert.equal(inputValue(twoRows, 'phase1Start'), '2026-11-30');
      assert.equal(inputValue(twoRows, 'phase1Duties'), 'Office duties, no lifting');
      assert.equal(inputValue(twoRows, 'adjustments'), 'Desk by the door');
      assert.equal(inputValue(twoRows, 'phase2Start'), '', 'one more, empty row');
      assert.equal((await stored(caseId))?.plan, undefined, 'adding a row saves nothing');

      const saved = await bot.invoke(OT, 'plan.submit', { ...formData(twoRows, 'plan.submit'), ...goodPlan });
      const text = cardText(saved);
      assert.match(text, /Plan saved/);
      assert.match(text, /Current schedule, week by week/);
      for (const week of ['30 Nov 2026', '7 Dec 2026', '14 Dec 2026', '21 Dec 2026', '28 Dec 2026', '4 Jan 2027'])
        assert.ok(text.includes(week), week);
      assert.ok(JSON.stringify(saved).includes('"type":"Table"'), 'the schedule is a table');
      const record = await stored(caseId);
      assert.equal(record?.plan?.phases.length, 2);
      assert.equal(record?.plan?.contractedHours, 37.5);
      assert.equal(
        formData(saved, 'plan.submit').etag,
        record?.plan?.revision,
        'the card now carries the new revision',
      );
      assert.deepEqual(unresolvedBindings(saved), []);
    });

    it('refuses a save from a stale card with a clear message; the first save stands', async () => {
      const { caseId, ref } = await referAndAccept();
      const [cardA] = await bot.say(OT, `plan ${ref}`);
      const [cardB] = await bot.say(OT2, `plan ${ref}`);
      const first = await bot.invoke(OT, 'plan.submit', { ...formData(cardA, 'plan.submit'), ...goodPlan });
      assert.match(cardText(first), /Plan saved/);
      const revision = (await stored(caseId))?.plan?.revision;
      // A session logged meanwhile does not make the plan stale.
      await bot.invoke(OT, 'session.submit', {
        caseId,
        submissionId: `st-${caseId}`,
        date: '2026-11-25',
        mode: 'telephone',
        durationMinutes: '10',
        notes: 'Quick call',
      });

      const second = await bot.invoke(OT2, 'plan.submit', {
        ...formData(cardB, 'plan.submit'),
        ...goodPlan,
        targetReturnDate: '2027-02-01',
        phase1Hours: '8',
      });
      assert.match(cardText(second), /Otto Therapist saved a newer version of this plan/);
      assert.match(cardText(second), /NOT saved/);
      const record = await stored(caseId);
      assert.equal(record?.plan?.revision, revision);
      assert.equal(record?.plan?.targetReturnDate, '2027-01-04');
      assert.equal(record?.plan?.phases[0].hoursPerWeek, 16);

      // Editing on the fresh card works.
      const [fresh] = await bot.say(OT2, `plan ${ref}`);
      assert.equal(inputValue(fresh, 'phase2Hours'), '24');
      const third = await bot.invoke(OT2, 'plan.submit', {
        ...formData(fresh, 'plan.submit'),
        ...goodPlan,
        phase1Hours: '12',
      });
      assert.match(cardText(third), /Plan saved/);
      assert.equal((await stored(caseId))?.plan?.phases[0].hoursPerWeek, 12);
      // Teams retrying that same save is answered as before, not refused as stale.
      assert.match(
        cardText(
          await bot.invoke(OT2, 'plan.submit', { ...formData(fresh, 'plan.submit'), ...goodPlan, phase1Hours: '12' }),
        ),
        /already been saved/,
      );
    });

    it('applies the plan rules, each problem by its field, values kept', async () => {
      const { caseId } = await referAndAccept();
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ phase2Start: '2026-11-23' }, 'phase2Start', /date order/],
        [{ phase2Start: '2026-12-03' }, 'phase2Start', /overlaps phase 1/],
        [{ phase2Hours: '40' }, 'phase2Hours', /above the contracted 37.5 hours/],
        [{ phase1Start: '2026-11-16', phase2Start: '2026-12-14' }, 'phase1Start', /cannot start before this week/],
        [{ phase1Days: '8' }, 'phase1Days', /days per week/],
        [{ phase2Start: '' }, 'phase2Start', /Enter the week this phase starts/],
        [{ targetReturnDate: '' }, 'targetReturnDate', /Enter the target date/],
        [{ targetReturnDate: '2026-11-27' }, 'targetReturnDate', /before the first phase/],
        [{ phase2Start: '2027-01-04' }, 'phase2Start', /on or after the target date of full hours/],
        [
          {
            phase1Start: '',
            phase1Hours: '',
            phase1Days: '',
            phase1Duties: '',
            phase2Start: '',
            phase2Hours: '',
            phase2Days: '',
            phase2Duties: '',
          },
          'phase1Start',
          /at least one phase/,
        ],
      ];
      for (const [bad, field, message] of cases) {
        const data = { caseId, etag: 'new', rows: '2', submissionId: `p-${caseId}-${field}`, ...goodPlan, ...bad };
        const card = await bot.invoke(OT, 'plan.submit', data);
        assert.match(fieldError(card, field) ?? '', message, `${field}: ${JSON.stringify(bad)}`);
        assert.equal(inputValue(card, 'adjustments'), goodPlan.adjustments);
        assert.equal(inputValue(card, 'phase2Duties'), (data as Record<string, unknown>).phase2Duties);
      }
      // The week of today counts: Monday 23 Nov is allowed although it is past.
      const ok = await bot.invoke(OT, 'plan.submit', {
        caseId,
        etag: 'new',
        rows: '2',
        submissionId: `p-${caseId}-ok`,
        ...goodPlan,
        phase1Start: '2026-11-23',
      });
      assert.match(cardText(ok), /Plan saved/);
    });
  });
});
