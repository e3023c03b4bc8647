import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { conversationOf } from '../support/activities';
import { cardText, executeActions, fieldError, inputValue, unresolvedBindings } from '../support/cards';
import { LEAD, NURSE, NURSE2, OT, OT2, OTHER_LEAD, validReferral } from '../support/people';
import { TestBot } from '../support/testBot';

const SERVICE = 'mid-yorkshire';
const OTHER_SERVICE = 'west-yorkshire';

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  let seq = 0;

  const stored = (caseId: string) => bot.app.store.cases.get(SERVICE, caseId);

  /** A nurse's referral; returns its case id (the form's submissionId) and reference. */
  async function refer(overrides: Record<string, unknown> = {}): Promise<{ caseId: string; ref: string }> {
    const submissionId = `case-${Date.now()}-${++seq}`;
    const card = await bot.invoke(NURSE, 'referral.submit', validReferral({ submissionId, ...overrides }));
    const ref = /RTW-\d{4,}/.exec(cardText(card))?.[0];
    assert.ok(ref, cardText(card));
    // The new-referral cards go out after the answer; wait for them so they do not mix with later replies.
    await bot.connector.waitFor(() =>
      [LEAD, OT, OT2].every((w) =>
        bot.connector.cards(conversationOf(w)).some((c) => cardText(c).includes(`New referral ${ref} `)),
      ),
    );
    return { caseId: submissionId, ref };
  }

  async function referAndAccept(overrides: Record<string, unknown> = {}) {
    const c = await refer(overrides);
    const card = await bot.invoke(OT, 'referral.accept', { caseId: c.caseId });
    assert.match(cardText(card), /You have accepted/);
    return c;
  }

  function formData(card: any, verb: string): Record<string, unknown> {
    const action = executeActions(card).find((a) => a.verb === verb);
    assert.ok(action, `card has ${verb}`);
    return { ...action.data };
  }

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    for (const [who, role] of [
      [NURSE, 'nurse'],
      [NURSE2, 'nurse'],
      [OT, 'ot'],
      [OT2, 'ot'],
    ] as const) {
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: who.aadObjectId, name: who.name, role });
    }
    // A second service on the same store, with its own lead.
    await bot.app.store.staff.save({
      aadObjectId: OTHER_LEAD.aadObjectId,
      serviceId: OTHER_SERVICE,
      name: OTHER_LEAD.name,
      role: 'lead',
      addedBy: 'test',
      updatedAt: new Date().toISOString(),
    });
    // Proactive cards need a stored conversation: each OT and lead says something first.
    for (const who of [LEAD, OT, OT2]) await bot.say(who, 'help');
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
      await bot.connector.waitFor(() => pending.length === 0);
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(bot.logLines.some((l) => l.includes('proactive.failed') || l.includes('referral.notified')));
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

  describe('the case hub', () => {
    it('shows an OT the whole case with every action, and a referring nurse the status only', async () => {
      const { caseId, ref } = await referAndAccept();
      await bot.invoke(OT, 'session.submit', {
        caseId,
        submissionId: `s-${caseId}`,
        date: '2026-11-25',
        mode: 'telephone',
        durationMinutes: '45',
        topics: 'fatigue,pacing',
        notes: 'Discussed pacing at home',
      });
      const [hub] = await bot.say(OT2, `case ${ref.toLowerCase()}`);
      const text = cardText(hub);
      assert.match(text, new RegExp(`${ref} · Alan Testpatient`));
      assert.match(text, /999 \d{3} \d{4}/, 'the NHS number, in the 3-3-4 form');
      assert.match(text, /OT: Otto Therapist/);
      assert.match(text, /Not fit for work, 24 Oct 2026 to 5 Dec 2026/);
      assert.match(text, /No plan yet/);
      assert.match(text, /Discussed pacing at home/);
      for (const title of ['Log a session', 'Fit note', 'Plan', 'Report', 'Discharge'])
        assert.ok(text.includes(`[${title}]`), title);
      assert.ok(!text.includes('[Accept]'));
      assert.deepEqual(unresolvedBindings(hub), []);

      const [nurseView] = await bot.say(NURSE, `case ${ref}`);
      const nt = cardText(nurseView);
      assert.match(nt, /Open with an OT/);
      assert.ok(!nt.includes('Discussed pacing'), 'no session notes for a nurse');
      assert.ok(!/\[(Log a session|Plan|Accept)\]/.test(nt), 'no OT actions for a nurse');

      const [other] = await bot.say(NURSE2, `case ${ref}`);
      assert.match(cardText(other), /no case/i, 'a nurse only finds the cases they referred');
    });

    it('offers Accept on an unassigned referral and says so for an unknown reference', async () => {
      const { ref } = await refer();
      const [hub] = await bot.say(LEAD, `case ${ref}`);
      assert.ok(cardText(hub).includes('[Accept]'));
      assert.ok(cardText(hub).includes('[Decline]'));
      const [missing] = await bot.say(OT, 'case RTW-9999');
      assert.match(cardText(missing), /There is no case RTW-9999/);
    });
  });

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

  describe('fit notes', () => {
    it('records a fit note, keeps every note, and shows the current one', async () => {
      const { caseId, ref } = await referAndAccept();
      const [form] = await bot.say(OT, `fitnote ${ref}`);
      const hidden = formData(form, 'fitnote.submit');
      const data = {
        ...hidden,
        status: 'may_be_fit',
        advice: 'phased_return,altered_hours',
        startDate: '2026-11-25',
        endDate: '2027-01-06',
        issuedBy: 'Dr Patel',
        reassessmentNeeded: 'true',
      };
      const saved = await bot.invoke(OT, 'fitnote.submit', data);
      assert.match(cardText(saved), /Fit note saved/);
      assert.match(
        cardText(saved),
        /May be fit for work \(a phased return to work, altered hours\), 25 Nov 2026 to 6 Jan 2027/,
      );
      assert.match(cardText(await bot.invoke(OT, 'fitnote.submit', data)), /already been saved/);
      const record = await stored(caseId);
      assert.equal(record?.fitNotes.length, 2, 'the referral note and the new one are both kept');
    });

    it('applies the Med3 rules and keeps what was typed', async () => {
      const { caseId } = await referAndAccept();
      const before = await stored(caseId);
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ endDate: '2026-11-20' }, 'endDate', /cannot end before it starts/],
        [{ endDate: '2027-03-10' }, 'endDate', /at most 3 months/],
        [{ status: 'not_fit', advice: 'phased_return' }, 'advice', /carries no advice/],
        [{ status: undefined }, 'status', /Choose what the fit note says/],
        [{ startDate: '2026-10-01', endDate: '2026-11-01' }, 'startDate', /before the cardiac event/],
      ];
      for (const [bad, field, message] of cases) {
        const data: Record<string, unknown> = {
          caseId,
          submissionId: `f-${caseId}-${field}`,
          status: 'may_be_fit',
          advice: 'amended_duties',
          startDate: '2026-11-25',
          endDate: '2026-12-20',
          issuedBy: 'Dr Jones',
          ...bad,
        };
        const card = await bot.invoke(OT, 'fitnote.submit', data);
        assert.match(fieldError(card, field) ?? '', message, field);
        assert.equal(inputValue(card, 'issuedBy'), 'Dr Jones');
        assert.equal(inputValue(card, 'endDate'), data.endDate);
      }
      assert.equal((await stored(caseId))?.fitNotes.length, before?.fitNotes.length);
    });
  });

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

  describe('the employer report', () => {
    it('says consent is missing until the patient agrees, then shows the AHP-shaped report', async () => {
      const { caseId, ref } = await referAndAccept();
      const [noPlan] = await bot.say(OT, `report ${ref}`);
      assert.match(cardText(noPlan), /consent is missing/);
      const [form] = await bot.say(OT, `plan ${ref}`);
      const plan = {
        targetReturnDate: '2027-01-04',
        contractedHours: '37.5',
        phase1Start: '2026-11-30',
        phase1Hours: '20',
        phase1Days: '4',
        phase1Duties: 'Office work',
        adjustments: 'Rest breaks every 2 hours',
        employerContact: 'HR team',
      };
      const saved = await bot.invoke(OT, 'plan.submit', {
        ...formData(form, 'plan.submit'),
        ...plan,
        employerConsent: 'false',
      });
      const [noConsent] = await bot.say(OT, `report ${ref}`);
      assert.match(cardText(noConsent), /consent is missing/);
      assert.ok(!cardText(noConsent).includes('Rest breaks'));
      await bot.invoke(OT, 'plan.submit', { ...formData(saved, 'plan.submit'), ...plan, employerConsent: 'true' });
      // With consent, the report is a form the OT fills in: nothing is ticked for them, and the fit note
      // in force (the referral's "not fit" note) is what fitness is stated from by default.
      const [reportForm] = await bot.say(OT, `report ${ref}`);
      assert.match(cardText(reportForm), /Employer report/);
      assert.match(
        cardText(reportForm),
        /Fit note in force today: Not fit for work: fit note \(Med3\) 24 Oct 2026 to 5 Dec 2026/,
      );
      assert.equal(inputValue(reportForm, 'fitness'), 'fit_note');
      assert.equal(inputValue(reportForm, 'recommendations'), '');
      assert.equal(inputValue(reportForm, 'registrationNumber'), '', 'nothing kept for this OT yet');
      const filled = {
        ...formData(reportForm, 'report.submit'),
        assessedOn: '2026-11-25',
        assessedBy: 'telephone',
        fitness: 'fit_note',
        recommendations: 'phased_return',
        adviceFrom: '2026-11-25',
        adviceTo: '2027-01-04',
        review: 'no',
        profession: 'occupational_therapist',
        registrationNumber: 'OT54321',
        organisation: 'Mid Yorkshire NHS Trust',
        contactDetails: '01924 000000',
      };
      // Bad input: the form again, every value kept, each problem by its field, nothing written.
      const bad = await bot.invoke(OT, 'report.submit', {
        ...filled,
        fitness: 'may_be_fit',
        registrationNumber: 'PH54321',
        difficulty1: 'Lifting',
        adviceTo: '2026-11-01',
        review: 'yes',
      });
      assert.match(fieldError(bad, 'fitness') ?? '', /says not fit for work: the report cannot say otherwise/);
      assert.match(fieldError(bad, 'registrationNumber') ?? '', /starts with OT/);
      assert.match(fieldError(bad, 'goal1') ?? '', /Give a recommendation or goal/);
      assert.match(fieldError(bad, 'adviceTo') ?? '', /cannot end before it starts/);
      assert.match(fieldError(bad, 'reviewOn') ?? '', /Enter the date/);
      assert.equal(inputValue(bad, 'difficulty1'), 'Lifting');
      assert.equal(inputValue(bad, 'organisation'), 'Mid Yorkshire NHS Trust');
      assert.equal((await bot.app.store.cases.get(SERVICE, caseId))?.employerReport, undefined, 'nothing written');

      const report = await bot.invoke(OT, 'report.submit', filled);
      const text = cardText(report);
      for (const part of [
        'Return-to-work report',
        'Alan Testpatient',
        'I assessed the patient on 25 Nov 2026 (telephone).',
        'Not fit for work: fit note (Med3) 24 Oct 2026 to 5 Dec 2026.',
        // Only what the OT ticked: not inferred from the plan's phases, duties or adjustments.
        'A phased return to work: Yes',
        'Altered hours: No',
        'Amended duties: No',
        'Workplace adaptations: No',
        'A workplace assessment: No',
        'Functional effects of the condition',
        'None written by the practitioner.',
        'Rest breaks every 2 hours',
        'This advice covers: 25 Nov 2026 to 4 Jan 2027',
        'Review: No review is planned',
        'Practitioner: Otto Therapist',
        'Profession: Occupational therapist',
        'HCPC registration number: OT54321',
        '30 Nov 2026',
      ]) {
        assert.ok(text.includes(part), `${part}\n${text}`);
      }
      // Nothing from the referral's or sessions' notes or topics goes to the employer.
      assert.doesNotMatch(text, /Anxious about lifting|wife drives|Areas being addressed|Job demands/);
      assert.ok(JSON.stringify(report).includes('"type":"Table"'));
      assert.deepEqual(unresolvedBindings(report), []);
      const audits = await bot.app.store.audit.listForCase(SERVICE, caseId, 100);
      assert.ok(audits.some((a) => a.action === 'report.submit' && a.outcome === 'invalid'));
      assert.ok(audits.some((a) => a.action === 'report.submit' && a.outcome === 'ok'));
      assert.ok(audits.some((a) => a.action === 'case.report' && a.outcome === 'ok'));

      // The OT's profession, HCPC number, organisation and contact are kept once and filled in on their next report.
      const other = await referAndAccept();
      const [otherPlan] = await bot.say(OT, `plan ${other.ref}`);
      await bot.invoke(OT, 'plan.submit', { ...formData(otherPlan, 'plan.submit'), ...plan, employerConsent: 'true' });
      const [next] = await bot.say(OT, `report ${other.ref}`);
      assert.equal(inputValue(next, 'profession'), 'occupational_therapist');
      assert.equal(inputValue(next, 'registrationNumber'), 'OT54321');
      assert.equal(inputValue(next, 'organisation'), 'Mid Yorkshire NHS Trust');
      assert.equal(inputValue(next, 'contactDetails'), '01924 000000');
      // "report <ref>" shows the saved report; "report <ref> edit" the form again, as saved.
      const [again] = await bot.say(OT, `report ${ref}`);
      assert.match(cardText(again), /\[Change the report\]/);
      const [edit] = await bot.say(OT, `report ${ref} edit`);
      assert.equal(inputValue(edit, 'recommendations'), 'phased_return');
      assert.equal(inputValue(edit, 'registrationNumber'), 'OT54321');
      // Another practitioner changing it is not given the author's registration: saving names them.
      const [leadEdit] = await bot.say(LEAD, `report ${ref} edit`);
      assert.equal(inputValue(leadEdit, 'registrationNumber'), '');
      assert.equal(inputValue(leadEdit, 'recommendations'), 'phased_return');
      assert.match(cardText(leadEdit), /names you as its practitioner/);
    });
  });

  describe('discharge and caseloads', () => {
    it('discharges with an outcome; the case leaves caseloads but stays findable', async () => {
      const { caseId, ref } = await referAndAccept();
      const [before] = await bot.say(OT, 'caseload');
      assert.ok(cardText(before).includes(ref));
      const [form] = await bot.say(OT, `discharge ${ref}`);
      const hidden = formData(form, 'case.discharge');
      const bad = await bot.invoke(OT, 'case.discharge', {
        ...hidden,
        outcome: 'went_fishing',
        date: '2026-11-30',
        notes: 'Back at work',
      });
      assert.match(fieldError(bad, 'outcome') ?? '', /from the list/);
      assert.match(fieldError(bad, 'date') ?? '', /future/);
      assert.equal(inputValue(bad, 'notes'), 'Back at work');
      assert.equal((await stored(caseId))?.status, 'active');

      const done = await bot.invoke(OT, 'case.discharge', {
        ...hidden,
        outcome: 'returned_phased',
        date: '2026-11-25',
        notes: 'Back at work',
      });
      assert.match(cardText(done), /discharged/);
      assert.match(cardText(done), /Returned to work, phased/);
      assert.match(
        cardText(await bot.invoke(OT, 'case.discharge', { ...hidden, outcome: 'retired', date: '2026-11-25' })),
        /already been discharged/,
      );
      const record = await stored(caseId);
      assert.equal(record?.status, 'discharged');
      assert.equal(record?.discharge?.outcome, 'returned_phased');

      const [after] = await bot.say(OT, 'caseload');
      assert.ok(!cardText(after).includes(ref));
      const [found] = await bot.say(OT, `find ${ref}`);
      assert.ok(cardText(found).includes(ref));
      const [hub] = await bot.say(OT, `case ${ref}`);
      assert.match(cardText(hub), /Discharged/);
      assert.ok(!cardText(hub).includes('[Log a session]'));
      const [noLog] = await bot.say(OT, `log ${ref}`);
      assert.match(cardText(noLog), /was discharged/);
    });

    it('lists status, last contact, fit note end and plan status; pages long lists under 28 KB', async () => {
      // OT2's own caseload, made large directly in the store.
      const now = new Date().toISOString();
      for (let i = 0; i < 45; i++) {
        const id = `bulk-${Date.now()}-${i}`;
        await bot.app.store.cases.create({
          id,
          serviceId: SERVICE,
          ref: `RTW-${String(5000 + i)}`,
          status: 'active',
          patient: {
            name: `Bulk Patient With A Rather Long Name Number ${i}`,
            nameKey: `bulk patient ${i}`,
            nhsNumber: '9434765919',
            dateOfBirth: '1970-01-01',
          },
          referral: {
            eventType: 'PCI',
            eventDate: '2026-10-01',
            employmentStatus: 'employed',
            jobDemands: [],
            fitNoteStatus: 'not_fit',
            contactPreference: 'telephone',
            consent: true,
            referredOn: '2026-10-10',
          },
          referredBy: { aadObjectId: NURSE.aadObjectId, name: NURSE.name },
          assignedOt: { aadObjectId: OT2.aadObjectId, name: OT2.name },
          acceptedOn: '2026-10-11',
          fitNotes: [
            {
              id: `${id}-fn`,
              status: 'not_fit',
              advice: [],
              startDate: '2026-11-01',
              endDate: '2026-12-01',
              recordedAt: now,
              recordedBy: OT2.aadObjectId,
            },
          ],
          sessions: [
            {
              id: `${id}-s`,
              date: '2026-11-15',
              mode: 'telephone',
              durationMinutes: 30,
              topics: [],
              notes: 'x',
              recordedAt: now,
              recordedBy: { aadObjectId: OT2.aadObjectId, name: OT2.name },
            },
          ],
          createdAt: new Date(Date.parse('2026-10-10T00:00:00Z') + i * 1000).toISOString(),
          updatedAt: now,
        });
      }
      const [page1] = await bot.say(OT2, 'caseload');
      const text = cardText(page1);
      assert.match(text, /45 open cases · page 1 of 3/);
      assert.match(text, /RTW-5000 · Bulk Patient/);
      assert.match(text, /Open with an OT · 10 days since last contact · fit note ends 1 Dec 2026 · No plan yet/);
      assert.ok(text.includes('[Next page (2 of 3)]'));
      assert.ok(
        Buffer.byteLength(JSON.stringify(page1)) < 28 * 1024,
        `page is ${Buffer.byteLength(JSON.stringify(page1))} bytes`,
      );
      // Page 2: the next 20 by referral time, in order (the page's records are read by id).
      const [page2] = await bot.say(OT2, 'caseload 2');
      const refs = [...new Set(cardText(page2).match(/RTW-50\d\d/g))];
      assert.deepEqual(
        refs,
        Array.from({ length: 20 }, (_, i) => `RTW-${5020 + i}`),
      );
      const [page3] = await bot.say(OT2, 'caseload 3');
      assert.match(cardText(page3), /page 3 of 3/);
      assert.ok(cardText(page3).includes('RTW-5044'));
      assert.ok(!cardText(page3).includes('RTW-5000'));

      const [all] = await bot.say(LEAD, 'caseload all');
      assert.match(cardText(all), /Open cases in the service/);
      assert.ok(Buffer.byteLength(JSON.stringify(all)) < 28 * 1024);
      assert.match(cardText(all), /OT: /);
      const [refused] = await bot.say(OT, 'caseload all');
      assert.match(cardText(refused), /for service leads/);
    });
  });

  describe('logs', () => {
    it('hold no patient names, NHS numbers, dates of birth, phone numbers or note text after all the flows above', () => {
      assert.ok(bot.logLines.length > 20);
      for (const secret of [
        'Alan Testpatient',
        'Bulk Patient',
        '9434765919',
        '943 476 5919',
        '1968-04-12',
        '07700 900123',
        'Discussed pacing',
        'Home visit; keen',
        'Rest breaks every 2 hours',
        'Not in work and not seeking',
        'Back at work',
        'Dr Patel',
      ]) {
        assert.ok(!bot.logLines.some((l) => l.includes(secret)), secret);
      }
    });
  });

  describe('who may do what', () => {
    it('refuses a nurse every OT verb and command: nothing written, the refusal audited', async () => {
      const { caseId, ref } = await referAndAccept();
      const before = await stored(caseId);
      const attempts: [string, Record<string, unknown>][] = [
        ['referral.accept', { caseId }],
        ['referral.decline', { caseId, reason: 'no' }],
        [
          'session.submit',
          {
            caseId,
            submissionId: `n-${caseId}`,
            date: '2026-11-25',
            mode: 'telephone',
            durationMinutes: '10',
            notes: 'x',
          },
        ],
        [
          'fitnote.submit',
          { caseId, submissionId: `nf-${caseId}`, status: 'not_fit', startDate: '2026-11-25', endDate: '2026-12-25' },
        ],
        [
          'plan.submit',
          {
            caseId,
            etag: 'new',
            targetReturnDate: '2027-01-04',
            contractedHours: '30',
            phase1Start: '2026-11-30',
            phase1Hours: '10',
            phase1Days: '2',
          },
        ],
        ['plan.addPhase', { caseId, etag: 'new' }],
        ['case.discharge', { caseId, outcome: 'retired', date: '2026-11-25' }],
      ];
      for (const [verb, data] of attempts) {
        const card = await bot.invoke(NURSE, verb, data);
        assert.match(cardText(card), /Not allowed/, verb);
      }
      for (const command of ['log', 'fitnote', 'plan', 'report', 'discharge']) {
        const [card] = await bot.say(NURSE, `${command} ${ref}`);
        assert.match(cardText(card), /Not allowed/, command);
      }
      const [caseloadCard] = await bot.say(NURSE, 'caseload');
      assert.match(cardText(caseloadCard), /Not allowed/);
      const after = await stored(caseId);
      assert.equal(after?._etag, before?._etag, 'nothing written');
      const refusals = (await bot.app.store.audit.listForCase(SERVICE, caseId, 200)).filter(
        (a) => a.actor === NURSE.aadObjectId && a.outcome === 'refused',
      );
      assert.deepEqual(new Set(refusals.map((a) => a.action)), new Set(attempts.map(([v]) => v)));
    });

    it('never finds or changes a case of another service', async () => {
      const { caseId, ref } = await referAndAccept();
      const before = await stored(caseId);
      const [hub] = await bot.say(OTHER_LEAD, `case ${ref}`);
      assert.match(cardText(hub), /There is no case/);
      assert.ok(!cardText(hub).includes('Alan Testpatient'));
      for (const command of ['log', 'plan', 'report', 'discharge', 'fitnote']) {
        const [card] = await bot.say(OTHER_LEAD, `${command} ${ref}`);
        assert.match(cardText(card), /There is no case/, command);
      }
      const attempts: [string, Record<string, unknown>][] = [
        ['referral.accept', { caseId }],
        ['referral.decline', { caseId, reason: 'x' }],
        [
          'session.submit',
          {
            caseId,
            submissionId: `o-${caseId}`,
            date: '2026-11-25',
            mode: 'telephone',
            durationMinutes: '10',
            notes: 'x',
          },
        ],
        [
          'fitnote.submit',
          { caseId, submissionId: `of-${caseId}`, status: 'not_fit', startDate: '2026-11-25', endDate: '2026-12-25' },
        ],
        [
          'plan.submit',
          {
            caseId,
            etag: 'new',
            targetReturnDate: '2027-01-04',
            contractedHours: '30',
            phase1Start: '2026-11-30',
            phase1Hours: '10',
            phase1Days: '2',
          },
        ],
        ['plan.addPhase', { caseId }],
        ['case.discharge', { caseId, outcome: 'retired', date: '2026-11-25' }],
      ];
      for (const [verb, data] of attempts) {
        const card = await bot.invoke(OTHER_LEAD, verb, data);
        assert.match(cardText(card), /not found/i, verb);
        assert.ok(!cardText(card).includes('Alan Testpatient'), verb);
      }
      const [theirs] = await bot.say(OTHER_LEAD, 'caseload all');
      assert.ok(!cardText(theirs).includes(ref));
      assert.equal((await stored(caseId))?._etag, before?._etag, 'nothing written');
      assert.equal(await bot.app.store.cases.get(OTHER_SERVICE, caseId), null);
    });
  });
});
