import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock';
import { todayIn, type IsoDate } from '../domain/dates';
import type { Role } from '../domain/roles';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { DigestSettings } from './digest';
import type { FileVault } from './downloads';
import type { FileConsents } from './fileConsent';
import type { Notifier } from './notifier';
import type { BackgroundTasks } from './background';

/** The person acting, as the staff directory knows them. Every use case takes one. */
export interface Actor {
  aadObjectId: string;
  name: string;
  role: Role;
  serviceId: string;
}

/** What every use case may use: storage, the time, the service's zone and a log without patient data. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  /** The service's zone: "today" and every date are read in it (Europe/London by default). */
  timezone: string;
  log: Logger;
  /** Proactive messages to staff (new referrals, digests). */
  notifier?: Notifier;
  newId?: () => string;
  /** Daily digest settings (DIGEST_WINDOW_DAYS, holidays) for the handlers that show a digest. */
  digest?: DigestSettings;
  /** One-time download links (GET /files/<id>); set by the app once it knows its address. */
  files?: FileVault;
  /** Pending Teams file consents; absent where the app was started without them. */
  fileConsents?: FileConsents;
  /** Work started by a turn and not awaited by it (new-referral alerts); the app waits for it on stop. */
  background?: BackgroundTasks;
}

export function today(deps: ServiceDeps): IsoDate {
  return todayIn(deps.timezone, deps.clock.now());
}

export function nowIso(deps: ServiceDeps): string {
  return deps.clock.now().toISOString();
}

export function newId(deps: ServiceDeps): string {
  return (deps.newId ?? randomUUID)();
}
