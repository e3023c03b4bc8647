import { randomUUID } from 'node:crypto';
import { strict as assert } from 'node:assert';
import type { CaseRecord } from '../../src/domain/case';
import { addMonths } from '../../src/domain/dates';
import { FixedClock } from '../../src/domain/clock';
import type { Role } from '../../src/domain/roles';
import type { StaffMember } from '../../src/domain/staff';
import type { Actor, ServiceDeps } from '../../src/services/core/context';
import type { Outcome } from '../../src/services/core/outcome';
import type { FileToOffer, OfferedFile } from '../../src/services/core/ports';
import { FileVault } from '../../src/services/files/downloads';
import { openStore } from '../../src/store';
import type { AuditEntry, Stored } from '../../src/store/types';
import type { TestUser } from './activities';
import { depsFor, RecordingNotifier, TEST_NOW } from './deps';
import { LEAD, NURSE, NURSE2, OT, OT2, OTHER_LEAD } from './people';
import { activeCaseRecord } from './seedCases';
import { sharedCosmos, uniqueDatabase } from './sharedCosmos';
import { allDocs } from './storeInspect';

/**
 * Direct use-case tests (`src/services/** /*.test.ts`): the use case called with a full ServiceDeps on
 * a fresh database of the embedded Cosmos-protocol server, through the real SDK; no HTTP, no botbuilder.
 */

export const SERVICE = 'mid-yorkshire';
export const OTHER_SERVICE = 'calder-valley';

function actorOf(user: TestUser, role: Role, serviceId = SERVICE): Actor {
  return { aadObjectId: user.aadObjectId, name: user.name, role, serviceId };
}

export const lead = actorOf(LEAD, 'lead');
export const ot = actorOf(OT, 'ot');
export const ot2 = actorOf(OT2, 'ot');
export const nurse = actorOf(NURSE, 'nurse');
export const nurse2 = actorOf(NURSE2, 'nurse');
export const otherLead = actorOf(OTHER_LEAD, 'lead', OTHER_SERVICE);

/** One test's world: the deps, and what the test looks at directly (the database, the clock, the notifier). */
export interface World {
  deps: ServiceDeps;
  database: string;
  clock: FixedClock;
  notifier: RecordingNotifier;
  close(): Promise<void>;
}

/** A fresh database with the run's shared embedded server behind a full ServiceDeps (test/support/deps.ts). */
export async function world(overrides: Partial<ServiceDeps> = {}): Promise<World> {
  const cosmos = await sharedCosmos();
  const database = uniqueDatabase('usecase');
  const store = await openStore({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseId: database,
    acceptSelfSignedCertificate: true,
  });
  const clock = new FixedClock(TEST_NOW);
  const notifier = new RecordingNotifier();
  const deps = depsFor(store, { clock, notifier, ...overrides });
  return {
    deps,
    database,
    clock,
    notifier,
    async close() {
      await deps.background.idle();
      store.dispose();
    },
  };
}

/** Puts people on their service's staff list, as a lead's `staff.submit` would. */
export async function addStaff(deps: ServiceDeps, ...actors: Actor[]): Promise<StaffMember[]> {
  const members = actors.map(
    (a): StaffMember => ({
      aadObjectId: a.aadObjectId,
      serviceId: a.serviceId,
      name: a.name,
      role: a.role,
      addedBy: 'test',
      updatedAt: TEST_NOW.toISOString(),
    }),
  );
  for (const m of members) await deps.store.staff.save(m);
  return members;
}

let refSerial = 0;

/**
 * A case written straight to the store: accepted by `ot` (test/support/seedCases.ts) unless
 * `overrides` says otherwise. Ids are card-safe tokens; references are unique within the run.
 */
export async function seedCase(
  deps: ServiceDeps,
  overrides: Partial<CaseRecord> = {},
  serviceId = SERVICE,
): Promise<Stored<CaseRecord>> {
  refSerial += 1;
  const ref = `RTW-${String(refSerial).padStart(4, '0')}`;
  return deps.store.cases.create(activeCaseRecord(serviceId, `case-${randomUUID()}`, ref, overrides));
}

/** A referral nobody has accepted yet, referred by `referrer`. */
export function referred(referrer: Actor = nurse): Partial<CaseRecord> {
  return {
    status: 'referred',
    assignedOt: undefined,
    acceptedOn: undefined,
    referredBy: { aadObjectId: referrer.aadObjectId, name: referrer.name },
  };
}

/** A case discharged on 2026-11-20. */
export function discharged(): Partial<CaseRecord> {
  return {
    status: 'discharged',
    discharge: {
      outcome: 'returned_full',
      date: '2026-11-20',
      by: { aadObjectId: ot.aadObjectId, name: ot.name },
      recordedAt: '2026-11-20T16:00:00.000Z',
    },
  };
}

/**
 * A case discharged with consent to follow-up on `date` (default 2026-08-25: its 3-month follow-up
 * falls on the test's today, 2026-11-25), `followUpDue` kept as the discharge would.
 */
export function dischargedForFollowUp(date = '2026-08-25'): Partial<CaseRecord> {
  return {
    status: 'discharged',
    discharge: {
      outcome: 'returned_phased',
      date,
      workAbility: 6,
      followUpConsent: true,
      by: { aadObjectId: ot.aadObjectId, name: ot.name },
      recordedAt: `${date}T16:00:00.000Z`,
    },
    followUpDue: addMonths(date, 3),
  };
}

/** A referral declined on 2026-11-04. */
export function declined(): Partial<CaseRecord> {
  return {
    ...referred(),
    status: 'declined',
    decline: { reason: 'Not in work', by: { aadObjectId: ot.aadObjectId, name: ot.name }, on: '2026-11-04' },
  };
}

/** The case as stored now. */
export async function reread(
  deps: ServiceDeps,
  record: Pick<CaseRecord, 'serviceId' | 'id'>,
): Promise<Stored<CaseRecord>> {
  const current = await deps.store.cases.get(record.serviceId, record.id);
  assert.ok(current, `case ${record.id} is no longer in the store`);
  return current;
}

/** The case's audit entries (in no particular order: the test clock stands still, so `at` ties). */
export async function caseAudit(
  deps: ServiceDeps,
  record: Pick<CaseRecord, 'serviceId' | 'id'>,
  action?: string,
): Promise<AuditEntry[]> {
  const entries = await deps.store.audit.listForCase(record.serviceId, record.id, 100);
  return entries.filter((e) => !action || e.action === action);
}

/** Every audit entry of the database matching `filter`, including those that name no case (in no order). */
export async function allAudit(w: Pick<World, 'database'>, filter: Partial<AuditEntry> = {}): Promise<AuditEntry[]> {
  const docs: AuditEntry[] = await allDocs(w.database, 'audit');
  return docs.filter((d) => Object.entries(filter).every(([k, v]) => (d as any)[k] === v));
}

/** Narrows an outcome to its kind, failing the test with what came instead. */
export function expectKind<T, K extends Outcome<T>['kind']>(
  outcome: Outcome<T>,
  kind: K,
): Extract<Outcome<T>, { kind: K }> {
  assert.equal(outcome.kind, kind, `expected ${kind}, got ${JSON.stringify(outcome).slice(0, 400)}`);
  return outcome as Extract<Outcome<T>, { kind: K }>;
}

/** The value of an `ok` outcome. */
export function okValue<T>(outcome: Outcome<T>): T {
  return expectKind(outcome, 'ok').value;
}

/** The stored document without the store's own fields, to compare "before" with "after". */
export function contentOf(record: CaseRecord): CaseRecord {
  const { _etag, _ts, _rid, _self, _attachments, ...rest } = record as any;
  void [_etag, _ts, _rid, _self, _attachments];
  return rest;
}

/** What a browser following an offered one-time link gets (the deps' real FileVault, without HTTP). */
export async function download(deps: ServiceDeps, offered: OfferedFile): Promise<FileToOffer> {
  assert.ok(deps.files instanceof FileVault, 'these deps hold files in the real FileVault');
  const token = offered.url.split('/files/')[1];
  assert.ok(token, `not a download link: ${offered.url}`);
  const taken = await deps.files.take(token);
  assert.equal(taken.kind, 'ok', `the link was refused: ${JSON.stringify(taken)}`);
  return (taken as { kind: 'ok'; file: FileToOffer }).file;
}
