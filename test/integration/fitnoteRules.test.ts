import { strict as assert } from 'node:assert';
import { conversationOf } from '../support/activities';
import { cardText, executeActions, fieldError, inputs, inputValue } from '../support/cards';
import { LEAD, NURSE, OT, validReferral } from '../support/people';
import { TestBot } from '../support/testBot';

const SERVICE = 'mid-yorkshire';

/**
 * Issue 14 over real HTTP (embedded Cosmos; "today" is Wednesday 2026-11-25 in London): the fit note
 * card's statement date, indefinite tick and issuer profession (CONTRACT §3), impossible notes refused
 * by field on the fit note and referral cards alike (§4), and the hub showing who issued the note.
 */
describe('fit notes through Teams: statement date, indefinite, issuer profession (issue 14)', () => {
  let bot: TestBot;
  let seq = 0;

  async function referAndAccept(overrides: Record<string, unknown> = {}): Promise<{ caseId: string; ref: string }> {
    const submissionId = `fnr-${Date.now()}-${++seq}`;
    const card = await bot.invoke(NURSE, 'referral.submit', validReferral({ submissionId, ...overrides }));
    const ref = /RTW-\d{4,}/.exec(cardText(card))?.[0];
    assert.ok(ref, cardText(card));
    await bot.connector.waitFor(() =>
      bot.connector.cards(conversationOf(OT)).some((c) => cardText(c).includes(`New referral ${ref} `)),
    );
    assert.match(cardText(await bot.invoke(OT, 'referral.accept', { caseId: submissionId })), /You have accepted/);
    return { caseId: submissionId, ref };
  }

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    for (const [who, role] of [
      [NURSE, 'nurse'],
      [OT, 'ot'],
    ] as const) {
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: who.aadObjectId, name: who.name, role });
    }
    for (const who of [LEAD, OT]) await bot.say(who, 'help');
  });
  after(() => bot.stop());

  it('the form offers the statement date, indefinite and the five professions, and no longer says "doctor" only', async () => {
    const { ref } = await referAndAccept();
    const [form] = await bot.say(OT, `fitnote ${ref}`);
    const fields = inputs(form);
    for (const id of ['statementDate', 'indefinite', 'issuerProfession', 'endDate'])
      assert.ok(fields[id], `form has ${id}`);
    assert.equal(fields.endDate.isRequired, undefined, 'an indefinite note has no end date: not required on the card');
    assert.deepEqual(
      fields.issuerProfession.choices.map((c: { value: string }) => c.value),
      ['doctor', 'nurse', 'occupational_therapist', 'pharmacist', 'physiotherapist'],
    );
    assert.doesNotMatch(JSON.stringify(form), /GP or hospital doctor|The doctor needs/);
  });

  it('saves a note issued by a nurse and the hub shows the issuer, the profession and the statement date', async () => {
    const { caseId, ref } = await referAndAccept();
    const [form] = await bot.say(OT, `fitnote ${ref}`);
    const hidden = executeActions(form).find((a) => a.verb === 'fitnote.submit')?.data;
    const saved = await bot.invoke(OT, 'fitnote.submit', {
      ...hidden,
      status: 'not_fit',
      statementDate: '2026-11-24',
      startDate: '2026-11-23',
      endDate: '2026-12-07',
      issuedBy: 'Sam Patel',
      issuerProfession: 'nurse',
    });
    assert.match(cardText(saved), /Fit note saved/);
    const [hub] = await bot.say(OT, `case ${ref}`);
    assert.match(cardText(hub), /Not fit for work, 23 Nov 2026 to 7 Dec 2026/);
    assert.match(cardText(hub), /Sam Patel \(nurse\), issued 24 Nov 2026/);
    const note = (await bot.app.store.cases.get(SERVICE, caseId))?.fitNotes.at(-1);
    assert.deepEqual([note?.statementDate, note?.issuerProfession], ['2026-11-24', 'nurse']);
  });

  it('a note issued in the future is refused beside its field, every value kept, nothing written', async () => {
    const { caseId } = await referAndAccept();
    const before = await bot.app.store.cases.get(SERVICE, caseId);
    const data = {
      caseId,
      submissionId: `bad-${caseId}`,
      status: 'not_fit',
      statementDate: '2026-11-30',
      startDate: '2026-11-26',
      endDate: '2026-12-20',
      indefinite: 'true',
      issuedBy: 'Pat Jones',
      issuerProfession: 'physiotherapist',
      reassessmentNeeded: 'true',
    };
    const card = await bot.invoke(OT, 'fitnote.submit', data);
    assert.match(fieldError(card, 'statementDate') ?? '', /issued after today/);
    assert.match(fieldError(card, 'startDate') ?? '', /start after today/);
    assert.match(fieldError(card, 'endDate') ?? '', /indefinite note has no end date/);
    assert.match(fieldError(card, 'indefinite') ?? '', /only from 6 months/);
    for (const id of ['statementDate', 'startDate', 'endDate', 'indefinite', 'issuedBy', 'issuerProfession'])
      assert.equal(inputValue(card, id), data[id as keyof typeof data], id);
    const after = await bot.app.store.cases.get(SERVICE, caseId);
    assert.equal(after?._etag, before?._etag);
  });

  it('the referral card refuses a fit note ending before the cardiac event (the fit note card always did)', async () => {
    const card = await bot.invoke(
      NURSE,
      'referral.submit',
      validReferral({ eventDate: '2026-10-20', fitNoteStart: '2026-10-20', fitNoteEnd: '2026-10-19' }),
    );
    assert.match(fieldError(card, 'fitNoteEnd') ?? '', /end before/);
    const early = await bot.invoke(
      NURSE,
      'referral.submit',
      validReferral({ eventDate: '2026-10-20', fitNoteStart: '2026-10-01', fitNoteEnd: '2026-10-15' }),
    );
    assert.match(fieldError(early, 'fitNoteEnd') ?? '', /end before the cardiac event/);
    assert.match(fieldError(early, 'fitNoteStart') ?? '', /start before the cardiac event/);
    assert.doesNotMatch(cardText(early), /Referral sent/);
  });
});

describe('the case hub names a stored fit note the rules refuse (issue 14)', () => {
  let bot: TestBot;
  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    for (const who of [LEAD, OT]) await bot.say(who, 'help');
  });
  after(() => bot.stop());

  it('a note stored with the year 2036 is shown to check, and the real note stays current', async () => {
    const submissionId = `hub-${Date.now()}`;
    const card = await bot.invoke(NURSE, 'referral.submit', validReferral({ submissionId }));
    const ref = /RTW-\d{4,}/.exec(cardText(card))?.[0];
    assert.ok(ref);
    const stored = await bot.app.store.cases.get(SERVICE, submissionId);
    assert.ok(stored);
    const { _etag, ...record } = stored;
    await bot.app.store.cases.replace(
      {
        ...record,
        fitNotes: [
          ...record.fitNotes,
          {
            id: 'typo',
            status: 'not_fit',
            advice: [],
            startDate: '2036-11-20',
            endDate: '2036-12-18',
            recordedAt: '2026-11-20T09:00:00Z',
            recordedBy: OT.aadObjectId,
          },
        ],
      },
      _etag,
    );
    const [hub] = await bot.say(LEAD, `case ${ref}`);
    assert.match(cardText(hub), /Fit notes to check: 20 Nov 2036 to 18 Dec 2036: A fit note cannot start after today/);
    assert.match(cardText(hub), /Fit note: Not fit for work, \d+ \w+ 2026 to/);
  });
});
