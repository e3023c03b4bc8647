import { strict as assert } from 'node:assert';
import { cardText } from '../support/cards';
import { LEAD, NURSE, NURSE2, OT, validReferral } from '../support/people';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

describe("find: by NHS number, name or reference, within the reader's reach", () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    for (const [p, role] of [
      [NURSE, 'nurse'],
      [NURSE2, 'nurse'],
      [OT, 'ot'],
    ] as const) {
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: p.aadObjectId, name: p.name, role });
    }
    await bot.invoke(
      NURSE,
      'referral.submit',
      validReferral({ patientName: 'Alan Testpatient', nhsNumber: '943 476 5919' }),
    ); // RTW-0001
    await bot.invoke(
      NURSE2,
      'referral.submit',
      validReferral({ patientName: 'Mary Otherpatient', nhsNumber: '999 000 0018' }),
    ); // RTW-0002
  });
  after(() => bot.stop());

  it('finds by NHS number with and without spaces', async () => {
    for (const q of ['9434765919', '943 476 5919']) {
      const [card] = await bot.say(OT, `find ${q}`);
      assert.match(cardText(card), /1 matching case/);
      assert.match(cardText(card), /RTW-0001 · Alan Testpatient/);
    }
  });

  it('finds by part of the name, whatever the case', async () => {
    const [card] = await bot.say(OT, 'find testPAT');
    assert.match(cardText(card), /Alan Testpatient/);
    const [both] = await bot.say(LEAD, 'find patient');
    assert.match(cardText(both), /2 matching cases/);
  });

  it('finds by reference, with or without the leading zeros', async () => {
    const [card] = await bot.say(OT, 'find rtw-2');
    assert.match(cardText(card), /RTW-0002 · Mary Otherpatient/);
  });

  it('lets a nurse find only the cases they referred', async () => {
    const [own] = await bot.say(NURSE, 'find patient');
    assert.match(cardText(own), /Alan Testpatient/);
    assert.doesNotMatch(cardText(own), /Mary/);
    const [other] = await bot.say(NURSE, 'find 999 000 0018');
    assert.match(cardText(other), /No matching cases/);
    const [byRef] = await bot.say(NURSE, 'find RTW-0002');
    assert.match(cardText(byRef), /No matching cases/);
  });

  it('says how to search when the text cannot be a reference, NHS number or name', async () => {
    const [card] = await bot.say(OT, 'find 12345');
    assert.match(cardText(card), /Search by reference/);
  });

  it('audits every case it shows', async () => {
    await bot.say(OT, 'find RTW-0001');
    const reads = (await allDocs(bot.database, 'audit')).filter(
      (e) => e.action === 'case.find' && e.actor === OT.aadObjectId && e.caseRef === 'RTW-0001',
    );
    assert.ok(reads.length >= 1);
    assert.ok(reads[0].caseId);
  });

  it('never finds a case of another service', async () => {
    await bot.app.store.staff.save({
      aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000061',
      serviceId: 'leeds',
      name: 'Leeds OT',
      role: 'ot',
      addedBy: 'test',
      updatedAt: '2026-11-25T00:00:00Z',
    });
    const leedsOt = { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000061', name: 'Leeds OT' };
    for (const q of ['9434765919', 'Alan', 'RTW-0001']) {
      const [card] = await bot.say(leedsOt, `find ${q}`);
      assert.match(cardText(card), /No matching cases/, q);
    }
  });
});
