import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from './config';
import { systemClock, type Clock } from './domain/clock';
import { createHttpServer } from './http/server';
import { createLogger, type Logger } from './log';
import type { ServiceDeps, StoreDeps } from './services/core/context';
import { cardPresenter } from './cards/presenter';
import { ENGLAND_AND_WALES } from './domain/workingDays';
import { bootstrapLeads } from './services/staff/staff';
import { EMULATOR_KEY, startEmbeddedCosmos, type EmbeddedCosmos } from './store/embeddedCosmos';
import { openStore } from './store';
import type { Store } from './store/types';
import { createAdapter, type AdapterSettings } from './teams/adapter';
import { RehabBot } from './teams/bot';
import { ConversationKeeper } from './teams/conversations';
import { startRetentionJob } from './scheduler/retention';
import { TeamsNotifier, type RetryPolicy } from './teams/notifier';
import { DigestScheduler, type DigestSchedulerOptions } from './scheduler/digestScheduler';
import { digestRoute } from './http/digestRoute';
import { startLocalExtras } from './dev/local';
import { FileVault } from './services/files/downloads';
import { filesRoute } from './http/filesRoute';
import { messagesHeadRoute } from './http/messagesHead';
import { FileConsents } from './services/files/fileConsent';
import { BackgroundTasks } from './services/core/background';
import { AlertOutbox, type AlertOutboxOptions } from './scheduler/alertOutbox';
import { backfillOpenCaseClaims } from './services/referrals/openCaseClaims';
import { ALERT_LEASE_MS } from './services/referrals/alerts';

export interface AppOptions {
  clock?: Clock;
  log?: Logger;
  /** Test seam for inbound-auth settings (loopback OpenID metadata); see teams/adapter.ts. */
  adapterExtra?: AdapterSettings['extra'];
  /**
   * Daily digest scheduler. Its timer runs by default only with the real clock: a test that injects
   * a clock drives `app.digest.tick()` itself (or sets `timer: true`).
   */
  digest?: Partial<
    Pick<DigestSchedulerOptions, 'timer' | 'catchUpUntil' | 'holder' | 'leaseTtlMs' | 'beforeLead' | 'maxSleepMs'>
  >;
  /** Proactive-send retry (tests make the waits instant). */
  notifierRetry?: Partial<RetryPolicy>;
  /** How long /readyz reuses one store check (default 5 s; tests of an outage set 0). */
  readyCacheMs?: number;
  /**
   * The owed-alert sweep (start-up, then every minute). Its timer runs by default only with the real
   * clock: a test that injects a clock calls `app.outbox.sweep()` itself (or sets `timer: true`).
   */
  outbox?: Partial<Pick<AlertOutboxOptions, 'timer' | 'everyMs' | 'itemLeaseMs'>>;
}

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  deps: ServiceDeps;
  /** The download links and the pending file consents this instance holds. */
  files: FileVault;
  consents: FileConsents;
  embeddedCosmos?: EmbeddedCosmos;
  digest: DigestScheduler;
  /** Delivers new-referral alerts still owed, from any instance. */
  outbox: AlertOutbox;
  /** The retention purge (one instance at a time, under a lease). */
  retention: { runOnce(): Promise<'ran' | 'busy'> };
  stop(): Promise<void>;
}

/** Which credential reaches Cosmos: a key when given, else managed identity (never for local emulators). */
export function cosmosCredentialChoice(config: Config): 'key' | 'managed-identity' {
  return config.cosmos.key || !config.cosmos.endpoint || config.cosmos.local ? 'key' : 'managed-identity';
}

/** Builds and starts the whole bot: store → services → bot → HTTP. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;

  let embeddedCosmos: EmbeddedCosmos | undefined;
  let endpoint = config.cosmos.endpoint;
  let key = config.cosmos.key;
  if (!endpoint) {
    embeddedCosmos = await startEmbeddedCosmos();
    endpoint = embeddedCosmos.endpoint;
    key = embeddedCosmos.key;
    log.warn(
      { event: 'store.embedded', endpoint },
      'LOCAL MODE: no COSMOS_ENDPOINT, so an embedded Cosmos-protocol server holds the data in memory only; it is lost when the bot stops',
    );
  }
  const useKey = cosmosCredentialChoice({ ...config, cosmos: { ...config.cosmos, endpoint, key } }) === 'key';
  const store = await openStore({
    endpoint,
    databaseId: config.cosmos.database,
    // A local emulator started without a key takes the emulator's well-known one.
    key: useKey ? (key ?? EMULATOR_KEY) : undefined,
    credential: useKey ? undefined : new DefaultAzureCredential(),
    acceptSelfSignedCertificate: config.cosmos.local,
  });

  const adapter = createAdapter({ ...config.auth, extra: options.adapterExtra }, log);
  const conversations = new ConversationKeeper(store.conversations, log, store.jobs);
  const notifier = new TeamsNotifier(
    adapter,
    config.auth.appId ?? '',
    store.conversations,
    conversations,
    log,
    options.notifierRetry,
  );
  const storeDeps: StoreDeps = { store, clock, timezone: config.digest.timezone, log, newId: randomUUID };
  const files = new FileVault(storeDeps, { baseUrl: config.publicBaseUrl });
  // Uploads to a loopback "OneDrive" only when no real Teams can reach the bot (inbound authentication off).
  const consents = new FileConsents(storeDeps, { allowLoopbackUpload: !config.authenticationEnabled });
  const background = new BackgroundTasks();
  // Built once, here: every field a use case may use (services/core/context.ts).
  const deps: ServiceDeps = {
    ...storeDeps,
    notifier,
    present: cardPresenter,
    // Each service's bank holidays follow its division (SERVICE_DIVISIONS; England and Wales by default).
    digest: { windowDays: config.digest.windowDays, holidays: ENGLAND_AND_WALES, divisions: config.serviceDivisions },
    files,
    background,
    fhirIdentifierBase: config.fhirIdentifierBase,
    alertLeaseMs: options.outbox?.itemLeaseMs ?? ALERT_LEASE_MS,
    serviceNames: config.serviceNames,
  };
  // Staff kept per service by an older bot move into the one-document-per-person directory (idempotent).
  const movedStaff = await store.staff.migrate();
  if (movedStaff > 0) log.info({ event: 'staff.migrated', moved: movedStaff }, 'staff moved into the directory');
  await bootstrapLeads(deps, config.defaultServiceId, config.bootstrapLeads);
  const digest = new DigestScheduler({
    deps,
    time: config.digest.time,
    catchUpUntil: config.digest.catchUpUntil,
    ...options.digest,
    timer: options.digest?.timer ?? options.clock === undefined,
  });

  const outbox = new AlertOutbox({
    deps,
    holder: digest.holder,
    ...options.outbox,
    timer: options.outbox?.timer ?? options.clock === undefined,
  });

  const bot = new RehabBot({ deps, consents, conversations, allowedTenantIds: config.allowedTenantIds, log });
  const server = createHttpServer({
    messages: (req, res) => adapter.serve(req, res, (context) => bot.run(context)),
    ready: () => store.ping(),
    readyCacheMs: options.readyCacheMs,
    log,
    routes: [
      digestRoute({ token: config.digest.triggerToken, run: () => digest.runNow('http'), log }),
      filesRoute({ vault: files, log }),
      messagesHeadRoute(),
    ],
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  if (!config.publicBaseUrl) files.setBaseUrl(url);
  files.startPurging();
  consents.startPurging();
  if (!config.authenticationEnabled) {
    log.warn(
      { event: 'auth.off', host: config.host },
      'LOCAL MODE: no MicrosoftAppId, so inbound authentication is OFF; listening on loopback only',
    );
  }
  log.info(
    { event: 'started', url, store: embeddedCosmos ? 'embedded' : 'cosmos' },
    `bot listening on ${url}/api/messages`,
  );
  const stopLocalExtras = await startLocalExtras(config, deps, url, log);
  // Cases opened before open-case claims existed get theirs (once per store, whichever instance is first).
  await backfillOpenCaseClaims(deps, digest.holder).catch((e) =>
    log.warn(
      { event: 'backfill.open_case_claims_failed', error: (e as Error)?.name },
      'open-case claim back-fill failed; the next start-up tries again',
    ),
  );
  digest.start();
  outbox.start();
  const retention = startRetentionJob(deps, config.retentionYears, log, { holder: digest.holder });

  return {
    url,
    port,
    store,
    deps,
    files,
    consents,
    embeddedCosmos,
    digest,
    outbox,
    retention,
    async stop() {
      await digest.stop();
      await outbox.stop();
      retention.stop();
      files.stop();
      consents.stop();
      await stopLocalExtras();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Alerts already under way are sent (or given up) before the store goes.
      await background.idle();
      store.dispose();
      await embeddedCosmos?.stop();
    },
  };
}
