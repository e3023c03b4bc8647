import { randomUUID } from 'node:crypto';
import { cardPresenter } from '../../src/cards/presenter';
import { FixedClock } from '../../src/domain/clock';
import { ENGLAND_AND_WALES } from '../../src/domain/workingDays';
import { createLogger } from '../../src/log';
import { BackgroundTasks } from '../../src/services/core/background';
import type { ServiceDeps, StoreDeps } from '../../src/services/core/context';
import type { CardJson, Notifier, Recipient, SendReceipt, SendResult } from '../../src/services/core/ports';
import { FileVault } from '../../src/services/files/downloads';
import { ALERT_LEASE_MS } from '../../src/services/referrals/alerts';
import { openStore } from '../../src/store';
import type { Store } from '../../src/store/types';
import { sharedCosmos, uniqueDatabase } from './sharedCosmos';

/** The day most tests live on: Wednesday 25 November 2026, 10:00 in London. */
export const TEST_NOW = new Date('2026-11-25T10:00:00Z');

/** A notifier that keeps what it was asked to send or update and answers `result` (default: sent). */
export class RecordingNotifier implements Notifier {
  readonly sent: { to: Recipient; card: CardJson }[] = [];
  readonly updated: { to: Recipient; activityId: string; card: CardJson }[] = [];
  result: SendResult = 'sent';

  async sendCard(to: Recipient, card: CardJson): Promise<SendReceipt> {
    this.sent.push({ to, card });
    return { result: this.result, ...(this.result === 'sent' ? { activityId: `sent-${this.sent.length}` } : {}) };
  }

  async updateCard(to: Recipient, activityId: string, card: CardJson): Promise<SendResult> {
    this.updated.push({ to, activityId, card });
    return this.result;
  }
}

/**
 * Everything a use case needs, around `store`: a fixed clock, the service's zone, a silent log, the
 * real card presenter and file vault, and a recording notifier. Tests override what they look at.
 */
export function depsFor(store: Store, overrides: Partial<ServiceDeps> = {}): ServiceDeps {
  const base: StoreDeps = {
    store,
    clock: overrides.clock ?? new FixedClock(TEST_NOW),
    timezone: overrides.timezone ?? 'Europe/London',
    log: overrides.log ?? createLogger('silent'),
    newId: overrides.newId ?? randomUUID,
  };
  return {
    ...base,
    notifier: new RecordingNotifier(),
    present: cardPresenter,
    digest: { windowDays: 7, holidays: ENGLAND_AND_WALES, divisions: {} },
    files: new FileVault(base, { baseUrl: 'https://bot.test' }),
    background: new BackgroundTasks(),
    fhirIdentifierBase: 'https://fhir.mid-yorkshire.example.nhs.uk',
    alertLeaseMs: ALERT_LEASE_MS,
    serviceNames: {},
    ...overrides,
  };
}

/** The database each store of `embeddedDeps` uses, to read it back with `test/support/storeInspect.ts`. */
export const databaseOf = new WeakMap<Store, string>();

/** `depsFor` on a fresh database of the run's embedded Cosmos-protocol server, through the real SDK. */
export async function embeddedDeps(overrides: Partial<ServiceDeps> = {}): Promise<ServiceDeps> {
  const cosmos = await sharedCosmos();
  const databaseId = uniqueDatabase('usecase');
  const store = await openStore({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseId,
    acceptSelfSignedCertificate: true,
  });
  databaseOf.set(store, databaseId);
  return depsFor(store, overrides);
}
