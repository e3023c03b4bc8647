import type { CaseRecord } from '../domain/case';
import type { StaffMember } from '../domain/staff';

/** What the services need from storage. Cosmos implements it; unit tests may fake it. */
export type Stored<T> = T & { _etag: string };

export interface CaseScope {
  serviceId: string;
  /** Set for nurses: only the cases they referred. */
  referredBy?: string;
}

export type CaseCriterion =
  | { kind: 'ref'; ref: string }
  | { kind: 'nhsNumber'; nhsNumber: string }
  | { kind: 'name'; nameKey: string };

export interface CaseRepository {
  get(serviceId: string, id: string): Promise<Stored<CaseRecord> | null>;
  /** Throws AlreadyExistsError when the id is taken (an idempotent retry). */
  create(record: CaseRecord): Promise<Stored<CaseRecord>>;
  /** Throws StaleWriteError when `etag` is no longer current. */
  replace(record: CaseRecord, etag: string): Promise<Stored<CaseRecord>>;
  find(scope: CaseScope, criterion: CaseCriterion, limit: number): Promise<Stored<CaseRecord>[]>;
  /** Open cases (referred or active) of one service, oldest reference first; only one OT's when `assignedOt` is set. */
  /** Ids of the open cases (referred or active), oldest first; only an OT's when `assignedOt` is given. */
  listOpenIds(serviceId: string, opts?: { assignedOt?: string; limit?: number }): Promise<string[]>;
  /** The cases of these ids in this order (any no longer there left out): one request for a page. */
  getMany(serviceId: string, ids: readonly string[]): Promise<Stored<CaseRecord>[]>;
  /**
   * For the digest: open cases, plus cases referred or discharged on or after `since` (YYYY-MM-DD),
   * plus discharged cases whose next follow-up (`followUpDue`) falls on or before `followUpsBy`.
   */
  listForDigest(serviceId: string, since: string, followUpsBy?: string): Promise<Stored<CaseRecord>[]>;
  /** Every case of one service, page by page through the store's continuation tokens (stats, export). */
  listAll(serviceId: string): Promise<Stored<CaseRecord>[]>;
  /**
   * Every service holding a discharged case (retention walks these). From the cases themselves, so
   * a service whose staff have all left is still purged on time.
   */
  serviceIdsWithDischarged(): Promise<string[]>;
  /** Discharged cases whose discharge date is before `before` (YYYY-MM-DD): what retention removes. */
  listDischargedBefore(serviceId: string, before: string): Promise<Stored<CaseRecord>[]>;
  /** Removes a case with everything in it (sessions, fit notes, plan). Only retention calls this. */
  delete(serviceId: string, id: string): Promise<boolean>;
}

export interface StaffRepository {
  /** Identity look-up across services: a person belongs to exactly one. */
  findByAadObjectId(aadObjectId: string): Promise<StaffMember | null>;
  list(serviceId: string): Promise<StaffMember[]>;
  save(member: StaffMember): Promise<void>;
  remove(serviceId: string, aadObjectId: string): Promise<boolean>;
}

export interface AuditEntry {
  id: string;
  serviceId: string;
  at: string;
  actor: string;
  action: string;
  outcome: 'ok' | 'refused' | 'invalid' | 'duplicate' | 'conflict' | 'not_found' | 'error';
  caseId?: string;
  caseRef?: string;
  /** Machine-readable detail only (field names, counts, reasons as codes): never patient text. */
  detail?: Record<string, string | number | boolean | string[]>;
}

/** Append-only: there is deliberately no update or delete. */
export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  /** Several entries of one service in as few requests as the store allows; rejects if any is not written. */
  appendMany(serviceId: string, entries: readonly AuditEntry[]): Promise<void>;
  listForCase(serviceId: string, caseId: string, limit: number): Promise<AuditEntry[]>;
}

export interface CounterRepository {
  /** The next number of a named sequence in a service; safe under concurrent callers. */
  next(serviceId: string, name: string): Promise<number>;
  /**
   * A random secret of a service, made on first use and kept (e.g. the key of its export pseudonyms);
   * concurrent first callers all get the one that was stored.
   */
  secret(serviceId: string, name: string): Promise<string>;
}

/** A Teams conversation reference kept per person, for proactive messages. */
export interface StoredConversation {
  id: string; // the person's aadObjectId
  serviceId: string;
  reference: Record<string, unknown>;
  updatedAt: string;
}

export interface ConversationRepository {
  save(conversation: StoredConversation): Promise<void>;
  /** `serviceId`, when the caller knows the person's service, makes this a point read. */
  get(aadObjectId: string, serviceId?: string): Promise<StoredConversation | null>;
  remove(aadObjectId: string): Promise<void>;
}

/** A scheduler lease: the one instance allowed to run a job until `expiresAt`. */
export interface Lease {
  id: string;
  name: string;
  holder: string;
  expiresAt: string;
}

/** One lead's digest on one day: claimed before sending, so a crash or a second instance never sends twice. */
export interface DeliveryRecord {
  id: string; // digest:<date>:<aadObjectId>
  serviceId: string;
  kind: 'digest.delivery';
  date: string;
  aadObjectId: string;
  state: 'sending' | 'sent' | 'skipped';
  /** Why skipped: no_reference, gone (403), interrupted (a crash while sending). */
  reason?: string;
  holder: string;
  at: string;
}

export interface JobRepository {
  /** True when `holder` now holds the lease (new, expired, or already its own); etag-guarded. */
  acquireLease(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string, now: Date): Promise<void>;
  /** Creates the record; false when it already exists (someone claimed this lead today). */
  claimDelivery(record: DeliveryRecord): Promise<boolean>;
  getDelivery(serviceId: string, id: string): Promise<DeliveryRecord | null>;
  saveDelivery(record: DeliveryRecord): Promise<void>;
  /** Gives a claim back (the send failed for now), so that a later run may try again today. */
  releaseDelivery(serviceId: string, id: string): Promise<void>;
  listDeliveries(serviceId: string, date: string): Promise<DeliveryRecord[]>;
}

/** The leads of every service (the digest's recipients): a staff look-up, never patient data. */
export interface LeadDirectory {
  listLeads(): Promise<StaffMember[]>;
}

export interface Store {
  jobs: JobRepository;
  leads: LeadDirectory;
  cases: CaseRepository;
  staff: StaffRepository;
  audit: AuditRepository;
  counters: CounterRepository;
  conversations: ConversationRepository;
  ping(): Promise<boolean>;
  dispose(): void;
}
