import { strict as assert } from 'node:assert';
import { conversationOf } from './activities';
import { cardText, executeActions } from './cards';
import { LEAD, NURSE, NURSE2, OT, OT2, OTHER_LEAD, validReferral } from './people';
import { TestBot } from './testBot';

/** The service of the casework cast, and another service on the same store with a lead of its own. */
export const SERVICE = 'mid-yorkshire';
export const OTHER_SERVICE = 'west-yorkshire';

/**
 * A bot for casework over real HTTP against the embedded store ("today" is Wednesday 2026-11-25 in
 * London): LEAD (bootstrapped) has added NURSE, NURSE2, OT and OT2; OTHER_LEAD leads OTHER_SERVICE.
 * LEAD, OT and OT2 have written to the bot, so that proactive cards (new-referral alerts) reach them.
 */
export async function startCaseworkBot(): Promise<TestBot> {
  const bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
  for (const [who, role] of [
    [NURSE, 'nurse'],
    [NURSE2, 'nurse'],
    [OT, 'ot'],
    [OT2, 'ot'],
  ] as const) {
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: who.aadObjectId, name: who.name, role });
  }
  await bot.app.store.staff.save({
    aadObjectId: OTHER_LEAD.aadObjectId,
    serviceId: OTHER_SERVICE,
    name: OTHER_LEAD.name,
    role: 'lead',
    addedBy: 'test',
    updatedAt: new Date().toISOString(),
  });
  for (const who of [LEAD, OT, OT2]) await bot.say(who, 'help');
  return bot;
}

/** A case of SERVICE as stored now. */
export function storedCase(bot: TestBot, caseId: string) {
  return bot.app.store.cases.get(SERVICE, caseId);
}

let seq = 0;

/**
 * NURSE's referral on a casework bot; returns its case id (the form's submissionId) and reference,
 * once the new-referral cards have reached LEAD, OT and OT2 (so that they do not mix with later replies).
 */
export async function referPatient(
  bot: TestBot,
  overrides: Record<string, unknown> = {},
): Promise<{ caseId: string; ref: string }> {
  const submissionId = `case-${Date.now()}-${++seq}`;
  const card = await bot.invoke(NURSE, 'referral.submit', validReferral({ submissionId, ...overrides }));
  const ref = /RTW-\d{4,}/.exec(cardText(card))?.[0];
  assert.ok(ref, cardText(card));
  await bot.settle(); // the alerts go out in the background, after the answer
  for (const w of [LEAD, OT, OT2])
    assert.ok(
      bot.connector.cards(conversationOf(w)).some((c) => cardText(c).includes(`New referral ${ref} `)),
      `${w.name} was sent ${ref}`,
    );
  return { caseId: submissionId, ref };
}

/** A referral OT has accepted. */
export async function referAndAcceptPatient(
  bot: TestBot,
  overrides: Record<string, unknown> = {},
): Promise<{ caseId: string; ref: string }> {
  const c = await referPatient(bot, overrides);
  const card = await bot.invoke(OT, 'referral.accept', { caseId: c.caseId });
  assert.match(cardText(card), /You have accepted/);
  return c;
}

/** The data of the card's Action.Execute button for `verb` (its hidden fields), to send back with inputs. */
export function formData(card: any, verb: string): Record<string, unknown> {
  const action = executeActions(card).find((a) => a.verb === verb);
  assert.ok(action, `card has ${verb}`);
  return { ...action.data };
}
