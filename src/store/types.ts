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

/**
 * The one open case of a patient in a service (CONTRACT §8), as a document whose id is the unique key
 * (service partition + a hash of the NHS number): a second create answers 409, so two referrals racing
 * on any number of instances make one open case. Written with the case, released when it closes.
 */
export interface OpenCaseClaim {
  id: string;
  serviceId: string;
  kind: 'claim.open-case';
  caseId: string;
  at: string;
}

/**
 * The next case reference of a service as read now (CaseRepository.peekRef): the number, and the
 * counter's etag so that the write taking it fails if another referral took it first.
 */
export interface ReferenceReservation {
  number: number;
  /** Absent when the service's counter document does not exist yet: the write creates it. */
  etag?: string;
}

/** One recipient of an owed alert, and how far their delivery got. */
export interface OutboxRecipient {
  aadObjectId: string;
  /** `sending`: handed to Teams by `holder`; if that holder dies, it is sent again (see alerts.ts). */
  state: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
  /** Why skipped or failed: no_reference, gone (403/404), gave_up. */
  reason?: string;
  attempts: number;
  at?: string;
}

/**
 * Work owed to people after a write (the new-referral alert), written in the same transactional batch
 * as the case, in its partition, so that it is owed exactly when the case exists. Any instance delivers
 * it (services/referrals/alerts.ts); the item is deleted once every recipient is done.
 */
export interface OutboxItem {
  id: string; // alert:<caseId>
  serviceId: string;
  kind: 'outbox.referral-alert';
  caseId: string;
  caseRef: string;
  createdAt: string;
  /** Not before this time (ISO): back-off after a failed attempt. */
  dueAt: string;
  /** Whole delivery attempts so far. */
  attempts: number;
  /** The instance working on it until `leaseUntil` (etag-guarded claim); others leave it alone till then. */
  holder?: string;
  leaseUntil?: string;
  /** Fixed at the first attempt (the service's OTs and leads then). */
  recipients?: OutboxRecipient[];
}

/** A recipient's copy of a delivered alert: the activity id Teams gave its message. */
export interface AlertMessage {
  aadObjectId: string;
  activityId: string;
}

/**
 * Where a new-referral alert was delivered (`alert-messages:<caseId>`, beside the case, in its
 * partition), so that accepting or declining the referral can update everyone's message in place for
 * clients that do not refresh the card. Kept apart from the owed alert, which is removed once
 * delivered. Ids only, no patient data.
 */
export interface AlertMessages {
  id: string;
  serviceId: string;
  kind: 'outbox.referral-alert-messages';
  caseId: string;
  caseRef: string;
  messages: AlertMessage[];
  updatedAt: string;
}

export interface OutboxRepository {
  /** Due items of every service (`dueAt` and any lease past `now`), oldest first: ids and references only. */
  listDue(now: string, limit: number): Promise<Stored<OutboxItem>[]>;
  get(serviceId: string, id: string): Promise<Stored<OutboxItem> | null>;
  /** Throws StaleWriteError when `etag` is no longer current (another instance moved it on). */
  replace(item: OutboxItem, etag: string): Promise<Stored<OutboxItem>>;
  /** Done: removed, guarded by the etag (false when someone else changed or removed it first). */
  complete(serviceId: string, id: string, etag: string): Promise<boolean>;
  /** Adds delivered messages to the alert's record (made on first use); a recipient's newer id replaces an older. */
  addAlertMessages(
    serviceId: string,
    caseId: string,
    caseRef: string,
    messages: AlertMessage[],
    at: string,
  ): Promise<void>;
  alertMessages(serviceId: string, caseId: string): Promise<AlertMessages | null>;
  removeAlertMessages(serviceId: string, caseId: string): Promise<boolean>;
}

export interface CaseRepository {
  get(serviceId: string, id: string): Promise<Stored<CaseRecord> | null>;
  /**
   * A raw create without an open-case claim: seeding, demo data and imports only (the start-up back-fill
   * claims what they leave open). Throws AlreadyExistsError when the id is taken.
   */
  create(record: CaseRecord): Promise<Stored<CaseRecord>>;
  /** The claim on this patient's open case in this service, if any (a point read). */
  openCaseClaim(serviceId: string, nhsNumber: string): Promise<Stored<OpenCaseClaim> | null>;
  /**
   * The service's next case reference, read (one point read, nothing written): pass it to `open`,
   * which takes it in the same batch as the case. Case references are a sequence per service.
   */
  peekRef(serviceId: string): Promise<ReferenceReservation>;
  /** Takes the service's next case reference now, by the store's atomic increment (safe under any race). */
  nextRef(serviceId: string): Promise<number>;
  /**
   * Opens a case in one transactional batch: the reference counter moved on to `reference` (when given:
   * the number `record.ref` was made from), the patient's open-case claim (new, or taking over
   * `staleClaim`, one that names a case no longer open), the case, and `outbox` items. Throws
   * ReferenceTakenError when another referral took `reference` first, OpenCaseClaimedError when another
   * case holds the claim, AlreadyExistsError when the case id is taken.
   */
  open(
    record: CaseRecord,
    opts?: { reference?: ReferenceReservation; staleClaim?: Stored<OpenCaseClaim>; outbox?: OutboxItem[] },
  ): Promise<Stored<CaseRecord>>;
  /**
   * Throws StaleWriteError when `etag` is no longer current. A case written as closed (declined,
   * discharged) gives back its open-case claim in the same batch.
   */
  replace(record: CaseRecord, etag: string): Promise<Stored<CaseRecord>>;
  /**
   * Back-fill: claims for the open cases of one service that have none (cases opened before claims),
   * oldest first; idempotent and safe on several instances. Returns how many claims were made.
   */
  claimOpenCases(serviceId: string): Promise<number>;
  /** Every service holding any case (the back-fill walks these): service ids only. */
  serviceIds(): Promise<string[]>;
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
   * Every service holding a closed case, discharged or declined (retention walks these). From the cases
   * themselves, so a service whose staff have all left is still purged on time.
   */
  serviceIdsWithClosed(): Promise<string[]>;
  /**
   * Closed cases closed before `before` (YYYY-MM-DD): discharged by discharge date, declined referrals by
   * the date of the decline. What retention removes.
   */
  listClosedBefore(serviceId: string, before: string): Promise<Stored<CaseRecord>[]>;
  /** Removes a case with everything in it (sessions, fit notes, plan). Only retention calls this. */
  delete(serviceId: string, id: string): Promise<boolean>;
}

/** `other_service`: the person belongs to another service, and nothing was written. */
export type StaffSaveResult = 'saved' | 'other_service';

/**
 * The staff directory: one document per person keyed by their AAD object id, so the store itself keeps
 * a person in at most one service. Nothing is cached: every turn reads it (one point read), so a removal
 * or role change applies to the next turn on every instance.
 */
export interface StaffRepository {
  /** Identity look-up: one point read; a person belongs to exactly one service. */
  findByAadObjectId(aadObjectId: string): Promise<StaffMember | null>;
  list(serviceId: string): Promise<StaffMember[]>;
  /** Adds or changes a person of `member.serviceId` (create, or replace guarded by the etag). */
  save(member: StaffMember): Promise<StaffSaveResult>;
  /** Removes the person from `serviceId` only (guarded by the etag); false when not there. */
  remove(serviceId: string, aadObjectId: string): Promise<boolean>;
  /** Moves staff documents of the old per-service layout into the directory; idempotent. */
  migrate(): Promise<number>;
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
  /** Removes references kept in `serviceId`'s partition not updated since `before` (ISO); how many. */
  purgeStale(serviceId: string, before: string): Promise<number>;
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

/** One daily list (lead digest, OT my day) to one person on one day: claimed before sending, so a crash or a second instance never sends twice. */
export interface DeliveryRecord {
  id: string; // digest:<date>:<aadObjectId>
  serviceId: string;
  kind: 'digest.delivery' | 'myday.delivery';
  date: string;
  aadObjectId: string;
  state: 'sending' | 'sent' | 'skipped';
  /** Why skipped: no_reference, gone (403), interrupted (a crash while sending). */
  reason?: string;
  holder: string;
  at: string;
}

export interface JobRepository {
  /** One-off work (a back-fill) recorded as finished, so that later start-ups skip it. */
  isDone(name: string): Promise<boolean>;
  markDone(name: string, at: string): Promise<void>;
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
  /** The OTs of every service (the "my day" list's recipients). */
  listOts(): Promise<StaffMember[]>;
}

/** What a held file is, without its body: enough to serve it and to audit a late attempt. */
export interface HeldFileInfo {
  kind: 'employer-report' | 'export' | 'fhir';
  filename: string;
  contentType: string;
  bytes: number;
  caseId?: string;
  caseRef?: string;
}

/**
 * A file handed out once (a download link or a Teams file consent), kept in the store so that any
 * instance serves it (CONTRACT §6, §8). Its body is kept in parts beside it (Cosmos items are at most
 * 2 MB). `state` moves from `held` once, guarded by the etag, so two instances cannot both hand it out.
 */
export interface HeldFile {
  id: string; // <purpose>:<random id>
  serviceId: string; // FILES_PARTITION
  kind: 'file.head';
  purpose: 'link' | 'consent';
  state: 'held' | 'used' | 'declined' | 'expired';
  /** The service and the person who asked for it: audits are written there. */
  ownerService: string;
  owner: string;
  file: HeldFileInfo;
  parts: number;
  expiresAt: string;
  /** When even the record that it existed is purged (a late attempt is told apart until then). */
  forgetAt: string;
}

export interface FileRepository {
  /** Keeps `body` in parts, then the file's record; throws FileTooLargeError beyond the store's limit. */
  hold(file: Omit<HeldFile, 'serviceId' | 'kind' | 'parts' | 'state'>, body: Buffer): Promise<void>;
  get(id: string): Promise<Stored<HeldFile> | null>;
  /**
   * Moves a held file on to `state` (used, declined, expired), guarded by its etag; with `withBody`,
   * returns the body read before the move. Null when another instance moved it first. Drops the body.
   */
  settle(
    file: Stored<HeldFile>,
    state: Exclude<HeldFile['state'], 'held'>,
    withBody: boolean,
  ): Promise<{ body?: Buffer } | null>;
  /** Expired files lose their body; records past `forgetAt` go. Returns how many documents changed. */
  purge(now: string): Promise<number>;
  /** Files still held (not used, declined or expired) of one purpose: for tests and health. */
  countHeld(purpose: HeldFile['purpose'], now: string): Promise<number>;
}

export interface Store {
  jobs: JobRepository;
  files: FileRepository;
  outbox: OutboxRepository;
  leads: LeadDirectory;
  cases: CaseRepository;
  staff: StaffRepository;
  audit: AuditRepository;
  counters: CounterRepository;
  conversations: ConversationRepository;
  ping(): Promise<boolean>;
  dispose(): void;
}
