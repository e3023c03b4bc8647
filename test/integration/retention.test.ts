import { strict as assert } from 'node:assert';
import { purgeExpiredCases, RETENTION_ACTOR } from '../../src/services/cases/retention';
import { cardText } from '../support/cards';
import { LEAD, NURSE, validReferral } from '../support/people';
import { allDocs } from '../support/storeInspect';
import { TestBot } from '../support/testBot';

describe('retention: discharged cases purged after RETENTION_YEARS', () => {
  let bot: TestBot;

  before(async () => {
    bot = await TestBot.start({ env: { BOOTSTRAP_LEADS: LEAD.aadObjectId } });
    await bot.invoke(LEAD, 'staff.submit', { aadObjectId: NURSE.aadObjectId, name: NURSE.name, role: 'nurse' });
    for (const name of ['Old Enough', 'Just Too Recent', 'Still Open']) {
      await bot.invoke(NURSE, 'referral.submit', validReferral({ patientName: name }));
    }
    // Discharge two of them directly in the store, on dates either side of the 8-year line.
    const cases = await allDocs(bot.database, 'cases');
    for (const [name, date] of [
      ['Old Enough', '2018-11-24'],
      ['Just Too Recent', '2018-11-25'],
    ] as const) {
      const c = cases.find((x) => x.patient.name === name);
      const stored = (await bot.app.store.cases.get(c.serviceId, c.id))!;
      const { _etag, ...record } = stored;
      await bot.app.store.cases.replace(
        {
          ...record,
          status: 'discharged',
          discharge: {
            outcome: 'returned_full',
            date,
            by: { aadObjectId: LEAD.aadObjectId, name: LEAD.name },
            recordedAt: `${date}T12:00:00Z`,
          },
        },
        _etag,
      );
    }
  });
  after(() => bot.stop());

  it('removes cases discharged more than 8 years before today, and nothing else', async () => {
    // The test clock says 2026-11-25: the line is 2018-11-25.
    const report = await purgeExpiredCases(bot.app.deps, 8);
    assert.equal(report.cutoff, '2018-11-25');
    assert.equal(report.purged, 1);
    const names = (await allDocs(bot.database, 'cases')).map((c) => c.patient.name).sort();
    assert.deepEqual(names, ['Just Too Recent', 'Still Open']);
  });

  it('leaves an audit entry naming the purged case, which no longer opens', async () => {
    const entries = (await allDocs(bot.database, 'audit')).filter((e) => e.action === 'case.purge');
    assert.equal(entries.length, 1);
    assert.equal(entries[0].actor, RETENTION_ACTOR);
    assert.equal(entries[0].caseRef, 'RTW-0001');
    assert.equal(entries[0].detail.retentionYears, 8);
    const [card] = await bot.say(LEAD, 'case RTW-0001');
    assert.match(cardText(card), /no case RTW-0001/i);
  });

  it('purges the next case when the clock moves on a day, and is harmless when run again', async () => {
    assert.equal((await purgeExpiredCases(bot.app.deps, 8)).purged, 0);
    bot.clock.set('2026-11-26T10:00:00Z');
    assert.equal((await purgeExpiredCases(bot.app.deps, 8)).purged, 1);
    assert.deepEqual(
      (await allDocs(bot.database, 'cases')).map((c) => c.patient.name),
      ['Still Open'],
    );
  });

  it('purges the cases of a service whose staff have all left', async () => {
    const [template] = (await allDocs(bot.database, 'cases')).map(
      ({ _rid, _self, _ts, _etag, _attachments, ...rest }) => rest,
    );
    await bot.app.store.cases.create({
      ...template,
      id: 'closed-service-case',
      serviceId: 'closed-service',
      status: 'discharged',
      discharge: {
        outcome: 'retired',
        date: '2015-03-01',
        by: { aadObjectId: LEAD.aadObjectId, name: LEAD.name },
        recordedAt: '2015-03-01T12:00:00Z',
      },
    });
    assert.equal((await purgeExpiredCases(bot.app.deps, 8)).purged, 1);
    assert.equal(
      (await allDocs(bot.database, 'cases')).some((c) => c.serviceId === 'closed-service'),
      false,
    );
  });
});
