import { strict as assert } from 'node:assert';
import { cardText, executeActions, fieldError, inputs, inputValue } from '../support/cards';
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
    assert.match(
      text,
      /Service: Mid Yorkshire/,
      'the service by its name (the id made readable when SERVICE_NAMES has none)',
    );
  });

  it('shows a lead the staff card and adds a nurse and an OT', async () => {
    const [card] = await bot.say(LEAD, 'staff');
    assert.match(cardText(card), /Staff of Mid Yorkshire/);
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
    // Shown under the typed id, the last of the person fields (the picker's value or the typed id is checked).
    assert.match(fieldError(card, 'aadObjectIdTyped') ?? '', /not a Microsoft Entra object id/);
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
    assert.match(cardText(otherStaff), /Staff of Leeds/);
    assert.doesNotMatch(cardText(otherStaff), /Nora Nurse|Otto Therapist/);
  });

  it('asks to confirm a removal, naming the person, and removes only on the confirming button', async () => {
    const before = await allDocs(bot.database, 'staff');
    const ask = await bot.invoke(LEAD, 'staff.remove', { aadObjectId: OT.aadObjectId });
    assert.match(cardText(ask), /Remove Otto Therapist \(Occupational therapist\) from Mid Yorkshire\?/);
    assert.deepEqual(await allDocs(bot.database, 'staff'), before, 'nothing removed before confirming');
    const confirm = executeActions(ask).find((a) => a.verb === 'staff.remove' && a.data.confirm === true);
    assert.ok(confirm, 'a confirming button');
    assert.equal(confirm.title, 'Yes, remove');
    assert.equal(confirm.data.aadObjectId, OT.aadObjectId);
    assert.equal(confirm.associatedInputs, 'none', 'it sends its own subject, never the form’s');
  });

  it('removes a person, who then gets the polite refusal', async () => {
    const card = await bot.invoke(LEAD, 'staff.remove', { aadObjectId: OT.aadObjectId, confirm: true });
    assert.match(cardText(card), /Removed Otto Therapist from Mid Yorkshire/);
    const [refusal] = await bot.say(OT, 'whoami');
    assert.match(cardText(refusal), /not on the staff list/);
  });
});

describe('staff card: people picker and service names', () => {
  let bot: TestBot;
  const PICKED = { aadObjectId: 'bbbbbbbb-1111-4222-8333-444444444444', name: 'Pia Picked' };
  const TYPED = { aadObjectId: 'cccccccc-1111-4222-8333-444444444444', name: 'Tia Typed' };

  before(async () => {
    bot = await TestBot.start({
      env: {
        BOOTSTRAP_LEADS: LEAD.aadObjectId,
        SERVICE_NAMES: 'mid-yorkshire:Mid Yorkshire Cardiac Rehabilitation',
      },
    });
    await bot.say(LEAD, 'whoami');
  });
  after(() => bot.stop());

  it('draws the person field as the Teams people picker, with a typed id beside it and where to find one', async () => {
    const [card] = await bot.say(LEAD, 'staff');
    const picker = inputs(card).aadObjectId;
    assert.equal(picker.type, 'Input.ChoiceSet');
    assert.deepEqual(picker['choices.data'], { type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
    assert.equal(inputs(card).aadObjectIdTyped.type, 'Input.Text');
    assert.match(cardText(card), /Entra admin centre/);
    assert.equal(inputs(card).name.isRequired, undefined, 'the name is optional');
    assert.match(cardText(card), /Staff of Mid Yorkshire Cardiac Rehabilitation/, 'SERVICE_NAMES');
  });

  it('adds a picked person with no name, and learns their Teams name when they first write', async () => {
    const saved = await bot.invoke(LEAD, 'staff.submit', {
      aadObjectId: PICKED.aadObjectId.toUpperCase(),
      aadObjectIdTyped: '',
      name: '',
      role: 'ot',
    });
    assert.match(cardText(saved), /Saved: bbbbbbbb-1111-4222-8333-444444444444, Occupational therapist/);
    assert.match(cardText(saved), /taken from Teams when they first write/);
    const [who] = await bot.say(PICKED, 'whoami');
    assert.match(cardText(who), /Pia Picked/);
    assert.match(cardText(who), /Mid Yorkshire Cardiac Rehabilitation/);
    const [staff] = await bot.say(LEAD, 'staff');
    assert.match(cardText(staff), /Pia Picked/);
    // Changing their role later with the name left empty keeps the name learnt.
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: PICKED.aadObjectId, name: '', role: 'nurse' });
    const member = await bot.app.store.staff.findByAadObjectId(PICKED.aadObjectId);
    assert.equal(member?.name, 'Pia Picked');
    assert.equal(member?.role, 'nurse');
  });

  it('takes a typed id where no picker shows, and refuses a bad one by its field, saving nothing', async () => {
    const bad = await bot.invoke(LEAD, 'staff.submit', {
      aadObjectIdTyped: 'Tia Typed',
      name: TYPED.name,
      role: 'nurse',
    });
    assert.match(fieldError(bad, 'aadObjectIdTyped') ?? '', /not a Microsoft Entra object id/);
    assert.equal(inputValue(bad, 'aadObjectIdTyped'), 'Tia Typed', 'what was typed is kept');
    assert.equal(await bot.app.store.staff.findByAadObjectId(TYPED.aadObjectId), null);
    const empty = await bot.invoke(LEAD, 'staff.submit', { aadObjectId: '', aadObjectIdTyped: '', role: 'nurse' });
    assert.match(fieldError(empty, 'aadObjectIdTyped') ?? '', /Pick the person, or type/);

    const saved = await bot.invoke(LEAD, 'staff.submit', {
      aadObjectId: '',
      aadObjectIdTyped: ` ${TYPED.aadObjectId} `,
      name: TYPED.name,
      role: 'nurse',
    });
    assert.match(cardText(saved), /Saved: Tia Typed, Referring nurse/);
    assert.equal((await bot.app.store.staff.findByAadObjectId(TYPED.aadObjectId))?.role, 'nurse');
  });
});
