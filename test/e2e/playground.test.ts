import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Locator, Page, Response } from 'playwright-core';
import sinon from 'sinon';
import {
  PLAYGROUND_TENANT,
  playgroundConfigYaml,
  startPlayground,
  type RunningPlayground,
} from '../../src/dev/playground';
import { createLogger } from '../../src/log';
import { DEMO_PEOPLE, demoPerson, ensureDemoStaff, type DemoPerson } from '../../src/dev/demoStaff';
import { demoNhsNumber } from '../../src/dev/demoData';
import type { Role } from '../../src/domain/roles';
import { RehabBot } from '../../src/teams/bot';
import type { TestUser } from '../support/activities';
import { chromiumPath, launchChromium, type Browser } from '../support/browser';
import { cardText, executeActions } from '../support/cards';
import { validReferral } from '../support/people';
import { seedCase } from '../support/seedCases';
import { TestBot } from '../support/testBot';

/**
 * The whole path as people use it, in a real browser: Microsoft 365 Agents Playground (the local
 * Teams client) in headless Chromium, driving the bot over real HTTP. One playground per person,
 * since the playground chats as one configured user. Each test has a bot, a store and a browser of its
 * own; what a test needs from an earlier person's step it makes itself over HTTP.
 * Screenshots of every step go to test-output/e2e/ (git-ignored).
 */
const OUT = path.resolve(__dirname, '..', '..', '..', 'test-output', 'e2e');
const COMPOSE = '[data-lexical-editor="true"][role="textbox"]';
const CARD = '.ac-adaptiveCard';
const PATIENT = 'Zed Browsertest-Fictional';

/** A demo person as the playground sends them (its own tenant), for set-up over HTTP. */
function asUser(role: Role): TestUser {
  const person = demoPerson(role);
  return { aadObjectId: person.aadObjectId, name: person.name, tenantId: PLAYGROUND_TENANT };
}

/**
 * The turns the bot has finished since the call (a watch on RehabBot.run until `restore()`): a turn's
 * replies have reached the playground by the time it is listed.
 */
function watchTurns() {
  const done: { type: string; aadObjectId?: string }[] = [];
  let changed = () => {};
  const run = RehabBot.prototype.run;
  const stub = sinon.stub(RehabBot.prototype, 'run').callsFake(async function (this: RehabBot, context) {
    try {
      await run.call(this, context);
    } finally {
      done.push({ type: context.activity.type, aadObjectId: context.activity.from?.aadObjectId });
      changed();
    }
  });
  return {
    done,
    /** Resolves once `predicate` holds for the finished turns (fails after 30 s, naming `what`). */
    async until(what: string, predicate: (turns: typeof done) => boolean): Promise<void> {
      const deadline = Date.now() + 30_000;
      while (!predicate(done)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          const safetyNet = setTimeout(resolve, 1_000);
          changed = () => {
            clearTimeout(safetyNet);
            resolve();
          };
        });
      }
    },
    restore: () => stub.restore(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('end to end in Agents Playground (headless Chromium)', function () {
  this.timeout(120_000);
  let bot: TestBot;
  let browser: Browser | undefined;
  let shot = 0;
  const open: { playground: RunningPlayground; page: Page }[] = [];

  before(function () {
    if (!chromiumPath()) {
      console.warn(
        '    SKIPPED: the browser end-to-end tests need Chromium (apt-get install -y chromium, or set CHROMIUM_PATH)',
      );
      this.skip();
    }
    mkdirSync(OUT, { recursive: true });
  });

  beforeEach(async () => {
    bot = await TestBot.start({ env: { PLAYGROUND: '0', LOG_LEVEL: 'warn' } });
    await ensureDemoStaff(bot.app.deps, 'mid-yorkshire');
    browser = await launchChromium();
  });

  afterEach(async function () {
    const failed = this.currentTest?.state === 'failed';
    for (const o of open.splice(0)) {
      if (failed) await screenshot(o.page, 'FAILED').catch(() => undefined);
      await o.page.close().catch(() => undefined);
      await o.playground.stop();
    }
    await browser?.close();
    browser = undefined;
    await bot?.stop();
  });

  /**
   * What the nurse's step leaves, made over HTTP: the patient referred with a fit note ending within
   * the digest window of the tests' "today" (2026-11-25). Returns the case id and the reference.
   */
  async function referred(): Promise<{ caseId: string; ref: string }> {
    const data = validReferral({
      patientName: PATIENT,
      nhsNumber: '999 000 0018',
      occupation: 'Bus driver',
      fitNoteStart: '2026-10-24',
      fitNoteEnd: '2026-11-29',
    });
    const card = await bot.invoke(asUser('nurse'), 'referral.submit', data);
    const ref = /RTW-\d{4,}/.exec(cardText(card))?.[0];
    assert.ok(ref, cardText(card));
    return { caseId: String(data.submissionId), ref };
  }

  /** What the OT's step leaves, made over HTTP: the referral accepted and a telephone session logged. */
  async function accepted(opts: { nextContactDate?: string } = {}): Promise<string> {
    const { caseId, ref } = await referred();
    const ot = asUser('ot');
    assert.match(cardText(await bot.invoke(ot, 'referral.accept', { caseId })), /You have accepted/);
    const session = await bot.invoke(ot, 'session.submit', {
      caseId,
      submissionId: `e2e-session-${caseId}`,
      date: '2026-11-25',
      mode: 'telephone',
      durationMinutes: '30',
      notes: 'Talked through pacing and a first conversation with the employer.',
      ...opts,
    });
    assert.match(cardText(session), /Session saved/);
    return ref;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    shot += 1;
    await page.screenshot({ path: path.join(OUT, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  /** Opens the playground as a demo person (the first of a role), on a port of its own, and waits for the compose box. */
  async function openAs(who: Role | DemoPerson): Promise<Page> {
    const person = typeof who === 'string' ? demoPerson(who) : who;
    const role = person.id;
    const configPath = path.join(OUT, `playground-${role}.yml`);
    writeFileSync(configPath, playgroundConfigYaml(person));
    const playground = await startPlayground({
      botEndpoint: `${bot.app.url}/api/messages`,
      port: await freePort(),
      configPath,
      logFile: path.join(OUT, `playground-${role}.log`),
      log: createLogger('warn'),
    });
    assert.ok(playground, 'the playground started');
    const page = await browser!.context.newPage();
    open.push({ playground, page });
    await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
    await page.locator(COMPOSE).waitFor({ timeout: 30_000 });
    return page;
  }

  async function say(page: Page, text: string): Promise<void> {
    const box = page.locator(COMPOSE);
    await box.click();
    await box.pressSequentially(text);
    await page.keyboard.press('Enter');
  }

  /** The newest card showing `text`. */
  async function cardWith(page: Page, text: string | RegExp): Promise<Locator> {
    const card = page.locator(CARD).filter({ hasText: text }).last();
    await card.waitFor({ timeout: 20_000 });
    return card;
  }

  // The playground's inputs only tell the card about keystrokes: `.fill()` is not seen by submit.
  async function typeInto(card: Locator, label: RegExp, text: string): Promise<void> {
    const input = card
      .getByRole('textbox', { name: label })
      .or(card.getByRole('spinbutton', { name: label }))
      .first();
    await input.click();
    await input.press('ControlOrMeta+a'); // replace whatever the field shows
    await input.pressSequentially(text);
  }

  /** Date inputs are date pickers: close the calendar it opens, type an ISO date, Tab to commit it. */
  async function typeDate(page: Page, card: Locator, label: RegExp, iso: string): Promise<void> {
    const id = await card.getByRole('combobox', { name: label }).first().getAttribute('id');
    const input = page.locator(`[id="${id}"]`);
    await input.click();
    await page.keyboard.press('Escape');
    await input.pressSequentially(iso);
    await page.keyboard.press('Tab');
  }

  async function choose(page: Page, card: Locator, label: RegExp, option: RegExp): Promise<void> {
    await card.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
  }

  /**
   * Clicks a card's link to a file (an Action.OpenUrl to the bot's /files/ address): the playground
   * opens a window of its own on it, and this is the bot's answer to that fetch. Headless Chromium
   * shows no file: the window downloads it and may close by itself.
   */
  async function openLink(page: Page, card: Locator, title: string): Promise<Response> {
    const fetched = browser!.context.waitForEvent('response', {
      predicate: (r) => r.url().startsWith(`${bot.app.url}/files/`),
      timeout: 20_000,
    });
    const popup = page.waitForEvent('popup', { timeout: 20_000 });
    await card.getByText(title, { exact: true }).click();
    const answer = await fetched;
    assert.notEqual(await popup, page, 'opened in a window of its own');
    await (await popup).close().catch(() => undefined);
    return answer;
  }

  it('nurse: help\'s buttons, then the referral card filled by clicking and typing, sent, and "Refer another patient"', async () => {
    const page = await openAs('nurse');
    await screenshot(page, 'nurse-opened');
    await say(page, 'help');
    await (await cardWith(page, 'Type one of these commands')).getByRole('button', { name: 'Who am I?' }).click();
    await cardWith(page, /Referring nurse/);
    await say(page, 'help');
    await (await cardWith(page, 'Type one of these commands')).getByRole('button', { name: 'Refer a patient' }).click();
    const form = await cardWith(page, 'Refer a patient for return-to-work support');
    await typeInto(form, /Patient name/, PATIENT);
    await typeInto(form, /NHS number/, '999 000 0018');
    await typeDate(page, form, /Date of birth/, '1968-04-12');
    await choose(page, form, /^Event/, /Myocardial infarction/);
    await typeDate(page, form, /Date of event/, '2026-10-20');
    await choose(page, form, /Employment status/, /^Employed/);
    await typeInto(form, /Occupation/, 'Bus driver');
    // Contracted hours left blank on purpose: an untouched number field must not block the submit.
    await choose(page, form, /Fit note status/, /^Not fit/);
    await typeDate(page, form, /Fit note from/, '2026-10-24');
    // Ends within the digest window of the test's "today" (2026-11-25), so the lead will see it.
    await typeDate(page, form, /Fit note until/, '2026-11-29');
    await form.getByText('Telephone', { exact: true }).click();
    await form.getByRole('checkbox', { name: /agrees to this referral/ }).click();
    await screenshot(page, 'nurse-filled');
    await form.getByRole('button', { name: 'Send referral' }).click();
    const done = await cardWith(page, /Referral sent: RTW-\d{4,}/);
    const ref = /RTW-\d{4,}/.exec((await done.textContent()) ?? '')![0];
    assert.match((await done.textContent()) ?? '', /999 000 0018/);
    await screenshot(page, 'nurse-referral-sent');
    assert.ok(ref);
    await done.getByRole('button', { name: 'Refer another patient' }).click();
    await cardWith(page, 'Refer a patient for return-to-work support');
  });

  it('OT: opens the case, accepts it, and logs a telephone session', async () => {
    const { ref } = await referred();
    assert.ok(ref, 'needs a referral, as the nurse makes it');
    const page = await openAs('ot');
    await say(page, `case ${ref}`);
    const hub = await cardWith(page, new RegExp(`${ref}.*${PATIENT}|${PATIENT}`));
    await screenshot(page, 'ot-case');
    await hub.getByRole('button', { name: 'Accept', exact: true }).click();
    await page
      .locator(CARD)
      .filter({ hasText: PATIENT })
      .filter({ has: page.getByRole('button', { name: 'Log a session' }) })
      .last()
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'ot-accepted');

    // The hub's own button, not the typed command: imBack buttons did nothing in the playground.
    const working = page
      .locator(CARD)
      .filter({ hasText: PATIENT })
      .filter({ has: page.getByRole('button', { name: 'Log a session' }) })
      .last();
    await working.getByRole('button', { name: 'Log a session' }).click();
    const form = await cardWith(page, /Date of session/);
    await typeDate(page, form, /Date of session/, '2026-11-25');
    await choose(page, form, /How it took place/, /^Telephone/);
    await typeInto(form, /Length in minutes/, '30');
    await typeInto(form, /Notes/, 'Talked through pacing and a first conversation with the employer.');
    await screenshot(page, 'ot-session-filled');
    await form.getByRole('button', { name: 'Save session' }).click();
    await cardWith(page, `Session saved on ${ref}`);
    await screenshot(page, 'ot-session-saved');
  });

  it('lead: types "digest" and sees the patient whose fit note ends this week', async () => {
    const ref = await accepted();
    assert.ok(ref, 'needs the referral, accepted and seen, as the nurse and the OT leave it');
    const page = await openAs('lead');
    await say(page, 'digest');
    const digest = await cardWith(page, PATIENT);
    assert.match((await digest.textContent()) ?? '', new RegExp(ref));
    await screenshot(page, 'lead-digest');
    await digest.getByRole('button', { name: 'Open' }).first().click();
    await hubOf(page, ref);
  });

  /** The case hub of `ref` (its Casework section), once shown. */
  async function hubOf(page: Page, ref: string): Promise<Locator> {
    return cardWith(page, new RegExp(`${ref} · [\\s\\S]*Casework`));
  }

  it('OT: Open on the caseload and on search results opens the case hub', async () => {
    const ref = await accepted();
    const page = await openAs('ot');
    await say(page, 'caseload');
    const caseload = await cardWith(page, PATIENT);
    await caseload.getByRole('button', { name: 'Open' }).first().click();
    await hubOf(page, ref);
    await say(page, 'find Browsertest');
    const found = await cardWith(page, new RegExp(`${ref} · ${PATIENT}`));
    await found.getByRole('button', { name: 'Open' }).first().click();
    await hubOf(page, ref);
    await screenshot(page, 'ot-opened-from-find');
  });

  it("OT: the hub's Fit note and Plan buttons open their forms; Add a phase, Save fit note and Save plan work", async () => {
    const ref = await accepted();
    const page = await openAs('ot');
    await say(page, `case ${ref}`);
    await (await hubOf(page, ref)).getByRole('button', { name: 'Fit note', exact: true }).click();
    const note = await cardWith(page, /The fit note says/);
    await note.getByText('May be fit for work', { exact: true }).click();
    await typeDate(page, note, /^From/, '2026-11-25');
    await typeDate(page, note, /^Until/, '2026-12-23');
    await note.getByRole('button', { name: 'Save fit note' }).click();
    await cardWith(page, `Fit note saved on ${ref}`);

    await say(page, `case ${ref}`);
    await (await hubOf(page, ref)).getByRole('button', { name: 'Plan', exact: true }).click();
    let plan = await cardWith(page, /Target return to full hours/);
    await typeDate(page, plan, /Target return to full hours/, '2027-01-04');
    await plan.getByRole('button', { name: 'Add a phase' }).click();
    plan = page
      .locator(CARD)
      .filter({ hasText: /Target return to full hours/ })
      .filter({ hasText: /Phase 2/ })
      .last();
    await plan.waitFor({ timeout: 20_000 });
    await typeDate(page, plan, /Week starting/, '2026-11-30');
    await typeInto(plan, /Hours\/week/, '20');
    await typeInto(plan, /Days\/week/, '4');
    await screenshot(page, 'ot-plan-filled');
    await plan.getByRole('button', { name: 'Save plan' }).click();
    await cardWith(page, `Plan saved on ${ref}`);
    await screenshot(page, 'ot-plan-saved');
  });

  it("OT: the hub's Report button opens the report form, Save report saves it, Change the report brings it back as saved; Download as PDF, Open the PDF, New PDF link and Download PDF; Discharge closes the case", async () => {
    const ref = await accepted();
    const ot = asUser('ot');
    const caseId = (await bot.app.store.cases.find({ serviceId: 'mid-yorkshire' }, { kind: 'ref', ref }, 1))[0].id;
    const [planForm] = await bot.say(ot, `plan ${ref}`);
    const etag = executeActions(planForm).find((a) => a.verb === 'plan.submit')?.data?.etag;
    const saved = await bot.invoke(ot, 'plan.submit', {
      caseId,
      etag,
      targetReturnDate: '2027-01-04',
      contractedHours: '37.5',
      phase1Start: '2026-11-30',
      phase1Hours: '20',
      phase1Days: '4',
      employerConsent: 'true',
    });
    assert.match(cardText(saved), /Plan saved/);
    // The report is a form the OT fills in and saves (report.submit); the hub's Report button then
    // shows the saved report, whose "Change the report" brings the form back with what was saved.
    const page = await openAs('ot');
    await say(page, `case ${ref}`);
    await (await hubOf(page, ref)).getByRole('button', { name: 'Report', exact: true }).click();
    let form = await cardWith(page, /in the shape of the AHP Health and Work Report/);
    // Filled in already: the assessment (the telephone session today) and the advice's start (today).
    await typeInto(form, /^Condition/, 'Recovering from a heart attack');
    await form.getByText('No statement about fitness for work', { exact: true }).click();
    await form.getByText('A phased return to work', { exact: true }).click();
    await typeInto(form, /^Difficulty 1$/, 'Climbing into the cab');
    await typeInto(form, /^Recommendation or goal 1$/, 'Depot duties for two weeks');
    await typeDate(page, form, /^Until/, '2027-01-04');
    await choose(page, form, /Will you review the patient/, /^No: no review is planned/);
    await choose(page, form, /^Profession/, /^Occupational therapist/);
    await typeInto(form, /HCPC registration number/, 'OT54321');
    await typeInto(form, /^Organisation/, 'Mid Yorkshire NHS Trust');
    await typeInto(form, /Contact details for the employer/, '01924 000000');
    await screenshot(page, 'ot-report-filled');
    await form.getByRole('button', { name: 'Save report' }).click();
    let filed = await cardWith(page, `Report saved on ${ref}`);
    let text = (await filed.textContent()) ?? '';
    assert.match(text, /Return-to-work report/);
    assert.match(text, /This report makes no statement about fitness for work/);
    assert.match(text, /Climbing into the cab/);
    assert.match(text, /OT54321/);
    await screenshot(page, 'ot-report-saved');

    await filed.getByRole('button', { name: 'Change the report' }).click();
    form = await cardWith(page, /Change the employer report/);
    await screenshot(page, 'ot-report-change');
    // The form comes back as saved: every value typed, ticked or chosen above.
    const shown = (role: 'textbox' | 'combobox', name: RegExp) => form.getByRole(role, { name }).first().inputValue();
    assert.equal(await shown('textbox', /^Condition/), 'Recovering from a heart attack');
    assert.equal(await shown('textbox', /^Difficulty 1$/), 'Climbing into the cab');
    assert.equal(await shown('textbox', /^Recommendation or goal 1$/), 'Depot duties for two weeks');
    assert.equal(await shown('textbox', /HCPC registration number/), 'OT54321');
    assert.equal(await shown('textbox', /^Organisation/), 'Mid Yorkshire NHS Trust');
    assert.equal(await shown('textbox', /Contact details for the employer/), '01924 000000');
    assert.equal(await shown('combobox', /^I assessed the patient on/), '25 November 2026');
    assert.equal(await shown('combobox', /^by/), 'Telephone');
    assert.equal(await shown('combobox', /^From/), '25 November 2026');
    assert.equal(await shown('combobox', /^Until/), '4 January 2027');
    assert.equal(await shown('combobox', /Will you review the patient/), 'No: no review is planned');
    assert.equal(await shown('combobox', /^Profession/), 'Occupational therapist');
    assert.ok(await form.getByRole('radio', { name: 'No statement about fitness for work' }).isChecked());
    assert.ok(await form.getByRole('checkbox', { name: /A phased return to work$/ }).isChecked());
    assert.equal(await form.getByRole('checkbox', { checked: true }).count(), 1, 'only the phased return ticked');
    // Saved again with one change: the values the form kept are sent with it.
    await typeInto(form, /Contact details for the employer/, '01924 111111');
    await form.getByRole('button', { name: 'Save report' }).click();
    filed = page
      .locator(CARD)
      .last()
      .filter({ hasText: `Report saved on ${ref}` });
    await filed.waitFor({ timeout: 20_000 });
    text = (await filed.textContent()) ?? '';
    assert.match(text, /01924 111111/);
    assert.match(text, /Climbing into the cab/);
    assert.match(text, /This report makes no statement about fitness for work/);
    await screenshot(page, 'ot-report-saved-again');

    await say(page, `case ${ref}`);
    await (await hubOf(page, ref)).getByRole('button', { name: 'Report', exact: true }).click();
    // The saved report, as the Report button shows it (no "saved" banner), in place of the hub.
    const report = page
      .locator(CARD)
      .last()
      .filter({ hasText: /Return-to-work report/ })
      .filter({ hasNotText: /Report saved on/ });
    await report.waitFor({ timeout: 20_000 });
    await report.getByRole('button', { name: 'Download as PDF' }).click();
    // The answer offers the PDF ("Open the PDF", an Action.OpenUrl the playground does not follow to
    // a loopback http address) and "New PDF link", which asks again.
    const link = page
      .locator(CARD)
      .filter({ has: page.getByRole('button', { name: 'New PDF link' }) })
      .last();
    await link.waitFor({ timeout: 20_000 });
    const answer = await openLink(page, link, 'Open the PDF');
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['content-type'] ?? '', /application\/pdf/);
    await screenshot(page, 'ot-pdf-opened');
    const turns = watchTurns();
    try {
      await link.getByRole('button', { name: 'New PDF link' }).click();
      await turns.until('the New PDF link invoke', (done) => done.some((t) => t.type === 'invoke'));
    } finally {
      turns.restore();
    }
    // The same PDF by command ("report <ref> pdf"): a download card whose "Download PDF" fetches it.
    await say(page, `report ${ref} pdf`);
    const pdf = await openLink(page, await cardWith(page, `Return-to-work report ${ref} (PDF)`), 'Download PDF');
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'] ?? '', /application\/pdf/);
    assert.match(pdf.headers()['content-disposition'] ?? '', /^attachment; filename=".*\.pdf"$/);

    await say(page, `case ${ref}`);
    await (await hubOf(page, ref)).getByRole('button', { name: 'Discharge', exact: true }).click();
    const discharge = await cardWith(page, /Discharge date/);
    await discharge.getByText('Returned to work, phased', { exact: true }).click();
    await typeDate(page, discharge, /Discharge date/, '2026-11-25');
    await discharge.getByRole('button', { name: 'Discharge', exact: true }).click();
    await cardWith(page, `${ref} discharged`);
    await screenshot(page, 'ot-discharged');
  });

  it('OT: "today" lists a case whose next contact is today; its Open shows the case hub', async () => {
    // One session (the test clock is fixed, so a second one the same day would not be the latest).
    const ref = await accepted({ nextContactDate: '2026-11-25' });
    const page = await openAs('ot');
    await say(page, 'today');
    const day = await cardWith(page, /My day \(now\): 25 Nov 2026/);
    const listed = (await day.textContent()) ?? '';
    assert.match(listed, /Contacts due or overdue \(1\)/);
    assert.match(listed, /Next contact today \(25 Nov 2026\)/);
    assert.ok(listed.includes(`${ref} · ${PATIENT}`), listed);
    await screenshot(page, 'ot-my-day');
    await day.getByRole('button', { name: 'Open' }).first().click();
    await hubOf(page, ref);
    await screenshot(page, 'ot-my-day-opened');
  });

  it('lead: "export", "export full" and "fhir": Download CSV and Download JSON fetch the files from the bot, once', async () => {
    const ref = await accepted();
    const page = await openAs('lead');
    await say(page, 'export');
    const csvCard = await cardWith(page, 'Audit export (pseudonymised)');
    await screenshot(page, 'lead-export');
    let answer = await openLink(page, csvCard, 'Download CSV');
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['content-type'] ?? '', /^text\/csv/);
    assert.match(answer.headers()['content-disposition'] ?? '', /filename="rtw-export-mid-yorkshire-2026-11-25\.csv"/);
    // A link works once: the same button again gets the bot's 404.
    answer = await openLink(page, csvCard, 'Download CSV');
    assert.equal(answer.status(), 404);

    await say(page, 'export full');
    answer = await openLink(page, await cardWith(page, 'Audit export with full identifiers'), 'Download CSV');
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['content-type'] ?? '', /^text\/csv/);
    assert.match(answer.headers()['content-disposition'] ?? '', /-identifiable\.csv"/);

    await say(page, `fhir ${ref}`);
    const fhirCard = await cardWith(page, `${ref} as FHIR R4`);
    await screenshot(page, 'lead-fhir');
    answer = await openLink(page, fhirCard, 'Download JSON');
    assert.equal(answer.status(), 200);
    assert.match(answer.headers()['content-type'] ?? '', /^application\/fhir\+json/);
    assert.ok(
      (answer.headers()['content-disposition'] ?? '').includes(`filename="${ref}-fhir-r4-bundle-2026-11-25.json"`),
      answer.headers()['content-disposition'],
    );
  });

  it("lead: stats shows the charts' text bars, and each period button shows its period", async () => {
    await accepted();
    const page = await openAs('lead');
    await say(page, 'stats');
    let stats = await cardWith(page, 'Figures for November 2026');
    // The playground draws no charts: the fallback's text bars, a label beside each bar.
    assert.match((await stats.textContent()) ?? '', /Sessions by mode \(1\)[\s\S]*Telephone/);
    await screenshot(page, 'lead-stats-month');
    await stats.getByRole('button', { name: 'This year' }).click();
    stats = await cardWith(page, 'Figures for 2026');
    assert.match((await stats.textContent()) ?? '', /Sessions by mode \(1\)[\s\S]*Telephone/);
    await screenshot(page, 'lead-stats-year');
    await stats.getByRole('button', { name: 'Since the start' }).click();
    stats = await cardWith(page, 'Figures since the start');
    await screenshot(page, 'lead-stats-all');
    await stats.getByRole('button', { name: 'This month' }).click();
    // The answer to an Action.Execute may replace the card it came from: the newest card is the month's.
    await page.locator(CARD).last().filter({ hasText: 'Figures for November 2026' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'lead-stats-month-again');
  });

  it("OT: the hub's Follow-up button on a case discharged 3 months ago opens the follow-up form; Save follow-up records it", async () => {
    const ref = await accepted();
    const ot = asUser('ot');
    const [form] = await bot.say(ot, `discharge ${ref}`);
    const discharge = executeActions(form).find((a) => a.verb === 'case.discharge');
    const discharged = await bot.invoke(ot, 'case.discharge', {
      ...discharge?.data,
      outcome: 'returned_phased',
      date: '2026-11-25',
      followUpConsent: 'true',
    });
    assert.match(cardText(discharged), /Next follow-up: 3-month follow-up, 25 Feb 2027/);
    // Three months on (the test bot's clock): the 3-month follow-up is due from 18 Feb 2027.
    bot.clock.set('2027-02-20T10:00:00Z');
    const page = await openAs('ot');
    await say(page, `case ${ref}`);
    await (await hubOf(page, ref)).getByRole('button', { name: 'Follow-up', exact: true }).click();
    const followUp = await cardWith(page, /Follow-up after discharge/);
    await followUp.getByText('Working, reduced hours', { exact: true }).click();
    await typeInto(followUp, /Hours worked per week/, '30');
    await typeInto(followUp, /^Notes/, 'Four days a week.');
    await screenshot(page, 'ot-follow-up-filled');
    await followUp.getByRole('button', { name: 'Save follow-up' }).click();
    await cardWith(page, `3-month follow-up recorded on ${ref}`);
    await screenshot(page, 'ot-follow-up-saved');
  });

  /**
   * 160 of the OT's cases with long names whose fit notes end within the digest window: over the 24 KB
   * a digest or "my day" card may hold, so both page. Written straight to the store.
   */
  async function manyEndingFitNotes(): Promise<void> {
    const long = 'Bartholomew Alexander Montgomery-Fictitious-Smythe';
    for (let i = 0; i < 160; i++) {
      await bot.app.store.cases.create(
        seedCase(
          {
            ref: `RTW-${9000 + i}`,
            name: `${long} ${i}`,
            referredOn: '2026-10-01',
            acceptedOn: '2026-10-02',
            fitNotes: [['not_fit', '2026-11-01', `2026-11-${26 + (i % 4)}`]],
          },
          asUser('nurse'),
          asUser('ot'),
        ),
      );
    }
  }

  /** The case references a card lists, in order. */
  async function refsOn(card: Locator): Promise<string[]> {
    return ((await card.textContent()) ?? '').match(/RTW-\d{4,}/g) ?? [];
  }

  it('OT: a "my day" list over 24 KB pages; Show more shows the next page\'s cases, Back to page 1 the first\'s', async () => {
    await manyEndingFitNotes();
    const page = await openAs('ot');
    await say(page, 'today');
    const first = await cardWith(page, /My day \(now\): 25 Nov 2026[\s\S]*page 1 of \d/);
    const onFirst = await refsOn(first);
    assert.ok(onFirst.length > 0, 'page 1 lists cases');
    await screenshot(page, 'ot-my-day-page-1');
    await first.getByRole('button', { name: 'Show more' }).click();
    const second = await cardWith(page, /page 2 of \d/);
    const text = (await second.textContent()) ?? '';
    assert.match(text, /Fit notes ending within \d+ days \(160\) \(continued\)/);
    const onSecond = await refsOn(second);
    assert.ok(onSecond.length > 0, 'page 2 lists cases');
    assert.deepEqual(
      onSecond.filter((ref) => onFirst.includes(ref)),
      [],
      'page 2 lists the cases after page 1, none of page 1',
    );
    await screenshot(page, 'ot-my-day-page-2');
    await second.getByRole('button', { name: 'Back to page 1' }).click();
    const back = page
      .locator(CARD)
      .last()
      .filter({ hasText: /page 1 of \d/ });
    await back.waitFor({ timeout: 20_000 });
    assert.deepEqual(await refsOn(back), onFirst);
    await screenshot(page, 'ot-my-day-back');
  });

  it('lead: a digest over 24 KB pages; Show more and Back to page 1', async () => {
    await manyEndingFitNotes();
    const page = await openAs('lead');
    await say(page, 'digest');
    const first = await cardWith(page, /page 1 of \d/);
    await screenshot(page, 'lead-digest-page-1');
    await first.getByRole('button', { name: 'Show more' }).click();
    const second = await cardWith(page, /page 2 of \d/);
    await screenshot(page, 'lead-digest-page-2');
    await second.getByRole('button', { name: 'Back to page 1' }).click();
    await page
      .locator(CARD)
      .last()
      .filter({ hasText: /page 1 of \d/ })
      .waitFor({ timeout: 20_000 });
    await screenshot(page, 'lead-digest-back');
  });

  it('lead: the caseload pager, Next page and Previous page', async () => {
    // One more open case than a caseload page holds (20), referred over HTTP.
    for (let i = 0; i < 21; i++) {
      const card = await bot.invoke(
        asUser('nurse'),
        'referral.submit',
        validReferral({ patientName: `Pager Patient-Fictional ${i}`, nhsNumber: demoNhsNumber(500 + i) }),
      );
      assert.match(cardText(card), /RTW-\d{4,}/, cardText(card));
    }
    await bot.settle();
    const page = await openAs('lead');
    await say(page, 'caseload all');
    const first = await cardWith(page, 'Open cases in the service');
    await first.getByRole('button', { name: /Next page \(2 of 2\)/ }).click();
    const second = await cardWith(page, /Previous page \(1\)/);
    await second.getByRole('button', { name: /Previous page \(1\)/ }).click();
    await page
      .locator(CARD)
      .filter({ has: page.getByRole('button', { name: /Next page \(2 of 2\)/ }) })
      .last()
      .waitFor();
    await screenshot(page, 'lead-caseload-paged');
  });

  it('lead: Decline on the hub shows the reason; Decline referral with only spaces gets the decline form, whose Decline referral declines it', async () => {
    const { ref } = await referred();
    const page = await openAs('lead');
    await say(page, `case ${ref}`);
    const hub = await hubOf(page, ref);
    await hub.getByRole('button', { name: 'Decline', exact: true }).click();
    // Only spaces pass the card's own "Required" check, not the bot's: it answers with the decline form.
    await typeInto(hub, /Why is this referral declined/, '   ');
    await hub.getByRole('button', { name: 'Decline referral' }).click();
    const form = await cardWith(page, 'Decline this referral');
    assert.match((await form.textContent()) ?? '', /Enter why the referral is declined/);
    await screenshot(page, 'lead-decline-form');
    await typeInto(form, /Why is this referral declined/, 'No vocational goal at present.');
    await form.getByRole('button', { name: 'Decline referral' }).click();
    await cardWith(page, `Referral ${ref} declined`);
    assert.equal(
      (await bot.app.store.cases.find({ serviceId: 'mid-yorkshire' }, { kind: 'ref', ref }, 1))[0].status,
      'declined',
    );
    await screenshot(page, 'lead-declined');
  });

  it('lead: Remove beside Kit asks about Kit, whatever the form holds; No, keep; Yes, remove; and Save person work', async () => {
    const page = await openAs('lead');
    const jo = DEMO_PEOPLE.find((p) => p.id === 'demo-ot2')!;
    const kit = DEMO_PEOPLE.find((p) => p.id === 'demo-ot3')!;
    await say(page, 'staff');
    let staff = await cardWith(page, /Add or change a person/);
    // The form names Jo (here Ona): before, Remove beside Kit sent the form's id and removed her.
    await typeInto(staff, /Or their Entra object id/, jo.aadObjectId);
    // The innermost block holding Kit's name and a Remove button: Kit's row.
    const kitRow = () =>
      page
        .locator(CARD)
        .last()
        .locator('div')
        .filter({ hasText: kit.name })
        .filter({ has: page.getByRole('button', { name: 'Remove', exact: true }) })
        .last();
    await kitRow().getByRole('button', { name: 'Remove', exact: true }).click();
    let ask = await cardWith(page, `Remove ${kit.name} (Occupational therapist)`);
    assert.doesNotMatch((await ask.textContent()) ?? '', new RegExp(`Remove ${jo.name}`));
    await screenshot(page, 'lead-remove-asks');
    await ask.getByRole('button', { name: 'No, keep' }).click();
    // "No, keep" answers the staff card without the question.
    await page.getByRole('button', { name: 'No, keep' }).waitFor({ state: 'detached', timeout: 20_000 });
    staff = await cardWith(page, /Add or change a person/);
    await kitRow().getByRole('button', { name: 'Remove', exact: true }).click();
    ask = await cardWith(page, `Remove ${kit.name} (Occupational therapist)`);
    await ask.getByRole('button', { name: 'Yes, remove' }).click();
    staff = await cardWith(page, `Removed ${kit.name}`);
    assert.ok(await bot.app.store.staff.findByAadObjectId(jo.aadObjectId), 'Jo is still on staff');
    assert.equal(await bot.app.store.staff.findByAadObjectId(kit.aadObjectId), null);

    // No people picker in the playground: the id typed, the name left for Teams to tell.
    await typeInto(staff, /Or their Entra object id/, kit.aadObjectId);
    await staff.getByText('Occupational therapist', { exact: true }).click();
    await staff.getByRole('button', { name: 'Save person' }).click();
    await cardWith(page, /Saved: .*Occupational therapist/);
    assert.equal((await bot.app.store.staff.findByAadObjectId(kit.aadObjectId))?.role, 'ot');
    await screenshot(page, 'lead-staff-saved');
  });

  it('welcomes a person once, not again when the page is loaded again (the playground re-sends install events)', async () => {
    const newcomer = DEMO_PEOPLE.find((p) => p.id === 'demo-ot2')!;
    const turns = watchTurns();
    // Both install events a page load sends (conversationUpdate, installationUpdate), handled by the bot
    // since turn `from`: any welcome they make has then reached the playground.
    const loadHandled = (from: number) =>
      turns.until('the install events of a page load', (done) =>
        ['conversationUpdate', 'installationUpdate'].every((type) =>
          done.slice(from).some((t) => t.type === type && t.aadObjectId === newcomer.aadObjectId),
        ),
      );
    try {
      const page = await openAs(newcomer);
      const welcome = page.locator(CARD).filter({ hasText: 'Type one of these commands' });
      await welcome.first().waitFor({ timeout: 20_000 });
      await loadHandled(0);
      await screenshot(page, 'newcomer-welcomed');
      const reloadedAt = turns.done.length;
      await page.reload({ waitUntil: 'domcontentloaded' });
      await page.locator(COMPOSE).waitFor({ timeout: 30_000 });
      await loadHandled(reloadedAt);
      // The playground keeps no history across loads: any welcome on the page now is a repeat. It would
      // have reached the playground before "whoami" was typed, so it shows before the answer does.
      await say(page, 'whoami');
      await cardWith(page, /Occupational therapist/);
      await screenshot(page, 'newcomer-reloaded');
      assert.equal(await welcome.count(), 0, 'the welcome was sent again after a page load');
    } finally {
      turns.restore();
    }
  });
});
