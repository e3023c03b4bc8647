import { strict as assert } from 'node:assert';
import { conversationOf } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, NURSE, OT, OTHER_LEAD } from '../support/people';
import { seedCase } from '../support/seedCases';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';
import { LINK_TTL_MS } from '../../src/services/files/downloads';
import { pseudonymOf } from '../../src/services/reports/export';

const SERVICE = 'mid-yorkshire';
const OTHER_SERVICE = 'west-yorkshire';

/** The URL of the card's download button. */
function linkOf(card: any): string {
  const open = (card.actions ?? []).find((a: any) => a.type === 'Action.OpenUrl');
  assert.ok(open, `card has a download button: ${cardText(card)}`);
  return open.url;
}

/** RFC 4180 parsing, enough to read our own CSV back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function records(csv: string): Record<string, string>[] {
  const [head, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

describe('download links and the audit export (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;
  const seeded = [
    seedCase(
      {
        ref: 'RTW-0101',
        name: 'Ann "Annie" Example, Jr',
        nhsNumber: '9434765919',
        dateOfBirth: '1970-06-30',
        eventDate: '2026-03-02',
        referredOn: '2026-03-05',
        acceptedOn: '2026-03-06',
        sessions: [
          ['2026-03-09', 'telephone'],
          ['2026-03-16', 'home_visit'],
          ['2026-03-23', 'did_not_attend'],
          ['2026-03-30', 'video'],
        ],
        plan: {
          phases: [
            ['2026-04-13', 16, 4],
            ['2026-04-27', 30, 5],
          ],
          target: '2026-05-11',
        },
        discharge: ['returned_phased', '2026-05-15'],
        fitNotes: [['not_fit', '2026-03-02', '2026-04-12']],
      },
      NURSE,
      OT,
    ),
    seedCase(
      {
        ref: 'RTW-0102',
        name: '=HYPERLINK("x")',
        nhsNumber: '4010232137',
        dateOfBirth: '1959-01-15',
        eventType: 'CABG',
        referredOn: '2026-11-02',
        employmentStatus: 'self_employed',
      },
      NURSE,
      OT,
    ),
    seedCase(
      {
        ref: 'RTW-0103',
        name: 'Declan Declined',
        nhsNumber: '9434765870',
        referredOn: '2026-10-01',
        declinedOn: '2026-10-02',
        employmentStatus: 'unemployed_seeking',
      },
      NURSE,
      OT,
    ),
  ];

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.app.store.staff.save({
      aadObjectId: OTHER_LEAD.aadObjectId,
      serviceId: OTHER_SERVICE,
      name: OTHER_LEAD.name,
      role: 'lead',
      addedBy: 'test',
      updatedAt: new Date().toISOString(),
    });
    for (const c of seeded) await bot.app.store.cases.create(c);
    await bot.app.store.cases.create(
      seedCase(
        { serviceId: OTHER_SERVICE, ref: 'RTW-0101', name: 'Other Service Patient', referredOn: '2026-11-01' },
        OTHER_LEAD,
        OTHER_LEAD,
      ),
    );
  });
  after(() => bot.stop());
  afterEach(() => bot.clock.set('2026-11-25T10:00:00Z'));

  async function exportCard(text = 'export'): Promise<any> {
    const [card] = await bot.say(LEAD, text);
    return card;
  }

  const auditOf = async (action: string) => (await allDocs(bot.database, 'audit')).filter((e) => e.action === action);

  describe('GET /files/<id>', () => {
    it('serves a file once, with no-store headers and an attachment name that names no patient; the second request gets 404', async () => {
      const url = linkOf(await exportCard());
      assert.ok(url.startsWith(`${bot.app.url}/files/`), url);
      assert.doesNotMatch(url, /Ann|Example|9434765919|RTW-/);
      const first = await fetch(url);
      assert.equal(first.status, 200);
      assert.match(first.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(first.headers.get('cache-control'), 'no-store');
      assert.match(
        first.headers.get('content-disposition') ?? '',
        /^attachment; filename="rtw-export-mid-yorkshire-2026-11-25\.csv"$/,
      );
      assert.ok((await first.text()).includes('pseudonym'));
      const again = await fetch(url);
      assert.equal(again.status, 404, 'single use');
      assert.doesNotMatch(await again.text(), /pseudonym/);
    });

    it('refuses a link after it expires, and the file is purged from memory', async () => {
      const vault = bot.app.files;
      const before = await vault.held();
      const url = linkOf(await exportCard());
      assert.equal(await vault.held(), before + 1);
      bot.clock.advance(LINK_TTL_MS - 1000);
      assert.equal(await vault.held(), before + 1, 'still held just before expiry');
      bot.clock.advance(2000);
      assert.equal(await vault.held(), before, 'purged on expiry');
      const res = await fetch(url);
      assert.equal(res.status, 404);
      const refused = (await auditOf('file.download')).filter(
        (e) => e.outcome === 'refused' && e.detail?.reason === 'expired',
      );
      assert.equal(refused.length, 1, 'the late attempt is audited in the service');
      assert.equal(refused[0].serviceId, SERVICE);
    });

    it('refuses an altered link (signature or id changed, or truncated) and anything else under /files', async () => {
      const url = linkOf(await exportCard());
      const [id, sig] = url.slice(url.lastIndexOf('/') + 1).split('.');
      const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
      const base = `${bot.app.url}/files/`;
      for (const bad of [
        `${base}${flip(id)}.${sig}`,
        `${base}${id}.${flip(sig)}`,
        `${base}${id}`,
        `${base}${id}.${sig.slice(0, -1)}`,
        `${base}`,
        `${base}..%2F..%2Fetc%2Fpasswd`,
        `${base}${id}.${sig}/x`,
      ]) {
        const res = await fetch(bad);
        assert.equal(res.status, 404, bad);
        assert.doesNotMatch(await res.text(), /pseudonym|Ann/);
      }
      // The genuine link still works after all that probing.
      assert.equal((await fetch(url)).status, 200);
    });

    it('serves nothing to a request without a link: no listing, no other method', async () => {
      assert.equal((await fetch(`${bot.app.url}/files`)).status, 404);
      const url = linkOf(await exportCard());
      assert.notEqual((await fetch(url, { method: 'POST' })).status, 200);
      assert.notEqual((await fetch(url, { method: 'DELETE' })).status, 200);
      const head = await fetch(url, { method: 'HEAD' });
      assert.notEqual(head.status, 200, 'a HEAD (a link checker, a preview) neither serves nor spends the link');
      assert.equal((await fetch(url)).status, 200, 'other methods neither serve nor spend the link');
    });

    it('is given only in the asker’s own 1:1 chat: nobody else’s conversation carries the link', async () => {
      const url = linkOf(await exportCard());
      const token = url.slice(url.lastIndexOf('/') + 1);
      for (const who of [OT, NURSE, OTHER_LEAD]) {
        assert.ok(
          !JSON.stringify(bot.connector.activities(conversationOf(who))).includes(token),
          `${who.name} never saw it`,
        );
      }
      assert.ok(JSON.stringify(bot.connector.activities(conversationOf(LEAD))).includes(token));
      // A browser brings no Teams identity: whoever holds the link within its minutes gets the file once,
      // and then nobody does (the binding is delivery to one person + single use + short expiry).
      assert.equal((await fetch(url)).status, 200);
      assert.equal((await fetch(url)).status, 404);
    });

    it('audits the creation and the download under the lead who asked, and logs no patient data', async () => {
      const created = (await auditOf('file.create')).length;
      const downloaded = (await auditOf('file.download')).filter((e) => e.outcome === 'ok').length;
      const url = linkOf(await exportCard());
      await (await fetch(url)).text();
      const creates = await auditOf('file.create');
      const downloads = (await auditOf('file.download')).filter((e) => e.outcome === 'ok');
      assert.equal(creates.length, created + 1);
      assert.equal(downloads.length, downloaded + 1);
      const last = downloads.find((d) => url.includes(d.detail.file));
      assert.ok(last, 'the download names the file it served');
      assert.equal(last.actor, LEAD.aadObjectId);
      assert.equal(last.detail.kind, 'export');
      const logs = bot.logLines.join('\n');
      assert.doesNotMatch(logs, /Annie|9434765919|1970-06-30/);
    });
  });

  describe('export', () => {
    it('is pseudonymised by default: NACR-style fields, no names, NHS numbers or dates of birth, a stable pseudonym', async () => {
      const card = await exportCard();
      assert.match(cardText(card), /pseudonymised/);
      const res = await fetch(linkOf(card));
      const csv = await res.text();
      assert.doesNotMatch(csv, /Annie|Declan|HYPERLINK|9434765919|4010232137|1970-06-30|RTW-0|Calder/);
      const rows = records(csv);
      assert.equal(rows.length, 3, 'one row per case of this service only');
      assert.ok(!('nhs_number' in rows[0]) && !('patient_name' in rows[0]) && !('date_of_birth' in rows[0]));
      const secret = (await allDocs(bot.database, 'counters')).find(
        (d) => d.id === 'secret:export-pseudonym' && d.serviceId === SERVICE,
      )?.value;
      assert.ok(secret, 'the per-service secret is kept in the store');
      const ann = rows.find((r) => r.pseudonym === pseudonymOf(secret, '9434765919'));
      assert.ok(ann, 'the pseudonym is the HMAC of the NHS number under the service secret');
      assert.deepEqual(
        { ...ann },
        {
          pseudonym: ann.pseudonym,
          age_at_event: '55',
          event_type: 'MI',
          initiating_event: 'MI',
          treatment: '',
          event_date: '2026-03-02',
          hospital_discharge_date: '2026-03-02',
          referral_date: '2026-03-05',
          case_status: 'discharged',
          accepted_date: '2026-03-06',
          first_contact_date: '2026-03-09',
          days_referral_to_first_contact: '4',
          employment_status_at_referral: 'employed',
          employment_status_code_at_referral: '01',
          hours_per_week: '37.5',
          outcome: 'returned_phased',
          outcome_date: '2026-05-15',
          employment_status_code_at_discharge: '01',
          return_to_work_date: '2026-04-13',
          weeks_referral_to_return: '5.6',
          // 2026-03-02 to 2026-04-13: 31 + 11 days.
          days_event_to_return: '42',
          work_ability_first_contact: '',
          work_ability_discharge: '',
          // Discharged before follow-ups existed: consent never asked, no follow-up owed, every follow-up cell empty.
          follow_up_consent: '',
          ...Object.fromEntries(
            ['3m', '6m', '12m'].flatMap((d) =>
              ['status', 'due_date', 'date', 'hours_per_week', 'absence_days', 'work_ability', 'not_reached'].map(
                (f) => [`follow_up_${d}_${f}`, ''],
              ),
            ),
          ),
          employment_status_code_at_12_months: '',
          sessions_total: '4',
          sessions_home_visit: '1',
          sessions_telephone: '1',
          sessions_video: '1',
          sessions_clinic: '0',
          sessions_employer_meeting: '0',
          sessions_did_not_attend: '1',
          fit_notes: '1',
        },
      );
      const declined = rows.find((r) => r.pseudonym === pseudonymOf(secret, '9434765870'));
      assert.equal(declined?.outcome, 'referral_declined');
      assert.equal(declined?.outcome_date, '2026-10-02');
      assert.equal(declined?.first_contact_date, '');
      // Stable: a second export gives the same pseudonyms.
      const again = records(await (await fetch(linkOf(await exportCard()))).text());
      assert.deepEqual(again.map((r) => r.pseudonym).sort(), rows.map((r) => r.pseudonym).sort());
      assert.equal(new Set(rows.map((r) => r.pseudonym)).size, 3);
    });

    it('gives full identifiers only with "export full", audited as that choice, with each case read audited', async () => {
      const card = await exportCard('export full');
      assert.match(cardText(card), /full identifiers/);
      const rows = records(await (await fetch(linkOf(card))).text());
      const ann = rows.find((r) => r.case_ref === 'RTW-0101');
      assert.equal(ann?.patient_name, 'Ann "Annie" Example, Jr', 'quotes and commas survive the round trip');
      assert.equal(ann?.nhs_number, '9434765919');
      assert.equal(ann?.date_of_birth, '1970-06-30');
      const formula = rows.find((r) => r.case_ref === 'RTW-0102');
      assert.equal(formula?.patient_name, `'=HYPERLINK("x")`, 'a formula is defused for spreadsheets');
      const full = await auditOf('service.export.full');
      assert.equal(full.length, 1);
      assert.equal(full[0].actor, LEAD.aadObjectId);
      assert.equal(full[0].detail.cases, 3);
      const perCase = (await auditOf('case.export')).filter((e) => e.detail.identifiers === 'full');
      assert.deepEqual(perCase.map((e) => e.caseRef).sort(), ['RTW-0101', 'RTW-0102', 'RTW-0103']);
    });

    it('is for leads only: an OT is refused, audited, and gets no link', async () => {
      const [card] = await bot.say(OT, 'export full');
      assert.match(cardText(card), /Only the service lead/);
      assert.ok(!(card.actions ?? []).some((a: any) => a.type === 'Action.OpenUrl'));
      assert.ok(
        (await auditOf('service.export.full')).some((e) => e.outcome === 'refused' && e.actor === OT.aadObjectId),
      );
    });

    it('another service’s lead exports only their own cases, under their own pseudonym key', async () => {
      const [card] = await bot.say(OTHER_LEAD, 'export');
      const rows = records(await (await fetch(linkOf(card))).text());
      assert.equal(rows.length, 1);
      const mine = records(await (await fetch(linkOf(await exportCard()))).text());
      assert.ok(
        !mine.some((r) => r.pseudonym === rows[0].pseudonym),
        'the same NHS number gets a different pseudonym in another service',
      );
    });
  });
});
