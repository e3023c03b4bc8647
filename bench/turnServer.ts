import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import pino from 'pino';
import { startApp, type RunningApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { CaseRecord } from '../src/domain/case';
import { addDays, todayIn } from '../src/domain/dates';
import { formatCaseRef } from '../src/domain/caseRef';
import { createLogger } from '../src/log';
import { LEAD, NURSE, OT } from '../test/support/people';
import { startEchoBot } from './echoBot';
import { mb, nhsNumberFor, timeStore } from './lib';
import { summariseProfile } from './profile';

/**
 * The server side of the turn benchmark, in its own process (the load generator and the recording
 * connector, i.e. "Teams", run in the parent): the real app in local mode with its embedded store,
 * and the echo bot. Driven over IPC: seed, reset/read store timings, start/stop a CPU profile.
 */
const FIRST = [
  'Alan',
  'Beth',
  'Carl',
  'Dina',
  'Evan',
  'Faye',
  'Gus',
  'Hana',
  'Ivan',
  'Jill',
  'Kofi',
  'Lara',
  'Milo',
  'Nina',
  'Owen',
  'Pia',
  'Raj',
  'Sara',
  'Tom',
  'Una',
];
const LAST = [
  'Ashworth',
  'Barker',
  'Clegg',
  'Dyson',
  'Eccles',
  'Firth',
  'Gaunt',
  'Haigh',
  'Illingworth',
  'Jowett',
  'Kershaw',
  'Lumb',
  'Marsden',
  'Naylor',
  'Oldroyd',
  'Pickles',
  'Quarmby',
  'Ramsden',
  'Sutcliffe',
  'Thwaite',
  'Uttley',
  'Varley',
  'Whiteley',
  'Yeadon',
];

export function patientName(i: number): string {
  return `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
}

async function seed(
  app: RunningApp,
  n: number,
): Promise<{ otCases: string[]; refs: string[]; nhs: string[]; names: string[]; ms: number }> {
  const t0 = performance.now();
  const { store, deps } = app;
  const today = todayIn(deps.timezone, deps.clock.now());
  const now = deps.clock.now().toISOString();
  const otCases: string[] = [];
  const refs: string[] = [];
  const nhs: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const ref = formatCaseRef(await store.cases.nextRef('mid-yorkshire'));
    const name = patientName(i);
    const nhsNumber = nhsNumberFor(500_000 + i);
    // 10% referred, 20% active (a fifth of those the bench OT's), 70% discharged: a service's history.
    const status: CaseRecord['status'] = i % 10 === 0 ? 'referred' : i % 10 <= 2 ? 'active' : 'discharged';
    const referredOn = addDays(today, status === 'discharged' ? -(60 + (i % 600)) : -(i % 40));
    const mine = status === 'active' && i % 5 === 1;
    const otId = mine
      ? OT
      : { aadObjectId: `bbbbbbbb-0000-0000-0000-${String(i % 7).padStart(12, '0')}`, name: `Other OT ${i % 7}` };
    const record: CaseRecord = {
      id: `seed-${String(i).padStart(6, '0')}`,
      serviceId: 'mid-yorkshire',
      ref,
      status,
      patient: {
        name,
        nameKey: name.toLowerCase(),
        nhsNumber,
        dateOfBirth: `1965-03-0${(i % 9) + 1}`,
        phone: '07700 900123',
      },
      referral: {
        eventType: 'MI',
        eventDate: addDays(referredOn, -7),
        employmentStatus: 'employed',
        occupation: 'Warehouse supervisor',
        employer: 'Calder Logistics',
        jobDemands: ['manual_handling'],
        hoursPerWeek: 37.5,
        fitNoteStatus: 'not_fit',
        contactPreference: 'telephone',
        consent: true,
        notes: 'Anxious about lifting.',
        referredOn,
      },
      referredBy: { aadObjectId: NURSE.aadObjectId, name: NURSE.name },
      ...(status !== 'referred'
        ? { assignedOt: { aadObjectId: otId.aadObjectId, name: otId.name }, acceptedOn: addDays(referredOn, 2) }
        : {}),
      fitNotes: [
        {
          id: `seed-${i}-fn1`,
          status: 'not_fit',
          advice: [],
          startDate: referredOn,
          endDate: addDays(today, (i % 60) - 10),
          recordedAt: now,
          recordedBy: NURSE.aadObjectId,
        },
      ],
      sessions:
        status === 'referred'
          ? []
          : [0, 1].map((k) => ({
              id: `seed-${i}-s${k}`,
              date: addDays(referredOn, 3 + k * 7),
              mode: 'telephone' as const,
              durationMinutes: 30,
              topics: ['fatigue'],
              notes: 'Talked through pacing and the phased return.',
              recordedAt: now,
              recordedBy: { aadObjectId: otId.aadObjectId, name: otId.name },
            })),
      ...(status === 'discharged'
        ? {
            discharge: {
              outcome: 'returned_full' as const,
              date: addDays(referredOn, 50),
              by: { aadObjectId: otId.aadObjectId, name: otId.name },
              recordedAt: now,
            },
          }
        : {}),
      createdAt: new Date(Date.parse(now) - (n - i) * 60_000).toISOString(),
      updatedAt: now,
    };
    await store.cases.create(record);
    if (mine) otCases.push(record.id);
    refs.push(ref);
    nhs.push(nhsNumber);
    names.push(name);
  }
  return { otCases, refs, nhs, names, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  // Local mode (the store embedded in this process), or BENCH_COSMOS_ENDPOINT: the store in another process.
  const endpoint = process.env.BENCH_COSMOS_ENDPOINT ? { COSMOS_ENDPOINT: process.env.BENCH_COSMOS_ENDPOINT } : {};
  const config = loadConfig({
    PORT: '0',
    PLAYGROUND: '0',
    LOG_LEVEL: 'info',
    DEFAULT_SERVICE_ID: 'mid-yorkshire',
    BOOTSTRAP_LEADS: LEAD.aadObjectId,
    ...endpoint,
  });
  // Logs at the production level, written to /dev/null: serialising them is part of a turn's cost.
  const app = await startApp(config, {
    log: createLogger(config.logLevel, pino.destination('/dev/null')),
    digest: { timer: false },
  });
  const echo = await startEchoBot();
  const timing = timeStore(app.store);
  let profiler: Session | undefined;

  process.on('message', async (msg: any) => {
    const reply = (data: unknown) => process.send!({ id: msg.id, data });
    try {
      switch (msg.cmd) {
        case 'seed':
          reply(await seed(app, msg.n));
          break;
        case 'stats-reset':
          timing.reset();
          reply(true);
          break;
        case 'stats': {
          const m = process.memoryUsage();
          reply({ store: timing.snapshot(), rssMb: Number(mb(m.rss)), heapUsedMb: Number(mb(m.heapUsed)) });
          break;
        }
        case 'profile-start':
          profiler = new Session();
          profiler.connect();
          await profiler.post('Profiler.enable');
          await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
          await profiler.post('Profiler.start');
          reply(true);
          break;
        case 'profile-stop': {
          const { profile } = (await profiler!.post('Profiler.stop')) as { profile: any };
          profiler!.disconnect();
          fs.writeFileSync(msg.file, JSON.stringify(profile));
          reply(summariseProfile(profile));
          break;
        }
        case 'stop':
          await echo.stop();
          await app.stop();
          reply(true);
          process.exit(0);
      }
    } catch (e) {
      process.send!({ id: msg.id, error: String((e as Error)?.stack ?? e) });
    }
  });
  // The parent gone (finished or killed): stop too, never linger holding its ports and pipes.
  process.on('disconnect', () => process.exit(0));
  process.send!({ id: 0, data: { botUrl: app.url, echoUrl: echo.url } });
}

void main();
