import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { cardPresenter } from '../src/cards/presenter';
import { ENGLAND_AND_WALES } from '../src/domain/workingDays';
import { BackgroundTasks } from '../src/services/core/background';
import { FileVault } from '../src/services/files/downloads';
import type pino from 'pino';
import { startApp } from '../src/app';
import { loadConfig, UNSET_IDENTIFIER_BASE } from '../src/config';
import { systemClock } from '../src/domain/clock';
import { createLogger, type Logger } from '../src/log';
import { DigestScheduler } from '../src/scheduler/digestScheduler';
import type { ServiceDeps } from '../src/services/core/context';
import type { Store } from '../src/store/types';
import { createAdapter } from '../src/teams/adapter';
import { ConversationKeeper } from '../src/teams/conversations';
import { TeamsNotifier } from '../src/teams/notifier';
import { seedDigest, serviceId } from './digestData';
import { timeStore } from './lib';
import { memoryStore } from './memoryStore';

/**
 * One national digest run in a fresh process, forked by bench/digest.ts. With the Cosmos store: the
 * real app (startApp) against the embedded server in its own process, so that this process's memory
 * and CPU are the bot's own. With the bench memory store: the same scheduler, digest service,
 * notifier and adapter wired as src/app.ts wires them (startApp opens its own store), the store and
 * its data in this process. Runs the digest, then again (a second trigger must send nothing).
 */
const WINDOW_DAYS = 7;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function main(): Promise<void> {
  const data = JSON.parse(process.env.BENCH_DATA!);
  let warnings = 0;
  // BENCH_LOG=<file>: keep the bot's log lines too (which job ran when), beside counting its warnings.
  const logFile = process.env.BENCH_LOG;
  const sink = {
    write: (line: string) => {
      if (/"level":(40|50|60)/.test(line)) warnings++;
      if (logFile) fs.appendFileSync(logFile, line);
    },
  };
  const log: Logger = createLogger('info', sink as unknown as pino.DestinationStream);
  let store: Store;
  let digest: DigestScheduler;
  let stop: () => Promise<void>;
  if (process.env.BENCH_STORE === 'memory') {
    store = memoryStore();
    await seedDigest(store, data);
    const adapter = createAdapter({ appType: 'MultiTenant' }, log);
    const keeper = new ConversationKeeper(store.conversations, log);
    const notifier = new TeamsNotifier(adapter, '', store.conversations, keeper, log);
    const base = { store, clock: systemClock, timezone: 'Europe/London', log, newId: randomUUID };
    const deps: ServiceDeps = {
      ...base,
      notifier,
      present: cardPresenter,
      digest: { windowDays: WINDOW_DAYS, holidays: ENGLAND_AND_WALES, divisions: {} },
      files: new FileVault(base),
      background: new BackgroundTasks(),
      fhirIdentifierBase: UNSET_IDENTIFIER_BASE,
      alertLeaseMs: 5 * 60_000,
      serviceNames: {},
    };
    digest = new DigestScheduler({ deps, time: '08:00', timer: false });
    stop = () => digest.stop();
  } else {
    const config = loadConfig({
      PORT: '0',
      PLAYGROUND: '0',
      LOG_LEVEL: 'info',
      COSMOS_ENDPOINT: process.env.BENCH_COSMOS_ENDPOINT,
      COSMOS_DATABASE: process.env.BENCH_COSMOS_DATABASE,
      DEFAULT_SERVICE_ID: 'svc-001',
      DIGEST_WINDOW_DAYS: String(WINDOW_DAYS),
    });
    const app = await startApp(config, { log, digest: { timer: false } });
    ({ store, digest } = app);
    stop = () => app.stop();
  }
  const timing = timeStore(store);
  // What the digest's query reads (wrapped outside the timer): discharged cases by why they are read.
  const reads = { queries: 0, rows: 0, discharged: 0, followUpDue: 0, dischargedThisYearOnly: 0 };
  const listForDigest = store.cases.listForDigest.bind(store.cases);
  store.cases.listForDigest = async (serviceId, since, followUpsBy) => {
    const rows = await listForDigest(serviceId, since, followUpsBy);
    reads.queries++;
    reads.rows += rows.length;
    for (const c of rows) {
      if (c.status !== 'discharged') continue;
      reads.discharged++;
      if (followUpsBy && c.followUpDue && c.followUpDue <= followUpsBy) reads.followUpDue++;
      else reads.dischargedThisYearOnly++;
    }
    return rows;
  };
  gc();
  const started = process.memoryUsage();
  let rssPeak = started.rss;
  let heapPeak = started.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 50);

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const first = await digest.runNow('manual');
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const storeCalls = timing.snapshot();
  const firstReads = { ...reads };
  timing.reset();
  const t1 = performance.now();
  const second = await digest.runNow('manual');
  const secondMs = performance.now() - t1;
  clearInterval(sampler);
  const m = process.memoryUsage();
  rssPeak = Math.max(rssPeak, m.rss);
  heapPeak = Math.max(heapPeak, m.heapUsed);
  const date = first.date!;
  let sentRecords = 0;
  for (let s = 0; s < data.services; s++)
    sentRecords += (await store.jobs.listDeliveries(serviceId(s), date)).filter((d) => d.state === 'sent').length;
  process.send!({
    first,
    second,
    wallMs,
    secondMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    store: storeCalls,
    reads: firstReads,
    warnings,
    sentRecords,
    rssStartedMb: started.rss / 1048576,
    heapStartedMb: started.heapUsed / 1048576,
    rssPeakMb: rssPeak / 1048576,
    heapPeakMb: heapPeak / 1048576,
  });
  await stop();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
