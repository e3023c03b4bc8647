import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { addDays } from '../../src/domain/dates';
import { isValidNhsNumber } from '../../src/domain/nhsNumber';
import { playgroundConfigYaml } from '../../src/dev/playground';
import { demoNhsNumber, loadDemoCaseload } from '../../src/dev/demoData';
import { DEMO_PEOPLE, demoPerson } from '../../src/dev/demoStaff';
import { cardText } from '../support/cards';
import { TestBot } from '../support/testBot';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('local mode: playground people and the demo caseload', () => {
  it('ships .m365agentsplayground.yml exactly as generated from the demo cast (a lead, nurses, OTs)', () => {
    const shipped = readFileSync(path.join(ROOT, '.m365agentsplayground.yml'), 'utf8');
    assert.equal(shipped, playgroundConfigYaml(), 'regenerate the file from src/dev/playground.ts');
    for (const role of ['nurse', 'ot', 'lead'] as const)
      assert.ok(
        DEMO_PEOPLE.some((p) => p.role === role),
        role,
      );
    assert.equal(DEMO_PEOPLE.length, 6, 'the playground wants a current user and exactly five others');
  });

  it('never starts the playground or adds demo people with an app id, nor with PLAYGROUND=0 by default', () => {
    assert.equal(loadConfig({ MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' }).playground, false);
    assert.equal(loadConfig({ PLAYGROUND: '0' }).playground, false);
    assert.equal(loadConfig({}).playground, true);
  });

  it('uses NHS numbers of the never-issued 999 range with valid check digits', () => {
    const numbers = Array.from({ length: 20 }, (_, i) => demoNhsNumber(i + 1));
    for (const n of numbers) {
      assert.ok(n.startsWith('999'), n);
      assert.ok(isValidNhsNumber(n), n);
    }
    assert.equal(new Set(numbers).size, numbers.length);
  });

  describe('DEMO_DATA=1 at start-up', () => {
    let bot: TestBot;
    before(async () => {
      bot = await TestBot.start({ env: { DEMO_DATA: '1' } });
    });
    after(() => bot.stop());

    it('makes the playground people staff with their roles', async () => {
      const card = await bot.say({ aadObjectId: demoPerson('ot').aadObjectId, name: demoPerson('ot').name }, 'whoami');
      assert.match(cardText(card), /ot|occupational/i);
    });

    it('loads made-up patients with fit notes ending this week and one already ended, idempotently', async () => {
      const today = '2026-11-25';
      const cases = await bot.app.store.cases.find({ serviceId: 'mid-yorkshire' }, { kind: 'name', nameKey: '' }, 100);
      assert.ok(cases.length >= 5, `found ${cases.length}`);
      const open = cases.filter((c) => c.status === 'active' || c.status === 'referred');
      const ends = open.flatMap((c) => c.fitNotes.flatMap((n) => (n.endDate ? [n.endDate] : [])));
      assert.ok(
        ends.some((d) => d >= today && d <= addDays(today, 7)),
        'a note ends within the digest window',
      );
      assert.ok(
        open.some(
          (c) => c.fitNotes.length > 0 && c.fitNotes.every((n) => n.endDate !== undefined && n.endDate < today),
        ),
        'a note has run out',
      );
      assert.ok(
        open.some((c) => c.status === 'referred' && c.referral.referredOn <= addDays(today, -4)),
        'a referral waits too long',
      );
      for (const c of cases) assert.ok(isValidNhsNumber(c.patient.nhsNumber) && c.patient.nhsNumber.startsWith('999'));
      assert.equal(await loadDemoCaseload(bot.app.deps, 'mid-yorkshire'), 0, 'a second load adds nothing');
    });

    it("gives today's digest content in every section: notes ending, notes run out, referrals waiting, cases gone quiet", async () => {
      const lead = demoPerson('lead');
      const [card] = await bot.say({ aadObjectId: lead.aadObjectId, name: lead.name }, 'digest');
      const text = cardText(card);
      for (const name of ['Ada Fictional', 'Bert Madeup', 'Cora Placeholder', 'Enid Sample', 'Dev Notreal'])
        assert.match(text, new RegExp(name), name);
      assert.doesNotMatch(
        text,
        /Fred Testcase|Gail Examplename/,
        'a fresh referral and a discharged case are not flagged',
      );
      // Follow-ups (CONTRACT §5): one due, one overdue; the case lost to follow-up is in no list.
      assert.match(text, /Follow-ups after discharge due or overdue \(2\)/);
      assert.match(text, /Iris Mockton\n6-month follow-up, [^\n]*overdue by [^\n]*not reached 2 times/);
      assert.match(text, /Hal Specimen\n3-month follow-up, [^\n]*due/);
      assert.doesNotMatch(text, /Jon Dummy/);
    });
  });
});
