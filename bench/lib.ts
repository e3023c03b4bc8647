import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** Shared by the benchmarks: a keep-alive HTTP client, a closed-loop load runner and percentiles. */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface Answer {
  status: number;
  body: string;
}

export function postJson(url: string, payload: unknown): Promise<Answer> {
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface LoadResult {
  name: string;
  concurrency: number;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  mean: number;
  rps: number;
}

/**
 * Closed loop: `concurrency` workers each send the next request as soon as the previous answer is in.
 * `make(i)` builds request i; `check` says whether the answer is the expected one (else it counts as an error).
 */
export async function runLoad(
  name: string,
  concurrency: number,
  requests: number,
  send: (i: number) => Promise<boolean>,
  /** Runs before each request, outside its timing (e.g. waiting for the previous one's side effects). */
  before?: () => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= requests) return;
      if (before) await before();
      const t0 = performance.now();
      let good = false;
      try {
        good = await send(i);
      } catch {
        good = false;
      }
      latencies.push(performance.now() - t0);
      if (!good) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    name,
    concurrency,
    requests,
    errors,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    rps: (requests / wall) * 1000,
  };
}

export const OUTPUT_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'bench');

export function writeOutput(name: string, data: unknown): string {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return file;
}

export const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** A valid NHS number (Modulus 11) from a running number, distinct for distinct n. */
export function nhsNumberFor(n: number): string {
  for (let k = n * 11; ; k++) {
    const first = String(100000000 + (k % 800000000)).slice(0, 9);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(first[i]) * (10 - i);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return first + String(check === 11 ? 0 : check);
  }
}

/**
 * Times every method of every repository of a store, in place: the store's share of a turn or a
 * digest, apart from the bot's own code. Returns a reader and a reset.
 */
export interface StoreTiming {
  calls: number;
  ms: number;
  /** Items handled: 1 per call, or the length of an array argument (entries of an audit batch). */
  items: number;
}

export function timeStore(store: object): { snapshot(): Record<string, StoreTiming>; reset(): void } {
  const stats = new Map<string, StoreTiming>();
  for (const [repoName, repo] of Object.entries(store)) {
    if (!repo || typeof repo !== 'object') continue;
    // Methods of a class (the Cosmos repositories) or own function properties (a plain object store).
    const keys = new Set([...Object.getOwnPropertyNames(Object.getPrototypeOf(repo)), ...Object.keys(repo)]);
    for (const key of keys) {
      if (key in Object.prototype || typeof (repo as any)[key] !== 'function') continue;
      const original = (repo as any)[key].bind(repo);
      const name = `${repoName}.${key}`;
      (repo as any)[key] = async (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return await original(...args);
        } finally {
          const s = stats.get(name) ?? { calls: 0, ms: 0, items: 0 };
          s.calls++;
          const list = args.find((a) => Array.isArray(a)) as unknown[] | undefined;
          s.items += list ? list.length : 1;
          s.ms += performance.now() - t0;
          stats.set(name, s);
        }
      };
    }
  }
  return {
    snapshot: () => Object.fromEntries([...stats.entries()].map(([k, v]) => [k, { ...v }])),
    reset: () => stats.clear(),
  };
}
