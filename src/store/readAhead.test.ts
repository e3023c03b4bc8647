import { strict as assert } from 'node:assert';
import { activeCaseRecord } from '../../test/support/seedCases';
import { embeddedDeps } from '../../test/support/deps';
import { ReadAhead } from './readAhead';
import type { Store } from './types';

describe('ReadAhead: a turn’s first reads, started early and taken once', () => {
  let store: Store;
  let reads: string[];
  const SERVICE = 'svc-ahead';

  before(async () => {
    const base = (await embeddedDeps()).store;
    await base.cases.create(activeCaseRecord(SERVICE, 'ahead-case-1', 'RTW-0001'));
    // Count what reaches the store's own `get`.
    const get = base.cases.get.bind(base.cases);
    store = {
      ...base,
      cases: Object.assign(Object.create(base.cases), {
        get: (serviceId: string, id: string) => {
          reads.push(`${serviceId}/${id}`);
          return get(serviceId, id);
        },
      }),
    };
  });
  beforeEach(() => {
    reads = [];
  });

  it('answers the same read of the same partition from the request in flight, once; a later read goes to the store', async () => {
    const ahead = new ReadAhead(store);
    ahead.case(SERVICE, 'ahead-case-1');
    assert.deepEqual(reads, [`${SERVICE}/ahead-case-1`], 'started at once');
    const first = await ahead.store.cases.get(SERVICE, 'ahead-case-1');
    assert.equal(first?.ref, 'RTW-0001');
    assert.equal(reads.length, 1, 'taken from flight');
    assert.equal(ahead.unused, 0);
    await ahead.store.cases.get(SERVICE, 'ahead-case-1');
    assert.equal(reads.length, 2, 'asked again: read again');
  });

  it('never answers a read of another service or document with one started ahead', async () => {
    const ahead = new ReadAhead(store);
    ahead.case('svc-other', 'ahead-case-1');
    assert.equal(await ahead.store.cases.get(SERVICE, 'ahead-case-2'), null);
    assert.equal((await ahead.store.cases.get(SERVICE, 'ahead-case-1'))?.ref, 'RTW-0001');
    assert.deepEqual(reads, ['svc-other/ahead-case-1', `${SERVICE}/ahead-case-2`, `${SERVICE}/ahead-case-1`]);
    assert.equal(ahead.unused, 1, 'the guess into another partition was left unused');
  });

  it("leaves every other method the store's own", async () => {
    const ahead = new ReadAhead(store);
    const [found] = await ahead.store.cases.find({ serviceId: SERVICE }, { kind: 'ref', ref: 'RTW-0001' }, 1);
    assert.equal(found?.id, 'ahead-case-1');
    assert.equal((await ahead.store.cases.peekRef(SERVICE)).number, 1);
    assert.equal(ahead.store.staff, store.staff);
  });

  it('gives a failed read to whoever asks for it, and a failed read nobody asks for fails nothing', async () => {
    const failing = {
      ...store,
      cases: Object.assign(Object.create(store.cases), {
        get: () => Promise.reject(new Error('store away')),
      }),
    } as Store;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const asked = new ReadAhead(failing);
      asked.case(SERVICE, 'ahead-case-1');
      await assert.rejects(asked.store.cases.get(SERVICE, 'ahead-case-1'), /store away/);
      new ReadAhead(failing).case(SERVICE, 'ahead-case-1');
      // Node reports unhandled rejections once the microtasks of this turn of the event loop are done.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
