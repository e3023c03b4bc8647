import { strict as assert } from 'node:assert';
import { LEAD, NURSE, OT, validReferral } from '../support/people';
import { TestBot } from '../support/testBot';

describe('logs hold no patient data', () => {
  it('writes no name, NHS number, date of birth, phone or note through whole flows (at debug level)', async () => {
    const bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId, LOG_LEVEL: 'trace' } });
    try {
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
      await bot.invoke(LEAD, 'staff.submit', { aadObjectId: OT.aadObjectId, name: OT.name, role: 'ot' });
      const data = validReferral({
        patientName: 'Quentin Zebedee',
        nhsNumber: '943 476 5919',
        dateOfBirth: '1971-03-14',
        phone: '07700 900456',
        notes: 'Secret note about stairs',
      });
      await bot.invoke(NURSE, 'referral.submit', { ...data, nhsNumber: '943 476 5918' }); // refused
      await bot.invoke(NURSE, 'referral.submit', data);
      await bot.invoke(NURSE, 'referral.submit', data); // replay
      await bot.say(OT, 'find Quentin');
      await bot.say(OT, 'find 943 476 5919');
      await bot.say(NURSE, 'find zebedee');
      const log = bot.logLines.join('\n');
      assert.ok(bot.logLines.length > 10, 'the flows were logged');
      assert.match(log, /referral\.created/);
      for (const secret of [
        /Quentin/i,
        /Zebedee/i,
        /9434765919/,
        /943 476 591/,
        /1971-03-14/,
        /07700/,
        /Secret note/,
      ]) {
        assert.doesNotMatch(log, secret);
      }
    } finally {
      await bot.stop();
    }
  });
});
