import { strict as assert } from 'node:assert';
import { cardText } from '../support/cards';
import { LEAD, NURSE, OT, OT2 } from '../support/people';
import { startCaseworkBot, SERVICE } from '../support/casework';
import type { TestBot } from '../support/testBot';

/** Casework over real HTTP against the embedded store; "today" is Wednesday 2026-11-25 in London. */
describe('OT casework through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await startCaseworkBot();
  });
  after(() => bot.stop());

  describe('caseloads', () => {
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
});
