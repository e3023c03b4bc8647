import type { Clock } from '../../domain/clock';
import { todayIn, type IsoDate } from '../../domain/dates';
import type { DigestSettings } from '../../domain/digest';
import { serviceName, type ServiceNames } from '../../domain/serviceName';
import { divisionOf, holidaysOf, type BankHolidays, type ServiceDivisions } from '../../domain/workingDays';
import type { Logger } from '../../log';
import type { Store } from '../../store/types';
import type { BackgroundTasks } from './background';
import type { FileOffers, Notifier, Presenter } from './ports';

export type { Actor } from './actor';

/**
 * Everything a use case may use. Every field is required: `src/app.ts` builds it once for the bot
 * (each default lives there or in `src/config.ts`), and `test/support/deps.ts` builds it for tests.
 */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  /** The service's zone: "today" and every date are read in it (Europe/London by default). */
  timezone: string;
  log: Logger;
  newId: () => string;
  /** Proactive messages to staff (new referrals, digests). */
  notifier: Notifier;
  /** Cards and PDFs a use case must draw before it sends or audits them. */
  present: Presenter;
  /**
   * The digest window (DIGEST_WINDOW_DAYS); `holidays`: the bank holidays of a service in England and
   * Wales (the default division); `divisions`: each other service's division (SERVICE_DIVISIONS).
   * Ask `serviceHolidays(deps, serviceId)` for a service's own list.
   */
  digest: DigestSettings & { divisions: ServiceDivisions };
  /** One-time download links (GET /files/<id>). */
  files: FileOffers;
  /** Work started by a turn and not awaited by it (new-referral alerts); the app waits for it on stop. */
  background: BackgroundTasks;
  /** The https namespace of the service's own identifiers in FHIR exports (FHIR_IDENTIFIER_BASE). */
  fhirIdentifierBase: string;
  /**
   * How long an instance may work on an owed alert before another takes it over: what a process that
   * dies mid-delivery delays it by (ALERT_LEASE_MS, 5 minutes; tests shorten it).
   */
  alertLeaseMs: number;
  /** Services' display names (SERVICE_NAMES): ask `serviceName(id, deps.serviceNames)`. */
  serviceNames: ServiceNames;
}

/** What the audit trail and store-only jobs need (scripts, retention, demo data): no Teams, no cards. */
export type StoreDeps = Pick<ServiceDeps, 'store' | 'clock' | 'timezone' | 'log' | 'newId'>;

export function today(deps: Pick<ServiceDeps, 'timezone' | 'clock'>): IsoDate {
  return todayIn(deps.timezone, deps.clock.now());
}

/** The bank holidays of a service's own division (Scotland and Northern Ireland have their own). */
export function serviceHolidays(deps: Pick<ServiceDeps, 'digest'>, serviceId: string): BankHolidays {
  const division = divisionOf(serviceId, deps.digest.divisions);
  return Object.hasOwn(deps.digest.divisions, serviceId) ? holidaysOf(division) : deps.digest.holidays;
}

export function nowIso(deps: Pick<ServiceDeps, 'clock'>): string {
  return deps.clock.now().toISOString();
}

export function newId(deps: Pick<ServiceDeps, 'newId'>): string {
  return deps.newId();
}

/** A service's name as cards show it (SERVICE_NAMES, else its id made readable). */
export function serviceNameOf(deps: Pick<ServiceDeps, 'serviceNames'>, serviceId: string): string {
  return serviceName(serviceId, deps.serviceNames);
}
