import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { todayIn } from '../src/domain/dates';
import { openStore } from '../src/store';
import { EMULATOR_KEY } from '../src/store/embeddedCosmos';
import type { Store } from '../src/store/types';
import { seedDigest, type HistoryTally } from './digestData';
import { ms, writeOutput } from './lib';
import { ThrottlingConnector } from './throttlingConnector';

/**
 * The digest at national scale: SERVICES services, LEADS leads, N open cases with fit notes ending
 * over the next 60 days, against a connector that throttles like Teams. For each size, a fresh store
 * process is seeded through the store's own repositories, then a fresh bot process runs the digest.
 *
 *   node dist/bench/digest.js [--store cosmos|memory] [--heap-limit MB] [--cpu-prof-dir DIR] [--sizes 5000,10000,25000,50000] [--rate 50] [--history] [--ots] [--services 320] [--leads 1000]
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const SERVICES = Number(arg('services', '320'));
const LEADS = Number(arg('leads', '1000'));
const RATE = Number(arg('rate', '50'));
const SIZES = arg('sizes', '5000,10000,25000,50000').split(',').map(Number);
const TIMEZONE = 'Europe/London';
/** cosmos: the embedded Cosmos-protocol server in its own process; memory: bench/memoryStore.ts in the bot process. */
const STORE = arg('store', 'cosmos') as 'cosmos' | 'memory';
/** Cap on the bot process's V8 heap (MB): a run that completes under it needs no more. */
const HEAP_LIMIT = Number(arg('heap-limit', '0'));
/** Write a CPU profile of each bot process here (node --cpu-prof). */
const PROFILE_DIR = arg('cpu-prof-dir', '');
/** Make the cases' OTs (4 per service) staff with conversation references, so that "my day" lists go out too. */
const OTS = process.argv.includes('--ots');

function waitMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
}

interface RunResult {
  sentRecords: number;
  heapStartedMb: number;
  first: any;
  second: any;
  wallMs: number;
  secondMs: number;
  cpuMs: number;
  store: Record<string, { calls: number; ms: number }>;
  reads: { queries: number; rows: number; discharged: number; followUpDue: number; dischargedThisYearOnly: number };
  warnings: number;
  rssBeforeMb: number;
  rssStartedMb: number;
  rssPeakMb: number;
  heapPeakMb: number;
}

async function runSize(open: number, history: number): Promise<Record<string, unknown>> {
  const connector = await new ThrottlingConnector(RATE).start();
  const now = new Date();
  const today = todayIn(TIMEZONE, now);
  const data = {
    services: SERVICES,
    leads: LEADS,
    open,
    history,
    connectorUrl: connector.url,
    today,
    now: now.toISOString(),
    ots: OTS,
  };
  let cosmos: ChildProcess | undefined;
  let store: Store | undefined;
  let tally: HistoryTally | undefined;
  const env: Record<string, string> = { BENCH_STORE: STORE, BENCH_DATA: JSON.stringify(data) };
  if (STORE === 'cosmos') {
    cosmos = fork(path.join(__dirname, 'cosmosServer.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const { endpoint } = await waitMessage<{ endpoint: string }>(cosmos);
    const database = 'bench-digest';
    store = await openStore({ endpoint, databaseId: database, key: EMULATOR_KEY, acceptSelfSignedCertificate: true });
    const t0 = performance.now();
    tally = await seedDigest(store, data);
    console.error(
      `  seeded ${open} open + ${history} history cases, ${LEADS} leads in ${SERVICES} services: ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    if (history) console.error(`  history on ${today}: ${JSON.stringify(tally)}`);
    Object.assign(env, { BENCH_COSMOS_ENDPOINT: endpoint, BENCH_COSMOS_DATABASE: database });
  }
  const run = fork(path.join(__dirname, 'digestRun.js'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
    execArgv: [
      '--expose-gc',
      ...(HEAP_LIMIT ? [`--max-old-space-size=${HEAP_LIMIT}`] : []),
      ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ],
  });
  const r = await waitMessage<RunResult>(run);
  await new Promise((resolve) => run.once('exit', resolve));

  // Exactly one digest per lead: counted at the connector and in the delivery records. OTs' lists
  // (--ots) go to conversations of their own (OT ids begin dddddddd), counted apart.
  const isOt = (conversation: string) => conversation.includes('dddddddd-');
  const counts = [...connector.accepted].filter(([k]) => !isOt(k)).map(([, v]) => v);
  const leadsReached = counts.length;
  const otCounts = [...connector.accepted].filter(([k]) => isOt(k)).map(([, v]) => v);
  const duplicates = counts.filter((c) => c > 1).length;
  const storeMs = Object.values(r.store).reduce((a, s) => a + s.ms, 0);
  let storeRss: { rssMb: number } | undefined;
  if (cosmos) {
    cosmos.send({ cmd: 'rss' });
    storeRss = await waitMessage<{ rssMb: number }>(cosmos);
  }
  const out = {
    store: STORE,
    open,
    history,
    summary: r.first,
    secondRun: r.second,
    wallS: r.wallMs / 1000,
    secondRunS: r.secondMs / 1000,
    botCpuS: r.cpuMs / 1000,
    storeCallsS: storeMs / 1000,
    storeCalls: r.store,
    reads: r.reads,
    historyTally: tally,
    myDay: r.first.myDay,
    otsReached: otCounts.length,
    otsDuplicated: otCounts.filter((c) => c > 1).length,
    leadsReached,
    lost: LEADS - leadsReached,
    duplicates,
    sentRecords: r.sentRecords,
    throttled429: connector.throttled,
    sendSpanS: (connector.lastAt - connector.firstAt) / 1000,
    maxCardBytes: connector.maxBodyBytes,
    warnings: r.warnings,
    botRssPeakMb: r.rssPeakMb,
    botRssStartedMb: r.rssStartedMb,
    botHeapStartedMb: r.heapStartedMb,
    botHeapPeakMb: r.heapPeakMb,
    storeProcessRssMb: storeRss?.rssMb,
  };
  console.error(
    `  digest: ${r.first.sent} sent, ${r.first.skipped} skipped, ${r.first.failed} failed in ${(r.wallMs / 1000).toFixed(1)} s ` +
      `(bot CPU ${(r.cpuMs / 1000).toFixed(1)} s, inside store calls ${(storeMs / 1000).toFixed(1)} s); ${connector.throttled} × 429; ` +
      `lost ${out.lost}, duplicated ${duplicates}, delivery records 'sent' ${r.sentRecords}; second run sent ${r.second.sent ?? '-'}; bot RSS peak ${r.rssPeakMb.toFixed(0)} MB, heap ${r.heapStartedMb.toFixed(0)} → peak ${r.heapPeakMb.toFixed(0)} MB`,
  );
  console.error(
    `  my day: ${JSON.stringify(r.first.myDay)}, OT conversations reached ${out.otsReached}, duplicated ${out.otsDuplicated} (second run ${JSON.stringify(r.second.myDay)}); listForDigest read ${r.reads.rows} cases in ${r.reads.queries} queries, ` +
      `${r.reads.discharged} discharged (${r.reads.followUpDue} with a follow-up due by the window, ${r.reads.dischargedThisYearOnly} only as this year's discharges) of ${tally?.discharged ?? 0} discharged in the store`,
  );
  store?.dispose();
  await connector.stop();
  cosmos?.kill();
  return out;
}

async function main(): Promise<void> {
  const results: Record<string, unknown>[] = [];
  // --history: each size with 45,000 discharged cases beside its open ones, follow-ups and all.
  const history = process.argv.includes('--history') ? 45000 : 0;
  const plan: [number, number][] = SIZES.map((n) => [n, history]);
  for (const [open, history] of plan) {
    console.error(
      `digest: ${open} open cases${history ? ` + ${history} discharged over four years` : ''}, ${LEADS} leads, ${SERVICES} services, connector at ${RATE}/s`,
    );
    results.push(await runSize(open, history));
  }
  const lines = [
    `digest (${STORE} store${HEAP_LIMIT ? `, bot heap capped at ${HEAP_LIMIT} MB` : ''}): ${SERVICES} services, ${LEADS} leads, connector throttled at ${RATE} messages/s (429, Retry-After 1 s), node ${process.version}`,
    '| open cases | discharged history | discharged read by the digest (follow-up due) | total time s | bot CPU s | inside store calls s | listForDigest s | audit entries (requests) | 429s | sent | lost | duplicated | second run sent | bot RSS peak MB | bot heap at start → peak MB | store process RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results as any[]) {
    lines.push(
      `| ${r.open} | ${r.history} | ${r.reads.discharged} (${r.reads.followUpDue}) | ${r.wallS.toFixed(1)} | ${r.botCpuS.toFixed(1)} | ${r.storeCallsS.toFixed(1)} | ${((r.storeCalls['cases.listForDigest']?.ms ?? 0) / 1000).toFixed(1)} | ${(r.storeCalls['audit.append']?.items ?? 0) + (r.storeCalls['audit.appendMany']?.items ?? 0)} (${(r.storeCalls['audit.append']?.calls ?? 0) + (r.storeCalls['audit.appendMany']?.calls ?? 0)}) | ${r.throttled429} | ${r.summary.sent} | ${r.lost} | ${r.duplicates} | ${r.secondRun.sent ?? '-'} | ${r.botRssPeakMb.toFixed(0)} | ${r.botHeapStartedMb.toFixed(0)} → ${r.botHeapPeakMb.toFixed(0)} | ${r.storeProcessRssMb ?? 'in bot process'} |`,
    );
  }
  lines.push('', 'Store calls of the largest run (total ms, calls):');
  const last = results[results.length - 1] as any;
  for (const [k, v] of Object.entries(last.storeCalls as Record<string, { calls: number; ms: number }>).sort(
    (a, b) => b[1].ms - a[1].ms,
  ))
    lines.push(`- ${k}: ${ms(v.ms)} ms over ${v.calls} calls`);
  console.log(lines.join('\n'));
  writeOutput(`digest-${STORE}${HEAP_LIMIT ? `-heap${HEAP_LIMIT}` : ''}.json`, results);
  writeOutput(`digest-${STORE}${HEAP_LIMIT ? `-heap${HEAP_LIMIT}` : ''}.md`, lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
