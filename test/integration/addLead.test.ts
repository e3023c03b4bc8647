import { randomUUID } from 'node:crypto';
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { addLeads } from '../../scripts/add-lead';
import { FixedClock } from '../../src/domain/clock';
import { createLogger } from '../../src/log';
import type { StoreDeps } from '../../src/services/core/context';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { sharedCosmos, uniqueDatabase } from '../support/sharedCosmos';

const FIRST_LEAD = '1a2b3c4d-0000-4000-8000-00000000000a';
const OTHER_SERVICE_OT = '1a2b3c4d-0000-4000-8000-00000000000b';

describe('scripts/add-lead: the first lead of a second service (real Cosmos protocol)', () => {
  let store: Store;
  let deps: StoreDeps;

  before(async () => {
    const cosmos = await sharedCosmos();
    store = await openStore({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      databaseId: uniqueDatabase('addlead'),
      acceptSelfSignedCertificate: true,
    });
    deps = {
      store,
      clock: new FixedClock(new Date('2026-03-02T09:00:00Z')),
      timezone: 'Europe/London',
      log: createLogger('silent'),
      newId: randomUUID,
    };
    await store.staff.save({
      aadObjectId: OTHER_SERVICE_OT,
      serviceId: 'mid-yorkshire',
      name: 'Olu Therapist',
      role: 'ot',
      addedBy: 'test',
      updatedAt: '2026-03-01T09:00:00Z',
    });
  });
  after(() => store.dispose());

  it('makes the person a lead of the named service and audits who did it', async () => {
    const append = sinon.spy(store.audit, 'append');
    try {
      const results = await addLeads(deps, 'leeds', [FIRST_LEAD.toUpperCase()], 'ops@trust.nhs.uk');
      assert.deepEqual(results, [{ aadObjectId: FIRST_LEAD, outcome: 'added' }]);
      const entries = append.getCalls().map((c) => c.args[0]);
      assert.ok(
        entries.some(
          (e) =>
            e.serviceId === 'leeds' &&
            e.actor === 'operator:ops@trust.nhs.uk' &&
            e.action === 'staff.operator_lead' &&
            e.outcome === 'ok',
        ),
      );
    } finally {
      append.restore();
    }
    const member = await store.staff.findByAadObjectId(FIRST_LEAD);
    assert.equal(member?.serviceId, 'leeds');
    assert.equal(member?.role, 'lead');
    assert.deepEqual(
      (await store.staff.list('mid-yorkshire')).map((m) => m.aadObjectId),
      [OTHER_SERVICE_OT],
      'the first service is untouched',
    );
  });

  it('is idempotent', async () => {
    assert.deepEqual(await addLeads(deps, 'leeds', [FIRST_LEAD], 'ops@trust.nhs.uk'), [
      { aadObjectId: FIRST_LEAD, outcome: 'already_lead' },
    ]);
    assert.equal((await store.staff.list('leeds')).length, 1);
  });

  it('never moves staff of another service, and refuses what is not an object id', async () => {
    const results = await addLeads(deps, 'leeds', [OTHER_SERVICE_OT, 'jo@trust.nhs.uk'], 'ops@trust.nhs.uk');
    assert.deepEqual(results, [
      { aadObjectId: OTHER_SERVICE_OT, outcome: 'refused', reason: 'in_another_service' },
      { aadObjectId: 'jo@trust.nhs.uk', outcome: 'refused', reason: 'not_an_object_id' },
    ]);
    const ot = await store.staff.findByAadObjectId(OTHER_SERVICE_OT);
    assert.equal(ot?.serviceId, 'mid-yorkshire');
    assert.equal(ot?.role, 'ot');
  });
});
