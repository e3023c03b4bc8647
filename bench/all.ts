import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench`: start-up, turn latency against the echo floor, then the national digest, one
 * after the other (never side by side: they would share the two cores). The digest runs against the
 * embedded Cosmos-protocol store in a process of its own at every size, history included; the bench
 * partitioned store (`--store memory`) remains for heap-capped runs. `npm run bench -- turns --n1 100`
 * runs one with its own arguments. Results: stdout, and test-output/bench/*.md|json.
 */
const PLAN: [string, string[]][] = [
  ['startup', []],
  ['turns', []],
  ['turns', ['--store-latency', '2', '--n1', '100', '--n10', '200']],
  ['digest', ['--store', 'cosmos', '--sizes', '5000,10000,25000,50000', '--history']],
];
const [only, ...extra] = process.argv.slice(2);
const plan: [string, string[]][] = only ? [[only, extra]] : PLAN;
for (const [name, args] of plan) {
  console.log(`\n## ${name} ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [path.join(__dirname, `${name}.js`), ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
