import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../src/domain/case';
import { allCasesOf } from '../../src/services/reports/serviceCases';
import { TestBot } from '../support/testBot';

/** Stats and the export read a service's whole history, past any single page of results. */
describe('every case of a service', function () {
  this.timeout(120_000);

  it('returns more cases than one query page or the digest listing holds, and none of another service', async () => {
    const bot = await TestBot.start();
    try {
      const make = (serviceId: string, i: number): CaseRecord => ({
        id: `${serviceId}-case-${i}`,
        serviceId,
        ref: `RTW-${String(i).padStart(4, '0')}`,
        status: 'discharged',
        patient: { name: `P${i}`, nameKey: `p${i}`, nhsNumber: '9434765919', dateOfBirth: '1970-01-01' },
        referral: {
          eventType: 'MI',
          eventDate: '2018-01-01',
          employmentStatus: 'employed',
          jobDemands: [],
          fitNoteStatus: 'none',
          contactPreference: 'telephone',
          consent: true,
          referredOn: '2018-01-05',
        },
        referredBy: { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000002', name: 'N' },
        fitNotes: [],
        createdAt: `2018-01-05T00:00:${String(i % 60).padStart(2, '0')}Z`,
        updatedAt: '2018-01-05T00:00:00Z',
      });
      const total = 4_100;
      for (let start = 0; start < total; start += 200) {
        await Promise.all(
          Array.from({ length: Math.min(200, total - start) }, (_, k) =>
            bot.app.store.cases.create(make('big', start + k)),
          ),
        );
      }
      await bot.app.store.cases.create(make('other', 1));
      const all = await allCasesOf(bot.app.deps, 'big');
      assert.equal(all.length, total);
      assert.equal(new Set(all.map((c) => c.id)).size, total);
      assert.ok(all.every((c) => c.serviceId === 'big'));
    } finally {
      await bot.stop();
    }
  });
});
