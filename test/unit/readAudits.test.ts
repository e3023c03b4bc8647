import { strict as assert } from 'node:assert';
import pino from 'pino';
import { FixedClock } from '../../src/domain/clock';
import type { CaseRecord } from '../../src/domain/case';
import { caseload } from '../../src/services/cases/caseload';
import { findCases } from '../../src/services/cases/find';
import type { Actor } from '../../src/services/core/context';
import { depsFor } from '../support/deps';
import type { AuditEntry, Store, Stored } from '../../src/store/types';

/**
 * Lists audit every case they show before showing it. The entries go to the store in one request (a
 * transactional batch in Cosmos: one round trip instead of one per row, docs/PERFORMANCE.md), and a
 * failed batch fails the read, so nothing is ever shown unaudited.
 */
const OT: Actor = { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000003', name: 'Otto', role: 'ot', serviceId: 'svc' };

function cases(n: number): Stored<CaseRecord>[] {
  return Array.from(
    { length: n },
    (_, i) =>
      ({
        id: `case-${i}`,
        ref: `RTW-${String(i + 1).padStart(4, '0')}`,
        serviceId: 'svc',
        status: 'active',
        _etag: 'e',
      }) as unknown as Stored<CaseRecord>,
  );
}

function depsWith(rows: Stored<CaseRecord>[], failOn?: string) {
  const entries: AuditEntry[] = [];
  let requests = 0;
  const store = {
    cases: {
      listOpenIds: async () => rows.map((r) => r.id),
      getMany: async (_s: string, ids: readonly string[]) => rows.filter((r) => ids.includes(r.id)),
      find: async () => rows,
    },
    audit: {
      append: async (e: AuditEntry) => {
        requests++;
        entries.push(e);
      },
      // All or nothing, as a Cosmos transactional batch is.
      appendMany: async (serviceId: string, batch: readonly AuditEntry[]) => {
        requests++;
        assert.ok(batch.every((e) => e.serviceId === serviceId));
        if (failOn && batch.some((e) => e.caseId === failOn)) throw new Error('audit store unavailable');
        entries.push(...batch);
      },
    },
  } as unknown as Store;
  const deps = depsFor(store, {
    clock: new FixedClock(new Date('2026-11-25T10:00:00Z')),
    log: pino({ level: 'silent' }),
  });
  return { deps, entries, requests: () => requests };
}

describe('read audits of lists (caseload, find)', () => {
  it('caseload audits each shown case once, in one store request', async () => {
    const f = depsWith(cases(25));
    const out = await caseload(f.deps, OT, { all: false, page: 1 });
    assert.equal(out.kind, 'ok');
    const shown = out.kind === 'ok' ? out.value.cases.map((c) => c.id) : [];
    assert.equal(shown.length, 20);
    assert.deepEqual(f.entries.map((e) => e.caseId).sort(), [...shown].sort());
    assert.ok(f.entries.every((e) => e.action === 'caseload' && e.outcome === 'ok' && e.actor === OT.aadObjectId));
    assert.equal(new Set(f.entries.map((e) => e.id)).size, 20, 'every entry has its own id');
    assert.equal(f.requests(), 1, 'one request for the page, not one per row');
  });

  it('caseload fails, showing nothing, when any entry cannot be written', async () => {
    const f = depsWith(cases(25), 'case-7');
    await assert.rejects(caseload(f.deps, OT, { all: false, page: 1 }), /audit store unavailable/);
    assert.equal(f.entries.length, 0);
  });

  it('find audits each case found once and fails when an entry cannot be written', async () => {
    const f = depsWith(cases(5));
    const out = await findCases(f.deps, OT, 'Alan');
    assert.equal(out.kind, 'ok');
    assert.deepEqual(f.entries.map((e) => e.caseId).sort(), ['case-0', 'case-1', 'case-2', 'case-3', 'case-4']);
    assert.ok(f.entries.every((e) => e.action === 'case.find' && e.outcome === 'ok'));
    const g = depsWith(cases(5), 'case-2');
    await assert.rejects(findCases(g.deps, OT, 'Alan'), /audit store unavailable/);
  });
});
