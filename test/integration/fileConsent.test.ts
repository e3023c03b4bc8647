import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { conversationOf, messageActivity, type TestUser } from '../support/activities';
import { cardText } from '../support/cards';
import { LEAD, NURSE, OT, STRANGER } from '../support/people';
import { seedCase, withEmployerReport } from '../support/seedCases';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';
import { CONSENT_TTL_MS, FileConsents, uploadTarget } from '../../src/services/files/fileConsent';

const CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
const INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

interface Upload {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A stand-in for the user's OneDrive upload session on loopback: records every request it gets. */
class RecordingUploadServer {
  readonly uploads: Upload[] = [];
  status = 201;
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        this.uploads.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks),
        });
        res.writeHead(this.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'drive-item', name: 'uploaded' }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe('files by Teams’ file consent in personal chat (real HTTP, embedded Cosmos, recording OneDrive)', () => {
  let bot: TestBot;
  let drive: RecordingUploadServer;
  // With a saved employer report: the PDF is made from what was saved.
  const withConsent = withEmployerReport(
    seedCase(
      {
        ref: 'RTW-0301',
        name: 'Carla Consentcase',
        nhsNumber: '9434765919',
        dateOfBirth: '1968-04-12',
        eventDate: '2026-10-01',
        referredOn: '2026-10-06',
        acceptedOn: '2026-10-07',
        sessions: [['2026-10-09', 'telephone']],
        plan: { phases: [['2026-11-30', 16, 4]], target: '2026-12-21' },
      },
      NURSE,
      OT,
    ),
  );

  before(async () => {
    drive = await new RecordingUploadServer().start();
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    await bot.app.store.cases.create(withConsent);
  });
  after(async () => {
    await bot.stop();
    await drive.stop();
  });
  afterEach(() => {
    bot.clock.set('2026-11-25T10:00:00Z');
    drive.status = 201;
  });

  const auditOf = async (action: string) => (await allDocs(bot.database, 'audit')).filter((e) => e.action === action);
  const held = () => bot.app.consents.held();
  /** Audit entries about one consent (the random half of its id), whatever their order in the store. */
  const auditAbout = async (action: string, context: { consent: string }) =>
    (await auditOf(action)).filter((e) => e.detail?.consent === context.consent.split('.')[0]);

  /** Sends `text` as `user`; returns the attachments (with their content types) the bot sent in this turn. */
  async function sayRaw(user: TestUser, text: string): Promise<{ activities: any[]; attachments: any[] }> {
    const before = bot.connector.activities(conversationOf(user)).length;
    const answer = await bot.post(messageActivity(user, text, bot.connector.url));
    assert.equal(answer.status, 200);
    const activities = bot.connector.activities(conversationOf(user)).slice(before);
    return { activities, attachments: activities.flatMap((a) => a.attachments ?? []) };
  }

  /** The URL of a download card's button. */
  function linkIn(attachments: any[]): string {
    const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
    const open = (card?.actions ?? []).find((a: any) => a.type === 'Action.OpenUrl');
    assert.ok(open, 'a download link is still offered');
    return open.url;
  }

  function consentIn(attachments: any[]): any {
    const consent = attachments.find((a) => a.contentType === CONSENT_CARD);
    assert.ok(consent, `a file consent card is offered: ${JSON.stringify(attachments.map((a) => a.contentType))}`);
    return consent;
  }

  let uploadSerial = 0;
  function uploadInfo(overrides: Record<string, unknown> = {}) {
    uploadSerial += 1;
    return {
      name: `file-${uploadSerial}`,
      uploadUrl: `${drive.url}/upload/session-${uploadSerial}?token=secret-session-${uploadSerial}`,
      contentUrl: `https://contoso-my.sharepoint.com/personal/user/Documents/Applications/file-${uploadSerial}`,
      uniqueId: `unique-${uploadSerial}`,
      fileType: 'csv',
      ...overrides,
    };
  }

  /** What Teams sends when `user` presses Allow (accept) or Decline on a consent card. */
  async function answerConsent(
    user: TestUser,
    action: 'accept' | 'decline',
    context: unknown,
    info?: Record<string, unknown>,
  ): Promise<{ status: number; sent: any[] }> {
    const before = bot.connector.activities(conversationOf(user)).length;
    const activity = {
      ...messageActivity(user, '', bot.connector.url),
      type: 'invoke',
      name: 'fileConsent/invoke',
      text: undefined,
      replyToId: 'consent-card-activity',
      value: {
        type: 'fileUpload',
        action,
        context,
        ...(action === 'accept' ? { uploadInfo: info ?? uploadInfo() } : {}),
      },
    };
    const answer = await bot.post(activity);
    const sent = bot.connector
      .activities(conversationOf(user))
      .slice(before)
      .flatMap((a) => a.attachments ?? []);
    return { status: answer.status, sent };
  }

  const noticeText = (sent: any[]) => sent.map((a) => cardText(a.content)).join(' | ');

  describe('offer', () => {
    it('export: the same reply carries the link and a consent card whose contexts hold only a signed consent id', async () => {
      const before = (await auditOf('file.consent.offer')).length;
      const { activities, attachments } = await sayRaw(LEAD, 'export');
      assert.equal(activities.length, 1, 'one reply');
      assert.equal(attachments.length, 2, 'link card and consent card together');
      linkIn(attachments);
      const consent = consentIn(attachments);
      assert.match(consent.name, /^rtw-export-mid-yorkshire-2026-11-25\.csv$/);
      assert.ok(consent.content.sizeInBytes > 0);
      assert.deepEqual(Object.keys(consent.content.acceptContext), ['consent']);
      assert.deepEqual(consent.content.acceptContext, consent.content.declineContext);
      assert.match(consent.content.acceptContext.consent, /^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
      assert.doesNotMatch(JSON.stringify(consent), /Carla|Consentcase|9434765919|1968/);
      assert.equal((await auditOf('file.consent.offer')).length, before + 1);
      const [offer] = await auditAbout('file.consent.offer', consent.content.acceptContext);
      assert.equal(offer.actor, LEAD.aadObjectId);
      assert.equal(offer.detail.kind, 'export');
    });
  });

  describe('accept by the requester', () => {
    it('export: the CSV bytes are PUT to the upload URL with Content-Range, the file card follows, audited; the link still works', async () => {
      const { attachments } = await sayRaw(LEAD, 'export');
      const consent = consentIn(attachments);
      const heldBefore = await held();
      const info = uploadInfo({ fileType: 'csv' });
      const answer = await answerConsent(LEAD, 'accept', consent.content.acceptContext, info);
      assert.equal(answer.status, 200);
      assert.equal(drive.uploads.length > 0, true);
      const up = drive.uploads.at(-1)!;
      assert.equal(up.method, 'PUT');
      assert.equal(up.path, new URL(info.uploadUrl).pathname + new URL(info.uploadUrl).search);
      const csv = Buffer.from(await (await fetch(linkIn(attachments))).arrayBuffer());
      assert.ok(csv.length > 0);
      assert.ok(up.body.equals(csv), 'the uploaded bytes are the CSV the link serves');
      assert.equal(up.headers['content-range'], `bytes 0-${csv.length - 1}/${csv.length}`);
      assert.equal(up.headers['content-length'], String(csv.length));

      const card = answer.sent.find((a) => a.contentType === INFO_CARD);
      assert.ok(card, `file info card sent: ${JSON.stringify(answer.sent)}`);
      assert.equal(card.contentUrl, info.contentUrl);
      assert.equal(card.name, info.name);
      assert.deepEqual(card.content, { uniqueId: info.uniqueId, fileType: 'csv' });
      assert.equal(await held(), heldBefore - 1, 'the pending file is dropped once uploaded');

      const uploads = await auditOf('file.consent.upload');
      const [mine] = await auditAbout('file.consent.upload', consent.content.acceptContext);
      assert.equal(mine.outcome, 'ok');
      assert.equal(mine.actor, LEAD.aadObjectId);
      assert.equal(mine.detail.kind, 'export');
      assert.equal(mine.detail.bytes, csv.length);
      assert.equal(mine.detail.host, new URL(drive.url).host);
      assert.doesNotMatch(JSON.stringify(uploads), /secret-session/, 'the upload session token is not recorded');
    });

    it('report PDF (button): the consent card comes as its own message; the PDF bytes are uploaded', async () => {
      const before = bot.connector.activities(conversationOf(OT)).length;
      const answered = await bot.invoke(OT, 'report.pdf', { caseId: withConsent.id });
      const open = answered.actions.find((a: any) => a.type === 'Action.OpenUrl');
      assert.ok(open, cardText(answered));
      const sent = bot.connector
        .activities(conversationOf(OT))
        .slice(before)
        .flatMap((a) => a.attachments ?? []);
      const consent = consentIn(sent);
      assert.equal(consent.name, 'RTW-0301-return-to-work-report-2026-11-25.pdf');
      const answer = await answerConsent(OT, 'accept', consent.content.acceptContext, uploadInfo({ fileType: 'pdf' }));
      assert.ok(answer.sent.some((a) => a.contentType === INFO_CARD));
      const pdf = Buffer.from(await (await fetch(open.url)).arrayBuffer());
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.ok(drive.uploads.at(-1)!.body.equals(pdf), 'the uploaded bytes are the PDF the link serves');
      const [upload] = await auditAbout('file.consent.upload', consent.content.acceptContext);
      assert.equal(upload.caseId, withConsent.id);
      assert.equal(upload.detail.kind, 'employer-report');
    });

    it('fhir <ref>: the JSON bundle is uploaded byte for byte', async () => {
      const { attachments } = await sayRaw(OT, 'fhir RTW-0301');
      const consent = consentIn(attachments);
      const answer = await answerConsent(OT, 'accept', consent.content.acceptContext, uploadInfo({ fileType: 'json' }));
      assert.ok(answer.sent.some((a) => a.contentType === INFO_CARD));
      const json = Buffer.from(await (await fetch(linkIn(attachments))).arrayBuffer());
      assert.ok(drive.uploads.at(-1)!.body.equals(json));
      assert.equal(JSON.parse(json.toString('utf8')).resourceType, 'Bundle');
    });

    it('a failed upload is told and audited as an error, and not retried', async () => {
      const { attachments } = await sayRaw(LEAD, 'export');
      const consent = consentIn(attachments);
      drive.status = 500;
      const answer = await answerConsent(LEAD, 'accept', consent.content.acceptContext);
      assert.match(noticeText(answer.sent), /Could not save the file/);
      assert.ok(!answer.sent.some((a) => a.contentType === INFO_CARD));
      assert.equal((await auditAbout('file.consent.upload', consent.content.acceptContext))[0].outcome, 'error');
      drive.status = 201;
      const count = drive.uploads.length;
      const again = await answerConsent(LEAD, 'accept', consent.content.acceptContext);
      assert.match(noticeText(again.sent), /already been saved/);
      assert.equal(drive.uploads.length, count);
    });
  });

  describe('refusals (nothing uploaded, audited, a clear message)', () => {
    it('another user accepting the requester’s consent is refused; the requester can still accept', async () => {
      const { attachments } = await sayRaw(OT, 'fhir RTW-0301');
      const consent = consentIn(attachments);
      const count = drive.uploads.length;
      const byLead = await answerConsent(LEAD, 'accept', consent.content.acceptContext);
      assert.equal(byLead.status, 200);
      assert.match(noticeText(byLead.sent), /offered to someone else/);
      const byStranger = await answerConsent(STRANGER, 'accept', consent.content.acceptContext);
      assert.match(noticeText(byStranger.sent), /cardiac rehabilitation staff/);
      const byLeadDecline = await answerConsent(LEAD, 'decline', consent.content.declineContext);
      assert.match(noticeText(byLeadDecline.sent), /offered to someone else/);
      assert.equal(drive.uploads.length, count, 'nothing uploaded');
      const refused = (await auditAbout('file.consent.accept', consent.content.acceptContext)).filter(
        (e) => e.detail.reason === 'not_requester',
      );
      assert.equal(refused.length, 1);
      assert.equal(refused[0].outcome, 'refused');
      assert.equal(refused[0].actor, LEAD.aadObjectId);
      assert.equal(refused[0].serviceId, 'mid-yorkshire');
      assert.equal(refused[0].caseId, withConsent.id, 'recorded against the case, in the requester’s service');
      // Someone else's attempts neither spend nor drop the requester's file.
      const mine = await answerConsent(OT, 'accept', consent.content.acceptContext);
      assert.ok(mine.sent.some((a) => a.contentType === INFO_CARD));
      assert.equal(drive.uploads.length, count + 1);
    });

    it('an altered consent id, a reused one and an expired one are refused', async () => {
      const { attachments } = await sayRaw(LEAD, 'export');
      const token: string = consentIn(attachments).content.acceptContext.consent;
      const [id, sig] = token.split('.');
      const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
      const count = drive.uploads.length;
      for (const bad of [`${flip(id)}.${sig}`, `${id}.${flip(sig)}`, id, `${token}x`, '', 42, { consent: token }]) {
        const answer = await answerConsent(LEAD, 'accept', { consent: bad });
        assert.match(noticeText(answer.sent), /not valid/, JSON.stringify(bad));
      }
      assert.equal(drive.uploads.length, count, 'nothing uploaded for altered ids');
      assert.ok(
        (await auditOf('file.consent.accept')).some((e) => e.outcome === 'refused' && e.detail.reason === 'altered'),
      );

      // Genuine once, then used.
      assert.ok(
        (await answerConsent(LEAD, 'accept', { consent: token })).sent.some((a) => a.contentType === INFO_CARD),
      );
      const reused = await answerConsent(LEAD, 'accept', { consent: token });
      assert.match(noticeText(reused.sent), /already been saved/);
      assert.equal(drive.uploads.length, count + 1, 'uploaded once only');

      // Expired: dropped from memory at expiry, refused afterwards.
      const late = consentIn((await sayRaw(LEAD, 'export')).attachments).content.acceptContext;
      assert.ok((await held()) >= 1);
      bot.clock.advance(CONSENT_TTL_MS - 1000);
      assert.ok((await held()) >= 1, 'still held just before expiry');
      bot.clock.advance(2000);
      assert.equal(await held(), 0, 'every offer is purged from memory on expiry');
      const expired = await answerConsent(LEAD, 'accept', late);
      assert.match(noticeText(expired.sent), /expired/);
      assert.equal(drive.uploads.length, count + 1);
      assert.deepEqual(
        (await auditAbout('file.consent.accept', { consent: token })).map((e) => e.detail.reason),
        ['used'],
      );
      assert.deepEqual(
        (await auditAbout('file.consent.accept', late)).map((e) => e.detail.reason),
        ['expired'],
      );
    });

    it('two accepts racing for the same consent upload the file once', async () => {
      const { attachments } = await sayRaw(LEAD, 'export');
      const context = consentIn(attachments).content.acceptContext;
      const count = drive.uploads.length;
      const answers = await Promise.all([
        answerConsent(LEAD, 'accept', context),
        answerConsent(LEAD, 'accept', context),
        answerConsent(LEAD, 'accept', context),
      ]);
      assert.ok(answers.every((a) => a.status === 200));
      assert.equal(drive.uploads.length, count + 1, 'one upload');
      const results = (await auditAbout('file.consent.upload', context)).map((e) => e.outcome);
      assert.deepEqual(results, ['ok']);
      assert.deepEqual(
        (await auditAbout('file.consent.accept', context)).map((e) => e.detail.reason),
        ['used', 'used'],
      );
    });

    it('the requester’s role no longer allowing the file is refused', async () => {
      const { attachments } = await sayRaw(OT, 'fhir RTW-0301');
      const consent = consentIn(attachments);
      const count = drive.uploads.length;
      await bot.app.store.staff.save({
        aadObjectId: OT.aadObjectId,
        serviceId: 'mid-yorkshire',
        name: OT.name,
        role: 'nurse',
        addedBy: 'test',
        updatedAt: new Date().toISOString(),
      });
      try {
        const answer = await answerConsent(OT, 'accept', consent.content.acceptContext);
        assert.match(noticeText(answer.sent), /no longer allows/);
        assert.equal(drive.uploads.length, count);
        assert.deepEqual(
          (await auditAbout('file.consent.accept', consent.content.acceptContext)).map((e) => e.detail.reason),
          ['not_allowed'],
        );
      } finally {
        await bot.app.store.staff.save({
          aadObjectId: OT.aadObjectId,
          serviceId: 'mid-yorkshire',
          name: OT.name,
          role: 'ot',
          addedBy: 'test',
          updatedAt: new Date().toISOString(),
        });
      }
    });

    it('decline: nothing uploaded, the pending file dropped and audited; a later accept is refused', async () => {
      const { attachments } = await sayRaw(LEAD, 'export');
      const consent = consentIn(attachments);
      const before = await held();
      const count = drive.uploads.length;
      const declined = await answerConsent(LEAD, 'decline', consent.content.declineContext);
      assert.equal(declined.status, 200);
      assert.match(noticeText(declined.sent), /deleted from the bot/);
      assert.equal(await held(), before - 1, 'dropped at once');
      const [entry] = await auditAbout('file.consent.decline', consent.content.declineContext);
      assert.equal(entry.outcome, 'ok');
      assert.equal(entry.actor, LEAD.aadObjectId);
      const accepted = await answerConsent(LEAD, 'accept', consent.content.acceptContext);
      assert.match(noticeText(accepted.sent), /declined/);
      assert.equal(drive.uploads.length, count);
    });

    it('in local mode only http(s)://127.0.0.1 is a permitted upload address besides SharePoint Online; anything else is refused before any request', async () => {
      const { attachments } = await sayRaw(LEAD, 'export');
      const context = consentIn(attachments).content.acceptContext;
      const count = drive.uploads.length;
      const port = new URL(drive.url).port;
      for (const uploadUrl of [
        `http://localhost:${port}/upload`,
        `http://[::1]:${port}/upload`,
        `http://127.0.0.2:${port}/upload`,
        'http://example.com/upload',
        'https://example.com/upload',
        'https://contoso.sharepoint.com.evil.example/upload',
        'http://contoso-my.sharepoint.com/upload',
        `ftp://127.0.0.1:${port}/upload`,
        `http://user:pw@127.0.0.1:${port}/upload`,
        'not a url',
        undefined,
      ]) {
        const answer = await answerConsent(LEAD, 'accept', context, uploadInfo({ uploadUrl }));
        assert.match(noticeText(answer.sent), /not Microsoft’s OneDrive/, String(uploadUrl));
      }
      assert.equal(drive.uploads.length, count);
      assert.ok((await auditOf('file.consent.accept')).filter((e) => e.detail.reason === 'upload_host').length >= 11);
      // The refusals did not spend the offer: the genuine loopback address still gets the file.
      assert.ok((await answerConsent(LEAD, 'accept', context)).sent.some((a) => a.contentType === INFO_CARD));
      assert.equal(drive.uploads.length, count + 1);
    });

    it('with inbound authentication on, 127.0.0.1 is refused too: only https on SharePoint Online', async () => {
      const production = new FileConsents(bot.app.deps, { allowLoopbackUpload: false });
      const actor = {
        aadObjectId: LEAD.aadObjectId,
        name: LEAD.name,
        role: 'lead' as const,
        serviceId: 'mid-yorkshire',
      };
      const offer = await production.offer(actor, {
        kind: 'export',
        filename: 'x.csv',
        contentType: 'text/csv',
        body: Buffer.from('a,b\r\n'),
      });
      const count = drive.uploads.length;
      const result = await production.accept(actor, offer.consent, uploadInfo());
      assert.deepEqual(result, { kind: 'refused', reason: 'upload_host' });
      assert.equal(drive.uploads.length, count);
      production.stop();
      // The address rule itself (no request is made for these).
      assert.ok(
        uploadTarget(
          'https://contoso-my.sharepoint.com/personal/u/_api/v2.0/drive/items/1/uploadSession?guid=x',
          false,
        ),
      );
      assert.equal(uploadTarget('https://contoso-my.sharepoint.com:8443/x', false), undefined);
      assert.equal(uploadTarget(`${drive.url}/x`, false), undefined);
      assert.ok(uploadTarget(`${drive.url}/x`, true));
    });
  });

  describe('logs', () => {
    it('hold no patient data and no upload session token', () => {
      const logs = bot.logLines.join('\n');
      assert.match(logs, /file consent answered/);
      assert.doesNotMatch(logs, /Carla|Consentcase|9434765919|1968-04-12|secret-session/);
    });
  });
});
