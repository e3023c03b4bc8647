import { randomUUID } from 'node:crypto';
import { strict as assert } from 'node:assert';
import { loadConfig, ConfigError } from '../../src/config';
import { FixedClock } from '../../src/domain/clock';
import { median, returnDateOf, toCsv } from '../../src/domain/nacr';
import { createLogger } from '../../src/log';
import type { Actor, StoreDeps } from '../../src/services/core/context';
import { FileVault, LINK_TTL_MS } from '../../src/services/files/downloads';
import { FILE_MAX_BYTES } from '../../src/store/cosmosFiles';
import { FileTooLargeError } from '../../src/store/errors';
import type { AuditEntry, Store } from '../../src/store/types';
import { embeddedDeps } from '../support/deps';

const LEAD: Actor = { aadObjectId: 'lead-1', name: 'Lee Lead', role: 'lead', serviceId: 'svc-a' };

/** A vault over a fresh store (or `store`, to be another instance of the same deployment), audits recorded. */
async function vaultWith(
  clock: FixedClock,
  opts: { failAudit?: boolean; store?: Store } = {},
): Promise<{ vault: FileVault; audits: AuditEntry[]; store: Store }> {
  const audits: AuditEntry[] = [];
  const store = opts.store ?? (await embeddedDeps()).store;
  const recording: Store = {
    ...store,
    audit: {
      ...store.audit,
      append: async (e: AuditEntry) => {
        if (opts.failAudit) throw new Error('audit store down');
        audits.push(e);
        await store.audit.append(e);
      },
    },
  };
  const deps: StoreDeps = {
    store: recording,
    clock,
    timezone: 'Europe/London',
    log: createLogger('silent'),
    newId: randomUUID,
  };
  return { vault: new FileVault(deps, { baseUrl: 'https://bot.example.nhs.uk/' }), audits, store };
}

const file = () => ({
  kind: 'export' as const,
  filename: 'x.csv',
  contentType: 'text/csv',
  body: Buffer.from('a,b\r\n'),
});
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

describe('file vault (one-time download links, kept in the store)', () => {
  it('makes links under the public base URL, 128-bit random and signed, each different', async () => {
    const { vault } = await vaultWith(new FixedClock(new Date('2026-11-25T10:00:00Z')));
    const a = await vault.offer(LEAD, file());
    const b = await vault.offer(LEAD, file());
    assert.match(a.url, /^https:\/\/bot\.example\.nhs\.uk\/files\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    assert.notEqual(a.url, b.url);
    assert.equal(a.expiresAt.toISOString(), '2026-11-25T10:05:00.000Z');
  });

  it('hands a file out once; then "used"; after expiry "expired", and purges it', async () => {
    const clock = new FixedClock(new Date('2026-11-25T10:00:00Z'));
    const { vault, audits } = await vaultWith(clock);
    const first = await vault.offer(LEAD, file());
    const taken = await vault.take(tokenOf(first.url));
    assert.equal(taken.kind, 'ok');
    assert.equal(taken.kind === 'ok' && taken.file.body.toString(), 'a,b\r\n');
    assert.deepEqual(await vault.take(tokenOf(first.url)), { kind: 'refused', reason: 'used' });

    const second = await vault.offer(LEAD, file());
    assert.equal(await vault.held(), 1);
    clock.advance(LINK_TTL_MS);
    assert.equal(await vault.held(), 0, 'gone from the store at expiry');
    assert.deepEqual(await vault.take(tokenOf(second.url)), { kind: 'refused', reason: 'expired' });
    assert.deepEqual(
      audits.map((a) => [a.action, a.outcome, a.detail?.reason ?? '']),
      [
        ['file.create', 'ok', ''],
        ['file.download', 'ok', ''],
        ['file.download', 'refused', 'used'],
        ['file.create', 'ok', ''],
        ['file.download', 'refused', 'expired'],
      ],
    );
    assert.ok(audits.every((a) => a.serviceId === 'svc-a' && a.actor === 'lead-1'));
  });

  it('serves a link made on one instance on another, once, even when both are asked at the same instant', async () => {
    const clock = new FixedClock(new Date('2026-11-25T10:00:00Z'));
    const a = await vaultWith(clock);
    const b = await vaultWith(clock, { store: a.store });
    const big = { ...file(), body: Buffer.alloc(2_500_000, 7) }; // three parts in the store
    const offered = await a.vault.offer(LEAD, big);
    const results = await Promise.all([a.vault.take(tokenOf(offered.url)), b.vault.take(tokenOf(offered.url))]);
    const served = results.filter((r) => r.kind === 'ok');
    assert.equal(served.length, 1, 'single use across instances');
    assert.ok(served[0].kind === 'ok' && served[0].file.body.equals(big.body), 'the whole body, from its parts');
    assert.deepEqual(
      results.find((r) => r.kind !== 'ok'),
      { kind: 'refused', reason: 'used' },
    );
  });

  it('refuses altered, foreign and malformed tokens before any look-up', async () => {
    const clock = new FixedClock(new Date('2026-11-25T10:00:00Z'));
    const { vault } = await vaultWith(clock);
    const other = (await vaultWith(clock)).vault; // another deployment: another store, another key
    const offered = await vault.offer(LEAD, file());
    const [id, sig] = tokenOf(offered.url).split('.');
    const otherToken = tokenOf((await other.offer(LEAD, file())).url);
    assert.deepEqual(await vault.take(`${id}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`), {
      kind: 'refused',
      reason: 'bad_signature',
    });
    assert.deepEqual(await vault.take(otherToken), { kind: 'refused', reason: 'bad_signature' });
    assert.deepEqual(await vault.take(id), { kind: 'refused', reason: 'malformed' });
    assert.deepEqual(await vault.take(''), { kind: 'refused', reason: 'malformed' });
    assert.equal((await vault.take(`${id}.${sig}`)).kind, 'ok', 'the real token still works');
  });

  it('creates no link when the creation cannot be audited', async () => {
    const { vault } = await vaultWith(new FixedClock(new Date('2026-11-25T10:00:00Z')), { failAudit: true });
    await assert.rejects(vault.offer(LEAD, file()), /audit store down/);
    assert.equal(await vault.held(), 0);
  });

  it('refuses a file too large for the store plainly, holding nothing', async () => {
    const { vault } = await vaultWith(new FixedClock(new Date('2026-11-25T10:00:00Z')));
    await assert.rejects(
      vault.offer(LEAD, { ...file(), body: Buffer.alloc(FILE_MAX_BYTES + 1) }),
      (e) => e instanceof FileTooLargeError,
    );
    assert.equal(await vault.held(), 0);
  });

  it('PUBLIC_BASE_URL is optional, must be a URL, and loses a trailing slash', () => {
    assert.equal(loadConfig({}).publicBaseUrl, undefined);
    assert.equal(
      loadConfig({ PUBLIC_BASE_URL: 'https://rtw.example.nhs.uk/' }).publicBaseUrl,
      'https://rtw.example.nhs.uk',
    );
    assert.throws(() => loadConfig({ PUBLIC_BASE_URL: 'not a url' }), ConfigError);
  });
});

describe('NACR figures and CSV', () => {
  it('medians odd, even and empty lists', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 10]), 3.5);
    assert.equal(median([]), null);
  });

  it('dates a return by the plan’s first day when it started by discharge, else by the discharge; none without a return', () => {
    const plan = (start: string) => ({ phases: [{ start, hoursPerWeek: 10, daysPerWeek: 2 }] }) as any;
    assert.equal(
      returnDateOf({ discharge: { outcome: 'returned_phased', date: '2026-05-01' } as any, plan: plan('2026-04-06') }),
      '2026-04-06',
    );
    assert.equal(
      returnDateOf({ discharge: { outcome: 'returned_full', date: '2026-05-01' } as any, plan: plan('2026-06-01') }),
      '2026-05-01',
    );
    assert.equal(
      returnDateOf({ discharge: { outcome: 'retired', date: '2026-05-01' } as any, plan: plan('2026-04-06') }),
      undefined,
    );
  });

  it('writes RFC 4180 CSV and defuses spreadsheet formulas', () => {
    assert.equal(
      toCsv(['a', 'b'], [{ a: 'x, "y"', b: 3 }, { a: '=SUM(A1)', b: '-2' }, { a: 'line\nbreak' }]),
      'a,b\r\n"x, ""y""",3\r\n\'=SUM(A1),\'-2\r\n"line\nbreak",\r\n',
    );
  });
});
