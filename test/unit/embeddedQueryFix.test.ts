import { strict as assert } from 'node:assert';
import createQuery from '@zeit/cosmosdb-query';
import { engineCode, makeEmbeddedQueriesLinear } from '../../src/store/embeddedQueryFix';

// The engine's executor, to run the code it generated before the rewrite.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const execute = require('@zeit/cosmosdb-query/lib/executor').default as (
  coll: unknown[],
  o: { code: string; parameters: { name: string; value: unknown }[] },
) => unknown;

/** The shapes of query the store layer sends (src/store/cosmos*.ts), plus a JOIN (left unrewritten) that it does not. */
const QUERIES = [
  'SELECT TOP 5 * FROM c WHERE c.serviceId = @serviceId AND CONTAINS(c.patient.nameKey, @value) ORDER BY c.createdAt DESC',
  "SELECT TOP 2000 * FROM c WHERE c.serviceId = @serviceId AND (c.status = 'referred' OR c.status = 'active') AND c.assignedOt.aadObjectId = @value ORDER BY c.createdAt ASC",
  "SELECT c.serviceId FROM c WHERE c.status = 'discharged'",
  'SELECT * FROM c WHERE c.id = @value',
  'SELECT VALUE s.id FROM c JOIN s IN c.sessions WHERE c.serviceId = @serviceId',
];

function docs(n: number) {
  // A fixed pseudo-random mix of services, statuses, names and missing fields.
  let seed = 7;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `case-${i}`,
    _rid: `rid-${i}`,
    serviceId: next() < 0.7 ? 'svc-a' : 'svc-b',
    status: ['referred', 'active', 'discharged'][Math.floor(next() * 3)],
    createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 1e10)).toISOString(),
    patient: { nameKey: `patient ${Math.floor(next() * 50)}` },
    ...(next() < 0.8 ? { assignedOt: { aadObjectId: next() < 0.5 ? 'ot-1' : 'ot-2' } } : {}),
    sessions: Array.from({ length: Math.floor(next() * 3) }, (_, k) => ({ id: `s-${i}-${k}` })),
  }));
}

describe('the embedded query engine, made linear', () => {
  before(() => makeEmbeddedQueriesLinear(createQuery));

  it('rewrites the per-document array copy of FROM c into a push', () => {
    for (const sql of QUERIES.slice(0, 4)) {
      const fixed = createQuery(sql).code;
      assert.match(
        engineCode(sql, createQuery),
        /\[\.\.\.\$, \{/,
        `the engine still generates the quadratic step for: ${sql}`,
      );
      assert.doesNotMatch(fixed, /\[\.\.\.\$, \{/, sql);
      assert.match(fixed, /\$\.push\(\{/, sql);
    }
  });

  it('gives the same rows in the same order as the engine did, for every query shape', () => {
    const coll = docs(400);
    for (const sql of QUERIES) {
      for (const value of ['patient 7', 'ot-1', 'case-17', 'nobody']) {
        const parameters = [
          { name: '@serviceId', value: 'svc-a' },
          { name: '@value', value },
        ];
        const before = execute(coll, { code: engineCode(sql, createQuery), parameters });
        const after = createQuery(sql).exec(coll, { parameters });
        assert.deepEqual(after, before, `${sql} with ${value}`);
      }
    }
    // Not vacuous: the queries do find rows in this data.
    const some = createQuery(QUERIES[1]!).exec(coll, {
      parameters: [
        { name: '@serviceId', value: 'svc-a' },
        { name: '@value', value: 'ot-1' },
      ],
    });
    assert.ok(some.result.length > 10);
  });
});
