import { strict as assert } from 'node:assert';
import { cardText, executeActions, inputs, walk } from '../support/cards';
import { LEAD, NURSE, OT } from '../support/people';
import { seedCase, withEmployerReport } from '../support/seedCases';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

/** The text of every page of a PDF, in reading order, whitespace collapsed. */
async function pdfText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await doc.destroy();
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** What the report card says, piece by piece: each TextBlock, and each fact as its title and value. */
function cardPieces(card: unknown): string[] {
  const pieces: string[] = [];
  walk(card, (n) => {
    if (n.type === 'TextBlock' && typeof n.text === 'string') pieces.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string' && !n.type) pieces.push(n.title, n.value);
  });
  return pieces.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

describe('the employer report as a PDF (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const withConsent = seedCase(
    {
      ref: 'RTW-0201',
      name: 'Priya Pdfpatient',
      dateOfBirth: '1972-09-03',
      eventDate: '2026-10-01',
      referredOn: '2026-10-06',
      acceptedOn: '2026-10-07',
      sessions: [
        ['2026-10-09', 'telephone'],
        ['2026-11-20', 'home_visit'],
      ],
      fitNotes: [['may_be_fit', '2026-11-10', '2026-12-20']],
      plan: {
        phases: [
          ['2026-11-30', 16, 4],
          ['2026-12-14', 24, 4],
          ['2026-12-28', 30, 5],
        ],
        target: '2027-01-11',
      },
    },
    NURSE,
    OT,
  );
  const noConsent = seedCase(
    {
      ref: 'RTW-0202',
      name: 'Nico Noconsent',
      referredOn: '2026-10-06',
      acceptedOn: '2026-10-07',
      plan: { phases: [['2026-11-30', 16, 4]], target: '2026-12-21', consent: false },
    },
    NURSE,
    OT,
  );

  // Names the PDF's standard fonts (WinAnsi only) garbled: Polish, Turkish and Vietnamese letters.
  const unicodeNames = seedCase(
    {
      ref: 'RTW-0203',
      name: 'Łukasz Wróbel',
      referredOn: '2026-10-06',
      acceptedOn: '2026-10-07',
      plan: { phases: [['2026-11-30', 16, 4]], target: '2026-12-21' },
    },
    NURSE,
    OT,
  );
  unicodeNames.referral.employer = 'Nguyễn Văn Bakery Ltd';
  unicodeNames.plan!.employerContact = 'Zoë Ağaoğlu (HR)';
  const unicodeReport = withEmployerReport(unicodeNames);
  // Consented, but no report saved yet.
  const unsaved = seedCase(
    {
      ref: 'RTW-0204',
      name: 'Una Unsaved',
      referredOn: '2026-10-06',
      acceptedOn: '2026-10-07',
      plan: { phases: [['2026-11-30', 16, 4]], target: '2026-12-21' },
    },
    NURSE,
    OT,
  );

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.app.store.cases.create(withConsent);
    await bot.app.store.cases.create(noConsent);
    await bot.app.store.cases.create(unicodeReport);
    await bot.app.store.cases.create(unsaved);
  });
  after(() => bot.stop());

  it('the OT fills in the report form; the saved report card offers “Download as PDF”, whose one-time link gives a PDF that says what the card says', async () => {
    const [form] = await bot.say(OT, 'report RTW-0201');
    const submit = executeActions(form).find((a) => a.verb === 'report.submit');
    assert.ok(submit, cardText(form));
    // Filled in from what is recorded: the last assessment contact and the fit note in force; no recommendation.
    const fields = inputs(form);
    assert.equal(fields.assessedOn.value, '2026-11-20');
    assert.equal(fields.assessedBy.value, 'home_visit');
    assert.equal(fields.fitness.value, 'fit_note');
    assert.equal(fields.recommendations.value, '');
    const saved = await bot.invoke(OT, 'report.submit', {
      ...submit.data,
      assessedOn: '2026-11-20',
      assessedBy: 'home_visit',
      fitness: 'fit_note',
      recommendations: 'phased_return,workplace_assessment',
      functionalEffects: 'Tires after four hours on his feet.',
      difficulty1: 'Standing for long periods',
      goal1: 'Seated work for the first two weeks',
      adviceFrom: '2026-11-25',
      adviceTo: '2027-01-11',
      review: 'yes',
      reviewOn: '2026-12-09',
      profession: 'occupational_therapist',
      registrationNumber: 'ot 12345',
      organisation: 'Mid Yorkshire NHS Trust',
      contactDetails: 'Cardiac rehab, 01924 000000',
    });
    assert.match(cardText(saved), /Report saved on RTW-0201/);
    // Asked for again, the report is the saved one (the banner above is for the practitioner only).
    const [card] = await bot.say(OT, 'report RTW-0201');
    assert.doesNotMatch(cardText(card), /Report saved on/);
    const pdfAction = executeActions(card).find((a) => a.verb === 'report.pdf');
    assert.ok(pdfAction, cardText(card));
    assert.deepEqual(pdfAction.data, { caseId: withConsent.id });

    const answered = await bot.invoke(OT, 'report.pdf', pdfAction.data);
    assert.match(cardText(answered), /Return-to-work report/);
    assert.match(cardText(answered), /PDF ready: “Open the PDF” works once, until 10:05/);
    const open = answered.actions.find((a: any) => a.type === 'Action.OpenUrl');
    assert.ok(open);
    assert.doesNotMatch(open.url, /Priya|Pdfpatient|RTW-0201|9434765919/, 'no patient in the URL');

    const res = await fetch(open.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /filename="RTW-0201-return-to-work-report-2026-11-25\.pdf"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.equal(Buffer.from(bytes.slice(0, 5)).toString(), '%PDF-');
    const text = await pdfText(bytes);

    // Everything the card says, the PDF says too.
    const pieces = cardPieces(card);
    assert.ok(pieces.length > 30, `the card has its content (${pieces.length} pieces)`);
    const missing = pieces.filter((p) => !text.includes(p));
    assert.deepEqual(missing, [], `PDF text: ${text}`);
    // And spot checks worked out by hand from the seeded case.
    for (const expected of [
      'Patient Priya Pdfpatient',
      'Date of birth 3 Sep 1972',
      'I assessed the patient on 20 Nov 2026 (home visit).',
      'May be fit for work, taking into account the advice in this report: fit note (Med3) 10 Nov 2026 to 20 Dec 2026, issued by Dr GP. Advice on the note: a phased return to work.',
      'A phased return to work Yes',
      'Altered hours No',
      'A workplace assessment Yes',
      'Tires after four hours on his feet.',
      'Standing for long periods Seated work for the first two weeks',
      'This advice covers 25 Nov 2026 to 11 Jan 2027',
      'Review I will review the patient by 9 Dec 2026',
      'Profession Occupational therapist',
      'HCPC registration number OT12345',
      'Organisation Mid Yorkshire NHS Trust',
      'Contact Cardiac rehab, 01924 000000',
      'Target return to full hours 11 Jan 2027',
      'Contracted hours 37.5 per week',
      'Date of report 25 Nov 2026',
      '30 Nov 2026 1 16 4',
      'RTW-0201 · Return-to-work report · page 1 of 1',
    ]) {
      assert.ok(text.includes(expected), `PDF has “${expected}”: ${text}`);
    }
    assert.equal((await fetch(open.url)).status, 404, 'the link works once');

    const audits = (await allDocs(bot.database, 'audit')).filter((e) => e.caseId === withConsent.id);
    assert.ok(audits.some((a) => a.action === 'report.submit' && a.outcome === 'ok' && a.actor === OT.aadObjectId));
    assert.ok(audits.some((a) => a.action === 'case.report.pdf' && a.outcome === 'ok' && a.actor === OT.aadObjectId));
    // Nothing from the session notes goes to the employer.
    assert.doesNotMatch(text, /Seeded session note|Fatigue|Seeded referral note/);
    assert.ok(audits.some((a) => a.action === 'file.create' && a.detail.kind === 'employer-report'));
    assert.ok(
      audits.some((a) => a.action === 'file.download' && a.outcome === 'ok' && a.detail.kind === 'employer-report'),
    );
  });

  it('“report <ref> pdf” answers a download card for the same PDF', async () => {
    const [card] = await bot.say(LEAD, 'report RTW-0201 pdf');
    assert.match(cardText(card), /Return-to-work report RTW-0201 \(PDF\)/, cardText(card));
    const url = card.actions.find((a: any) => a.type === 'Action.OpenUrl').url;
    const text = await pdfText(new Uint8Array(await (await fetch(url)).arrayBuffer()));
    assert.ok(text.includes('Patient Priya Pdfpatient'));
  });

  it('writes names in any Latin script as typed: the PDF embeds a Unicode font shipped in a package', async () => {
    const [card] = await bot.say(OT, 'report RTW-0203 pdf');
    const url = card.actions.find((a: any) => a.type === 'Action.OpenUrl').url;
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    // Embedded (a font file in the PDF), not one of the standard 14 the reader must supply.
    // Read before pdfjs, which takes the buffer over.
    const raw = Buffer.from(bytes).toString('latin1');
    assert.match(raw, /\/FontFile2/);
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    assert.doesNotMatch(raw, /\/BaseFont \/Helvetica/, 'no standard font is used');
    const text = await pdfText(bytes);
    for (const name of ['Łukasz Wróbel', 'Zoë Ağaoğlu', 'Nguyễn Văn Bakery Ltd'])
      assert.ok(text.includes(name), `PDF has “${name}”: ${text}`);
  });

  it('makes no PDF without the patient’s consent, for a nurse, or for a case of nobody’s', async () => {
    const before = (await allDocs(bot.database, 'audit')).filter((e) => e.action === 'file.create').length;
    const refused = await bot.invoke(OT, 'report.pdf', { caseId: noConsent.id });
    assert.match(cardText(refused), /consent is missing/);
    const [nurse] = await bot.say(NURSE, 'report RTW-0201 pdf');
    assert.match(cardText(nurse), /Only occupational therapists and service leads/);
    const unknown = await bot.invoke(OT, 'report.pdf', { caseId: 'no-such-case-id' });
    // Consent, but nothing saved: no PDF of a report nobody wrote.
    const notSaved = await bot.invoke(OT, 'report.pdf', { caseId: unsaved.id });
    assert.match(cardText(notSaved), /No report saved for RTW-0204 yet/);
    const [notSavedCommand] = await bot.say(OT, 'report RTW-0204 pdf');
    assert.match(cardText(notSavedCommand), /No report saved for RTW-0204 yet/);
    assert.match(cardText(unknown), /not found/i);
    const after = (await allDocs(bot.database, 'audit')).filter((e) => e.action === 'file.create').length;
    assert.equal(after, before, 'no file was made');
  });
});
