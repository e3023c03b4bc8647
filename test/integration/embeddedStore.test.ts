import { strict as assert } from 'node:assert';
import http from 'node:http';
import { openStore } from '../../src/store';
import { ReferenceTakenError, StoreError } from '../../src/store/errors';
import type { AuditEntry, Store } from '../../src/store/types';
import { activeCaseRecord } from '../support/seedCases';
import { sharedCosmos, uniqueDatabase } from '../support/sharedCosmos';
import { storedDocs, writeDoc } from '../support/storeInspect';

/**
 * The store layer's own requests against the embedded Cosmos-protocol server with the real SDK:
 * how many HTTP requests a call costs, and audit entries written as one batch.
 */
function entry(i: number, serviceId = 'svc-a', caseId = 'case-1'): AuditEntry {
  return {
    id: `audit-${i}-${Math.random().toString(36).slice(2)}`,
    serviceId,
    at: `2026-11-25T10:00:${String(i % 60).padStart(2, '0')}.000Z`,
    actor: 'ot-1',
    action: 'caseload',
    outcome: 'ok',
    caseId,
    caseRef: 'RTW-0001',
  };
}

describe('the embedded store with the real SDK', () => {
  let store: Store;
  const database = uniqueDatabase('embedded');
  const requests: string[] = [];
  let restore: () => void;

  before(async () => {
    const cosmos = await sharedCosmos();
    store = await openStore({
      endpoint: cosmos.endpoint,
      key: cosmos.key,
      databaseId: database,
      acceptSelfSignedCertificate: true,
    });
    // Count the requests that reach the server (the embedded one is in this process).
    const emit = http.Server.prototype.emit;
    http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
      if (event === 'request') {
        const req = args[0] as http.IncomingMessage;
        requests.push(
          `${req.method} ${req.headers['x-ms-cosmos-is-query-plan-request'] ? 'plan' : req.headers['x-ms-cosmos-is-batch-request'] ? 'batch' : 'other'}`,
        );
      }
      return (emit as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
    } as typeof emit;
    restore = () => (http.Server.prototype.emit = emit);
  });
  after(() => {
    restore();
    store.dispose();
  });

  it('answers a query in full however the SDK plans it, and the plan request does not run the query again', async () => {
    for (let i = 0; i < 3; i++) await store.audit.append(entry(i));
    requests.length = 0;
    const found = await store.audit.listForCase('svc-a', 'case-1', 10);
    assert.equal(found.length, 3);
    assert.deepEqual(
      found.map((e) => e.at),
      [...found.map((e) => e.at)].sort().reverse(),
      'ORDER BY c.at DESC is kept',
    );
    // The SDK asks for a plan beside the query; the embedded server refuses it at once (no second scan).
    assert.deepEqual(
      requests.filter((r) => r !== 'POST other' && r !== 'GET other'),
      ['POST plan'],
    );
  });

  it('writes many audit entries of one service in one batch request, all readable afterwards', async () => {
    const entries = Array.from({ length: 130 }, (_, i) => entry(i, 'svc-a', 'case-batch'));
    requests.length = 0;
    await store.audit.appendMany('svc-a', entries);
    // 130 entries: two batches (Cosmos allows 100 operations in one).
    assert.deepEqual(requests, ['POST batch', 'POST batch']);
    const found = await store.audit.listForCase('svc-a', 'case-batch', 200);
    assert.deepEqual(found.map((e) => e.id).sort(), entries.map((e) => e.id).sort());
  });

  it('refuses a batch that mixes services, writing none of it', async () => {
    const entries = [entry(1, 'svc-a', 'case-mixed'), entry(2, 'svc-b', 'case-mixed')];
    await assert.rejects(store.audit.appendMany('svc-a', entries), /one service/);
    assert.equal((await store.audit.listForCase('svc-a', 'case-mixed', 10)).length, 0);
  });

  it('rejects, as a store error, a batch whose entry cannot be written', async () => {
    const first = entry(1, 'svc-a', 'case-dup');
    await store.audit.append(first);
    await assert.rejects(store.audit.appendMany('svc-a', [entry(2, 'svc-a', 'case-dup'), first]), StoreError);
  });

  it('numbers case references 1, 2, 3… with no gap or repeat when many take one at once, each in one request once it exists', async () => {
    const numbers = await Promise.all(Array.from({ length: 30 }, () => store.cases.nextRef('svc-race')));
    assert.deepEqual(
      [...numbers].sort((a, b) => a - b),
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    requests.length = 0;
    assert.equal(await store.cases.nextRef('svc-race'), 31);
    assert.deepEqual(requests, ['PATCH other']);
  });

  it('takes the reference read ahead in the batch that opens the case, and a reference taken meanwhile writes nothing', async () => {
    const serviceId = 'svc-peek';
    const patient = activeCaseRecord(serviceId, 'x', 'RTW-0000').patient;
    const first = await store.cases.peekRef(serviceId);
    assert.deepEqual(first, { number: 1 }, 'no counter yet: number 1, created by the batch');
    const a = activeCaseRecord(serviceId, 'peek-case-a', 'RTW-0001', {
      status: 'referred',
      patient: { ...patient, nhsNumber: '9434765919' },
    });
    await store.cases.open(a, { reference: first });
    const second = await store.cases.peekRef(serviceId);
    assert.equal(second.number, 2);
    assert.ok(second.etag);
    // Two referrals read number 2; the first to write takes it, the other is told and writes nothing.
    const b = activeCaseRecord(serviceId, 'peek-case-b', 'RTW-0002', {
      status: 'referred',
      patient: { ...patient, nhsNumber: '9434765870' },
    });
    const c = activeCaseRecord(serviceId, 'peek-case-c', 'RTW-0002', {
      status: 'referred',
      patient: { ...patient, nhsNumber: '4010232137' },
    });
    await store.cases.open(b, { reference: second });
    const before = (await storedDocs(database, 'cases')).filter((d) => d.serviceId === serviceId).length;
    await assert.rejects(store.cases.open(c, { reference: second }), ReferenceTakenError);
    const after = await storedDocs(database, 'cases');
    assert.equal(after.filter((d) => d.serviceId === serviceId).length, before, 'no claim, case or counter change');
    assert.equal(after.find((d) => d.serviceId === serviceId && d.id === 'counter:case-ref')?.value, 2);
    assert.equal(await store.cases.get(serviceId, 'peek-case-c'), null);
    // A referral that lost its number takes the next by the increment.
    assert.equal(await store.cases.nextRef(serviceId), 3);
  });

  it('carries on the sequence a service had in the counters container before references moved beside the cases', async () => {
    const serviceId = 'svc-legacy';
    await writeDoc(database, 'counters', { id: 'counter:case-ref', serviceId, value: 41 });
    assert.deepEqual(await store.cases.peekRef(serviceId), { number: 42 });
    assert.equal(await store.cases.nextRef(serviceId), 42);
    assert.equal(await store.cases.nextRef(serviceId), 43);
    assert.equal((await store.cases.peekRef(serviceId)).number, 44);
  });

  it("finds a conversation reference by a point read in the person's service, and still finds one kept under an earlier service", async () => {
    const reference = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' };
    await store.conversations.save({
      id: 'person-1',
      serviceId: 'svc-a',
      reference,
      updatedAt: '2026-11-25T10:00:00Z',
    });
    requests.length = 0;
    assert.equal((await store.conversations.get('PERSON-1', 'svc-a'))?.serviceId, 'svc-a');
    assert.deepEqual(requests, ['GET other'], 'a point read, no query across services');
    // Moved to svc-b by a lead but not yet talked to the bot since: the old reference still reaches them.
    assert.equal((await store.conversations.get('person-1', 'svc-b'))?.serviceId, 'svc-a');
    assert.equal(await store.conversations.get('nobody', 'svc-a'), null);
  });

  it('reads a page of cases by id in the order asked, leaving out ids it does not hold in that service', async () => {
    const ids = ['page-c', 'page-a', 'page-b'];
    for (const [i, id] of ids.entries())
      await store.cases.create(
        activeCaseRecord('svc-a', id, `RTW-900${i}`, { createdAt: `2026-11-0${i + 1}T10:00:00.000Z` }),
      );
    await store.cases.create(activeCaseRecord('svc-b', 'page-other', 'RTW-9009'));
    requests.length = 0;
    const got = await store.cases.getMany('svc-a', ['page-b', 'missing', 'page-other', 'page-c']);
    assert.deepEqual(
      got.map((c) => c.id),
      ['page-b', 'page-c'],
    );
    assert.equal(requests.filter((r) => r === 'POST other').length, 1, 'one query for the page');
    assert.deepEqual(await store.cases.getMany('svc-a', []), []);
    // Open ids come oldest first.
    const open = await store.cases.listOpenIds('svc-a');
    assert.deepEqual(
      open.filter((id) => id.startsWith('page-')),
      ['page-c', 'page-a', 'page-b'],
    );
  });
});
