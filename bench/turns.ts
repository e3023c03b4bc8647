import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { addDays } from '../src/domain/dates';
import { conversationOf, invokeActivity, messageActivity, type TestUser } from '../test/support/activities';
import { LEAD, NURSE, OT, validReferral } from '../test/support/people';
import { RecordingConnector } from '../test/support/recordingConnector';
import fs from 'node:fs';
import { ms, nhsNumberFor, OUTPUT_DIR, postJson, runLoad, writeOutput, type LoadResult } from './lib';
import type { ProfileSummary } from './profile';

/**
 * Turn latency of the real bot against the framework's floor (the echo bot), in one run.
 * This process is "Teams": it sends the activities and runs the recording connector that receives
 * the bot's replies. The bots run in a child process (bench/turnServer.ts) so that the load
 * generator's own CPU is not counted in their latency.
 *
 *   node dist/bench/turns.js [--n1 200] [--n10 400] [--cases 1000] [--store-latency MS]
 */
function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

class Child {
  private seq = 1;
  private pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  ready: Promise<{ botUrl: string; echoUrl: string }>;
  constructor(readonly proc: ChildProcess) {
    let first!: (v: any) => void;
    let failed!: (e: Error) => void;
    this.ready = new Promise((r, j) => {
      first = r;
      failed = j;
    });
    // A bot that dies (e.g. cannot open its store) must end the bench, not leave it waiting for ever.
    proc.on('exit', (code) => {
      const e = new Error(`bench bot process exited (code ${code})`);
      failed(e);
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
    proc.on('message', (m: any) => {
      if (m.id === 0) return first(m.data);
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve(m.data);
    });
  }
  call<T = any>(cmd: string, extra: Record<string, unknown> = {}): Promise<T> {
    const id = this.seq++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.proc.send({ id, cmd, ...extra });
    });
  }
}

async function main(): Promise<void> {
  const N1 = arg('n1', 200);
  const N10 = arg('n10', 400);
  const CASES = arg('cases', 1000);
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const connector = await new RecordingConnector().start();
  // --store-latency MS: the store in its own process behind a proxy delaying each way by MS (Azure-like);
  // without it, local mode: the store embedded in the bot's process.
  const latency = arg('store-latency', -1);
  const env: Record<string, string> = {};
  let cosmos: ChildProcess | undefined;
  if (latency >= 0) {
    const store = fork(path.join(__dirname, 'cosmosServer.js'), [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, BENCH_STORE_LATENCY_MS: String(latency) },
    });
    cosmos = store;
    env.BENCH_COSMOS_ENDPOINT = (
      await new Promise<{ endpoint: string }>((resolve) =>
        store.once('message', (m) => resolve(m as { endpoint: string })),
      )
    ).endpoint;
  }
  const child = new Child(
    fork(path.join(__dirname, 'turnServer.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...env },
    }),
  );
  const { botUrl, echoUrl } = await child.ready;
  const bot = `${botUrl}/api/messages`;
  const echo = `${echoUrl}/api/messages`;
  const serviceUrl = connector.url;
  const invoke = (url: string, user: TestUser, verb: string, data: Record<string, unknown>) =>
    postJson(url, invokeActivity(user, verb, data, serviceUrl));
  const say = (url: string, user: TestUser, text: string) => postJson(url, messageActivity(user, text, serviceUrl));

  // The cast: the bootstrap lead adds a nurse and an OT; each says hello once so their references are kept.
  for (const [who, role] of [
    [NURSE, 'nurse'],
    [OT, 'ot'],
  ] as const) {
    const a = await invoke(bot, LEAD, 'staff.submit', { aadObjectId: who.aadObjectId, name: who.name, role });
    if (a.status !== 200) throw new Error(`staff.submit answered ${a.status}`);
  }
  for (const who of [LEAD, NURSE, OT]) await say(bot, who, 'whoami');
  const seeded = await child.call<{ otCases: string[]; refs: string[]; nhs: string[]; names: string[]; ms: number }>(
    'seed',
    { n: CASES },
  );
  console.error(
    `seeded ${CASES} cases through the store in ${(seeded.ms / 1000).toFixed(1)} s; the OT has ${seeded.otCases.length} active cases`,
  );
  connector.clear();

  const today = new Date().toISOString().slice(0, 10);
  let referralN = 0;
  let sessionN = 0;
  const ok = (a: { status: number; body: string }, marker?: RegExp) =>
    a.status === 200 && (!marker || marker.test(a.body));
  const ops: Record<
    string,
    { floor: string; c1Only?: boolean; before?: () => Promise<void>; send: (i: number) => Promise<boolean> }
  > = {
    'echo.invoke': {
      floor: '',
      send: async () => ok(await invoke(echo, NURSE, 'echo.submit', validReferral()), /done/),
    },
    'echo.message': { floor: '', send: async () => ok(await say(echo, OT, 'find Alan Ashworth')) },
    find: {
      floor: 'echo.message',
      // A reference, an NHS number and a name in turn: what people type.
      send: async (i) => {
        const k = (i * 37) % CASES;
        const q = i % 3 === 0 ? seeded.refs[k] : i % 3 === 1 ? seeded.nhs[k] : seeded.names[k];
        return ok(await say(bot, OT, `find ${q}`));
      },
    },
    // What Teams sends by itself when the OT opens a case hub card (CONTRACT §3): a read turn like find.
    'case.refresh': {
      floor: 'echo.invoke',
      send: async (i) => {
        const caseId = seeded.otCases[(i * 37) % seeded.otCases.length];
        const activity = invokeActivity(OT, 'case.refresh', { caseId, view: 'hub' }, serviceUrl);
        (activity.value as Record<string, unknown>).trigger = 'automatic';
        return ok(await postJson(bot, activity), /RTW-\d{4,}/);
      },
    },
    caseload: { floor: 'echo.message', send: async () => ok(await say(bot, OT, 'caseload')) },
    'session.submit': {
      floor: 'echo.invoke',
      send: async () => {
        const n = sessionN++;
        const caseId = seeded.otCases[n % seeded.otCases.length];
        const data = {
          caseId,
          submissionId: `bench-session-${n}-${process.pid}`,
          date: today,
          mode: 'telephone',
          durationMinutes: '30',
          topics: 'fatigue,pacing',
          notes: 'Discussed pacing at home and the phased return.',
        };
        return ok(await invoke(bot, OT, 'session.submit', data), /Session saved/);
      },
    },
    'referral.submit': { floor: 'echo.invoke', send: () => refer() },
    // The same, but each referral starts once the OT's and the lead's alerts of the one before have
    // arrived: the nurse's wait for one referral on its own (75 a year per service), without the
    // previous referral's background alert sharing the CPU.
    'referral.submit (alone)': {
      floor: 'echo.invoke',
      c1Only: true,
      before: async () => {
        const deadline = Date.now() + 5000;
        while (alertsDelivered() < alertsExpected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1));
      },
      send: async () => {
        const good = await refer();
        alertsExpected += 2;
        return good;
      },
    },
  };
  const alertsDelivered = () =>
    connector.activities(conversationOf(OT)).length + connector.activities(conversationOf(LEAD)).length;
  let alertsExpected = 0;

  async function refer(): Promise<boolean> {
    const n = referralN++;
    const data = validReferral({
      submissionId: `bench-referral-${n}-${process.pid}`,
      patientName: `Bench Patient ${n}`,
      nhsNumber: nhsNumberFor(900_000 + n),
      eventDate: addDays(today, -36),
      dischargeDate: addDays(today, -32),
      fitNoteStart: addDays(today, -32),
      fitNoteEnd: addDays(today, 10),
    });
    return ok(await invoke(bot, NURSE, 'referral.submit', data), /Referral sent: RTW-/);
  }

  const results: LoadResult[] = [];
  const storeShare: Record<
    string,
    { turnMs: number; storeMsPerTurn: number; calls: Record<string, { calls: number; ms: number }> }
  > = {};
  const profiles: Record<string, ProfileSummary> = {};
  const order = [
    'echo.invoke',
    'echo.message',
    'find',
    'case.refresh',
    'caseload',
    'session.submit',
    'referral.submit',
    'referral.submit (alone)',
    'echo.invoke',
    'echo.message',
  ];
  const seen = new Set<string>();
  for (const name of order) {
    const op = ops[name];
    const label = seen.has(name) ? `${name} (again, after)` : name;
    seen.add(name);
    if (op.before) {
      // Let alerts of the operation before land, then count from zero.
      await new Promise((r) => setTimeout(r, 500));
      connector.clear();
      alertsExpected = 0;
    }
    await runLoad(`${name} warm-up`, op.c1Only ? 1 : 10, 40, op.send, op.before);
    await child.call('stats-reset');
    const c1 = await runLoad(label, 1, N1, op.send, op.before);
    const stats = await child.call<{ store: Record<string, { calls: number; ms: number }> }>('stats');
    const storeMs = Object.values(stats.store).reduce((a, s) => a + s.ms, 0);
    storeShare[label] = {
      turnMs: c1.mean,
      storeMsPerTurn: storeMs / N1,
      calls: Object.fromEntries(
        Object.entries(stats.store).map(([k, v]) => [k, { calls: v.calls / N1, ms: v.ms / N1 }]),
      ),
    };
    const c10 = op.c1Only ? undefined : await runLoad(label, 10, N10, op.send);
    results.push(c1, ...(c10 ? [c10] : []));
    // CPU per turn, echo included, in a pass of its own so that the profiler is not in the latencies.
    if (label === name) {
      await child.call('profile-start');
      await runLoad(`${name} profiled`, 1, N1, op.send, op.before);
      profiles[name] = await child.call('profile-stop', {
        file: path.join(OUTPUT_DIR, `turn-${name}${latency >= 0 ? `-latency${latency}` : ''}.cpuprofile`),
      });
    }
    console.error(
      `${label.padEnd(28)} c=1 p50 ${ms(c1.p50)} p99 ${ms(c1.p99)} ${c1.rps.toFixed(0)}/s | ${c10 ? `c=10 p50 ${ms(c10.p50)} p99 ${ms(c10.p99)} ${c10.rps.toFixed(0)}/s` : 'c=1 only'} | errors ${c1.errors + (c10?.errors ?? 0)} | store ${ms(storeMs / N1)} ms/turn`,
    );
    connector.clear();
  }
  const memory = await child.call('stats');

  // Table: each bot operation beside its floor (the first floor measurement; the second shows drift).
  const find = (name: string, c: number) => results.find((r) => r.name === name && r.concurrency === c);
  const lines: string[] = [];
  lines.push(
    '| operation | conc. | p50 ms | p99 ms | req/s | floor p50 | floor p99 | p50 ratio | p99 ratio | errors |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const name of [
    'echo.invoke',
    'echo.message',
    'find',
    'case.refresh',
    'caseload',
    'session.submit',
    'referral.submit',
    'referral.submit (alone)',
    'echo.invoke (again, after)',
    'echo.message (again, after)',
  ]) {
    for (const c of [1, 10]) {
      const r = find(name, c);
      if (!r) continue;
      const floorName = ops[name]?.floor;
      const f = floorName ? find(floorName, c) : undefined;
      lines.push(
        `| ${name} | ${c} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.rps.toFixed(0)} | ${f ? ms(f.p50) : ''} | ${f ? ms(f.p99) : ''} | ${f ? `${(r.p50 / f.p50).toFixed(1)}x` : ''} | ${f ? `${(r.p99 / f.p99).toFixed(1)}x` : ''} | ${r.errors} |`,
      );
    }
  }
  const share: string[] = [
    '| operation (c=1) | mean turn ms | store calls ms/turn | store share | store calls per turn |',
    '|---|---|---|---|---|',
  ];
  for (const [name, s] of Object.entries(storeShare)) {
    const calls = Object.entries(s.calls)
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, v]) => `${k} ×${v.calls.toFixed(1)} (${ms(v.ms)} ms)`)
      .join(', ');
    share.push(
      `| ${name} | ${ms(s.turnMs)} | ${ms(s.storeMsPerTurn)} | ${((s.storeMsPerTurn / s.turnMs) * 100).toFixed(0)}% | ${calls} |`,
    );
  }
  const prof: string[] = [
    '\nCPU of the bot process per turn (c=1, profiled pass; bot and embedded store together):',
    '| operation | CPU ms/turn | floor CPU ms/turn | ratio |',
    '|---|---|---|---|',
  ];
  for (const [name, p] of Object.entries(profiles)) {
    const floor = ops[name]?.floor ? profiles[ops[name]!.floor!] : undefined;
    prof.push(
      `| ${name} | ${ms(p.busyMs / N1)} | ${floor ? ms(floor.busyMs / N1) : ''} | ${floor ? `${(p.busyMs / floor.busyMs).toFixed(1)}x` : ''} |`,
    );
  }
  for (const [name, p] of Object.entries(profiles)) {
    if (name.startsWith('echo')) continue;
    prof.push(
      `\n${name}: CPU busy ${ms(p.busyMs)} ms over ${N1} turns (${ms(p.busyMs / N1)} ms/turn) of ${ms(p.totalMs)} ms sampled`,
    );
    prof.push('| where (self time) | ms/turn | share of busy CPU |', '|---|---|---|');
    for (const c of p.byCategory.slice(0, 14))
      prof.push(`| ${c.category} | ${ms(c.ms / N1)} | ${(c.share * 100).toFixed(0)}% |`);
  }
  const report = [
    `turns (${latency >= 0 ? `store in its own process, ${latency} ms each way` : 'local mode: store embedded in the bot process'}): ${CASES} seeded cases, n=${N1} at c=1 and ${N10} at c=10 per operation, node ${process.version}`,
    lines.join('\n'),
    '\nStore share (time inside store calls, measured around each repository method in the bot process):',
    share.join('\n'),
    prof.join('\n'),
    `\nbot+echo process after the run: rss ${memory.rssMb} MB, heap used ${memory.heapUsedMb} MB`,
  ].join('\n');
  console.log(report);
  const suffix = latency >= 0 ? `-latency${latency}` : '';
  writeOutput(`turns${suffix}.json`, { results, storeShare, profiles, memory });
  writeOutput(`turns${suffix}.md`, report);
  await child.call('stop').catch(() => undefined);
  await connector.stop();
  cosmos?.kill();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
