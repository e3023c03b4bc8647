import type { CaseRecord } from '../domain/case';
import type { StaffMember } from '../domain/staff';

/** What the services need from storage. Cosmos implements it; unit tests may fake it. */
export type Stored<T> = T & { _etag: string };

export interface CaseScope {
  serviceId: string;
  /** Set for nurses: only the cases they referred. */
  referredBy?: string;
}

export type CaseCriterion = { kind: 'ref'; ref: string } | { kind: 'nhsNumber'; nhsNumber: string } | { kind: 'name'; nameKey: string };

export interface CaseRepository {
  get(serviceId: string, id: string): Promise<Stored<CaseRecord> | null>;
  /** Throws AlreadyExistsError when the id is taken (an idempotent retry). */
  create(record: CaseRecord): Promise<Stored<CaseRecord>>;
  /** Throws StaleWriteError when `etag` is no longer current. */
  replace(record: CaseRecord, etag: string): Promise<Stored<CaseRecord>>;
  find(scope: CaseScope, criterion: CaseCriterion, limit: number): Promise<Stored<CaseRecord>[]>;
  /** Open cases (referred or active) of one service, oldest reference first; only one OT's when `assignedOt` is set. */
  listOpen(serviceId: string, opts?: { assignedOt?: string; limit?: number }): Promise<Stored<CaseRecord>[]>;
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
  listForCase(serviceId: string, caseId: string, limit: number): Promise<AuditEntry[]>;
}

export interface CounterRepository {
  /** The next number of a named sequence in a service; safe under concurrent callers. */
  next(serviceId: string, name: string): Promise<number>;
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
  get(aadObjectId: string): Promise<StoredConversation | null>;
  remove(aadObjectId: string): Promise<void>;
}

export interface Store {
  cases: CaseRepository;
  staff: StaffRepository;
  audit: AuditRepository;
  counters: CounterRepository;
  conversations: ConversationRepository;
  ping(): Promise<boolean>;
  dispose(): void;
}
