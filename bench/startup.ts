import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { getStatus, percentile, writeOutput } from './lib';

/**
 * Start-up in local mode: from spawning `node dist/src/main.js` (no COSMOS_ENDPOINT, so the embedded
 * store; no app id) to the first 200 from /readyz, polled every 5 ms; then the idle resident memory
 * after 5 s with nothing to do. PLAYGROUND=0: the Agents Playground is a separate tool, not the bot.
 *
 *   node dist/bench/startup.js [--runs 5]
 */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function once(): Promise<{ readyMs: number; idleRssMb: number }> {
  const port = await freePort();
  const main = path.resolve(__dirname, '..', 'src', 'main.js');
  const t0 = performance.now();
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH, PORT: String(port), PLAYGROUND: '0', LOG_LEVEL: 'info' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/readyz`;
  let readyMs = NaN;
  while (performance.now() - t0 < 30_000) {
    if ((await getStatus(url)) === 200) {
      readyMs = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 5000));
  const idleRssMb = rssOf(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { readyMs, idleRssMb };
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 5;
  const results = [];
  for (let k = 0; k < runs; k++) {
    const r = await once();
    results.push(r);
    console.error(
      `  run ${k + 1}: /readyz 200 after ${r.readyMs.toFixed(0)} ms; idle RSS ${r.idleRssMb.toFixed(0)} MB`,
    );
  }
  const ready = results.map((r) => r.readyMs).sort((a, b) => a - b);
  const rss = results.map((r) => r.idleRssMb).sort((a, b) => a - b);
  const report = [
    `startup (local mode, embedded store, PLAYGROUND=0), ${runs} runs, node ${process.version}`,
    '| measure | median | min | max |',
    '|---|---|---|---|',
    `| process start → /readyz 200 (ms) | ${percentile(ready, 50).toFixed(0)} | ${ready[0].toFixed(0)} | ${ready[ready.length - 1].toFixed(0)} |`,
    `| idle RSS 5 s after ready (MB) | ${percentile(rss, 50).toFixed(0)} | ${rss[0].toFixed(0)} | ${rss[rss.length - 1].toFixed(0)} |`,
  ].join('\n');
  console.log(report);
  writeOutput('startup.json', results);
  writeOutput('startup.md', report);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
