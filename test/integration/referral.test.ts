import { strict as assert } from 'node:assert';
import { cardText, fieldError, inputValue } from '../support/cards';
import { LEAD, NURSE, OT, validReferral } from '../support/people';
import { TestBot } from '../support/testBot';


describe('referral through Teams (real HTTP, embedded Cosmos)', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
  });
  after(() => bot.stop());

  it('gives a nurse the referral form and creates RTW-0001 from it', async () => {
    const [form] = await bot.say(NURSE, 'refer');
    assert.match(cardText(form), /Refer a patient/);
    const submit = form.actions.find((a: any) => a.verb === 'referral.submit');
    assert.ok(submit.data.submissionId, 'the form carries a submissionId');
    const card = await bot.invoke(NURSE, 'referral.submit', validReferral({ submissionId: submit.data.submissionId }));
    assert.match(cardText(card), /Referral sent: RTW-0001/);
    assert.match(cardText(card), /943 476 5919/);
  });

  it('answers bad input with the same form, values kept and the problem named', async () => {
    const card = await bot.invoke(NURSE, 'referral.submit', validReferral({ nhsNumber: '943 476 5918' }));
    assert.match(fieldError(card, 'nhsNumber') ?? '', /check digit/);
    assert.equal(inputValue(card, 'patientName'), 'Alan Testpatient');
  });
});
