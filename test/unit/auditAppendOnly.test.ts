import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/**
 * The audit trail is append-only by construction: only one module holds the audit container, and
 * it can only create and query. These checks fail the build if that ever changes.
 */
describe('audit trail is append-only', () => {
  it('hands the audit container to the audit repository only', () => {
    const holders = sources(path.join(ROOT, 'src')).filter((f) =>
      /container\(\s*'audit'\s*\)/.test(readFileSync(f, 'utf8')),
    );
    assert.deepEqual(
      holders.map((f) => path.relative(ROOT, f)),
      ['src/store/index.ts'],
    );
    assert.match(
      readFileSync(path.join(ROOT, 'src/store/index.ts'), 'utf8'),
      /new CosmosAuditRepository\(cosmos\.container\('audit'\)\)/,
    );
  });

  it('lets the audit repository create and read, never replace, upsert or delete', () => {
    const code = readFileSync(path.join(ROOT, 'src/store/cosmosAudit.ts'), 'utf8');
    assert.match(code, /createItem\(/);
    assert.doesNotMatch(code, /replaceItem|upsertItem|deleteItem|\.replace\(|\.upsert\(|\.delete\(|\.patch\(/);
    // Batches too: only Create operations.
    assert.deepEqual([...new Set([...code.matchAll(/BulkOperationType\.(\w+)/g)].map((m) => m[1]))], ['Create']);
  });

  it('offers no update or delete in the AuditRepository interface', () => {
    const types = readFileSync(path.join(ROOT, 'src/store/types.ts'), 'utf8');
    const iface = /export interface AuditRepository \{([\s\S]*?)\n\}/.exec(types)?.[1] ?? '';
    const methods = [...iface.matchAll(/^\s+(\w+)\(/gm)].map((m) => m[1]).sort();
    assert.deepEqual(methods, ['append', 'appendMany', 'listForCase']);
  });
});
