import { strict as assert } from 'node:assert';
import { cardText, executeActions, fieldError, inputValue } from '../support/cards';
import { LEAD, NURSE, OT, OTHER_LEAD } from '../support/people';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

describe('staff directory: bootstrap lead, staff card, whoami', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId.toUpperCase() } });
  });
  after(() => bot.stop());

  it('makes BOOTSTRAP_LEADS leads of the default service and learns their name on first contact', async () => {
    const [card] = await bot.say(LEAD, 'whoami');
    const text = cardText(card);
    assert.match(text, /Lena Lead/);
    assert.match(text, /Service lead/);
    assert.match(text, /mid-yorkshire/);
  });

  it('shows a lead the staff card and adds a nurse and an OT', async () => {
    const [card] = await bot.say(LEAD, 'staff');
    assert.match(cardText(card), /Staff of mid-yorkshire/);
    assert.ok(executeActions(card).some((a) => a.verb === 'staff.submit'));

    const afterNurse = await bot.invoke(LEAD, 'staff.submit', {
      aadObjectId: NURSE.aadObjectId,
      name: NURSE.name,
      role: 'nurse',
    });
    assert.match(cardText(afterNurse), /Saved: Nora Nurse, Referring nurse/);
    const afterOt = await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
    assert.match(cardText(afterOt), /Otto Therapist/);
    assert.match(cardText(afterOt), /Nora Nurse/);

    const [nurseWho] = await bot.say(NURSE, 'WhoAmI');
    assert.match(cardText(nurseWho), /Referring nurse/);
    const staff = await allDocs(bot.database, 'staff');
    assert.deepEqual(staff.map((s) => s.role).sort(), ['lead', 'nurse', 'ot']);
    // One directory document per person (its id is the AAD object id), naming the person's service.
    assert.ok(staff.every((s) => s.staffOf === 'mid-yorkshire'));
  });

  it('changes a role by submitting the same person again', async () => {
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'ot' });
    const [who] = await bot.say(NURSE, 'whoami');
    assert.match(cardText(who), /Occupational therapist/);
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
  });

  it('answers a bad staff form with the form again, values kept', async () => {
    const card = await bot.invoke(LEAD, 'staff.submit', { aadObjectId: 'not-an-id', name: 'Xavier', role: 'surgeon' });
    assert.match(fieldError(card, 'aadObjectId') ?? '', /not an Azure AD object id/);
    assert.match(fieldError(card, 'role') ?? '', /nurse, OT or lead/);
    assert.equal(inputValue(card, 'name'), 'Xavier');
    assert.equal((await allDocs(bot.database, 'staff')).length, 3);
  });

  it('does not let a lead change their own role or remove themselves', async () => {
    const demote = await bot.invoke(LEAD, 'staff.submit', {
      aadObjectId: LEAD.aadObjectId,
      name: LEAD.name,
      role: 'nurse',
    });
    assert.match(fieldError(demote, 'role') ?? '', /own role/);
    const remove = await bot.invoke(LEAD, 'staff.remove', { aadObjectId: LEAD.aadObjectId });
    assert.match(cardText(remove), /cannot remove yourself/);
    const [who] = await bot.say(LEAD, 'whoami');
    assert.match(cardText(who), /Service lead/);
  });

  it('refuses staff management to nurses and OTs, in the service layer', async () => {
    const [card] = await bot.say(OT, 'staff');
    assert.match(cardText(card), /Not allowed/);
    const add = await bot.invoke(NURSE, 'staff.submit', {
      aadObjectId: OTHER_LEAD.aadObjectId,
      name: 'Sneaky',
      role: 'lead',
    });
    assert.match(cardText(add), /Not allowed/);
    assert.equal(
      (await allDocs(bot.database, 'staff')).some((s) => s.id === OTHER_LEAD.aadObjectId),
      false,
    );
    const audit = await allDocs(bot.database, 'audit');
    assert.ok(
      audit.some((e) => e.action === 'staff.submit' && e.outcome === 'refused' && e.actor === NURSE.aadObjectId),
    );
  });

  it('never takes a person from another service', async () => {
    await bot.app.store.staff.save({
      aadObjectId: OTHER_LEAD.aadObjectId,
      serviceId: 'leeds',
      name: OTHER_LEAD.name,
      role: 'lead',
      addedBy: 'test',
      updatedAt: '2026-11-25T00:00:00Z',
    });
    const card = await bot.invoke(LEAD, 'staff.submit', {
      aadObjectId: OTHER_LEAD.aadObjectId,
      name: 'Mine now',
      role: 'nurse',
    });
    assert.match(cardText(card), /another service/);
    const removal = await bot.invoke(LEAD, 'staff.remove', { aadObjectId: OTHER_LEAD.aadObjectId });
    assert.match(cardText(removal), /Nobody with that id/);
    const [otherStaff] = await bot.say(OTHER_LEAD, 'staff');
    assert.match(cardText(otherStaff), /Staff of leeds/);
    assert.doesNotMatch(cardText(otherStaff), /Nora Nurse|Otto Therapist/);
  });

  it('removes a person, who then gets the polite refusal', async () => {
    const card = await bot.invoke(LEAD, 'staff.remove', { aadObjectId: OT.aadObjectId });
    assert.match(cardText(card), /Removed Otto Therapist/);
    const [refusal] = await bot.say(OT, 'whoami');
    assert.match(cardText(refusal), /not on the staff list/);
  });
});
