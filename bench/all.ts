import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench`: start-up, turn latency against the echo floor, then the national digest, one
 * after the other (never side by side: they would share the two cores). Extra arguments go to each.
 * Results: stdout, and test-output/bench/*.md|json.
 */
const only = process.argv[2];
for (const name of ['startup', 'turns', 'digest']) {
  if (only && only !== name) continue;
  console.log(`\n## ${name}\n`);
  const r = spawnSync(process.execPath, [path.join(__dirname, `${name}.js`), ...process.argv.slice(3)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
