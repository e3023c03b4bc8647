import { createHash } from 'node:crypto';
import { BulkOperationType, type Container, type JSONObject, type OperationInput } from '@azure/cosmos';
import { isOpen, type CaseRecord } from '../domain/case';
import { AlreadyExistsError, OpenCaseClaimedError, ReferenceTakenError, StaleWriteError } from './errors';
import {
  batchItems,
  clean,
  createItem,
  deleteItem,
  incrementItem,
  queryAcrossServices,
  queryService,
  readItem,
  replaceItem,
  tryBatch,
} from './query';
import { alertMessagesId } from './cosmosOutbox';
import type {
  CaseCriterion,
  CaseRepository,
  CaseScope,
  OpenCaseClaim,
  OutboxItem,
  ReferenceReservation,
  Stored,
} from './types';

/**
 * The id of a patient's open-case claim in a service's partition: from the NHS number, hashed so that
 * the number itself never appears in a document id (ids travel in request paths and diagnostics). Not
 * anonymous (NHS numbers are few enough to enumerate): it only keeps the plain number out of them.
 */
export function openCaseClaimId(nhsNumber: string): string {
  return `claim:open-case:${createHash('sha256').update(`open-case:${nhsNumber}`).digest('base64url')}`;
}

/** A document as the SDK's batch types want it (they are plain JSON already). */
function json(doc: object): JSONObject {
  return { ...doc } as unknown as JSONObject;
}

/**
 * A service's case reference counter. It lives in the cases container, in the service's partition, so
 * that a referral takes its number in the same transactional batch as its case (one round trip, and a
 * referral refused or lost writes no number). It has no `ref`, so case queries never see it.
 */
interface ReferenceCounter {
  id: typeof REFERENCE_COUNTER_ID;
  serviceId: string;
  kind: 'counter.case-ref';
  value: number;
}

const REFERENCE_COUNTER_ID = 'counter:case-ref';

/** Where the counter was before it moved beside the cases: the counters container, same id and partition. */
const LEGACY_COUNTER_ID = 'counter:case-ref';

/** The counter document is never deleted: an increment after a lost first create always finds it. */
const MAX_COUNTER_ATTEMPTS = 3;

/** Cases only: the container also holds claims, outbox items and the reference counter, which carry no `ref`. */
const CASES_ONLY = 'IS_DEFINED(c.ref)';

const CRITERIA: Record<CaseCriterion['kind'], string> = {
  ref: 'c.ref = @value',
  nhsNumber: 'c.patient.nhsNumber = @value',
  name: 'CONTAINS(c.patient.nameKey, @value)',
};

function criterionValue(c: CaseCriterion): string {
  return c.kind === 'ref' ? c.ref : c.kind === 'nhsNumber' ? c.nhsNumber : c.nameKey;
}

export class CosmosCaseRepository implements CaseRepository {
  /** `legacyCounters`: the counters container, read once per service for where its sequence had got to. */
  constructor(
    private readonly container: Container,
    private readonly legacyCounters: Container,
  ) {}

  async get(serviceId: string, id: string) {
    const doc = await readItem<CaseRecord>(this.container, serviceId, id);
    // A document of another service can never come back: the read is by partition, and we check again.
    return doc && doc.serviceId === serviceId ? clean(doc) : null;
  }

  async create(record: CaseRecord) {
    return clean(await createItem(this.container, record));
  }

  async openCaseClaim(serviceId: string, nhsNumber: string) {
    const doc = await readItem<OpenCaseClaim>(this.container, serviceId, openCaseClaimId(nhsNumber));
    return doc ? clean(doc) : null;
  }

  async peekRef(serviceId: string): Promise<ReferenceReservation> {
    const counter = await readItem<ReferenceCounter>(this.container, serviceId, REFERENCE_COUNTER_ID);
    if (counter) return { number: counter.value + 1, etag: counter._etag };
    return { number: (await this.legacyRefValue(serviceId)) + 1 };
  }

  async nextRef(serviceId: string): Promise<number> {
    for (let attempt = 0; attempt < MAX_COUNTER_ATTEMPTS; attempt++) {
      const incremented = await incrementItem<ReferenceCounter>(
        this.container,
        serviceId,
        REFERENCE_COUNTER_ID,
        '/value',
      );
      if (incremented) return incremented.value;
      const value = (await this.legacyRefValue(serviceId)) + 1;
      try {
        await createItem<ReferenceCounter>(this.container, referenceCounter(serviceId, value));
        return value;
      } catch (e) {
        // A racing first caller created it: increment theirs.
        if (!(e instanceof AlreadyExistsError)) throw e;
      }
    }
    throw new StaleWriteError();
  }

  /** The last number the service's sequence gave before it moved here (0 for a service with none). */
  private async legacyRefValue(serviceId: string): Promise<number> {
    const legacy = await readItem<{ value: number }>(this.legacyCounters, serviceId, LEGACY_COUNTER_ID);
    return typeof legacy?.value === 'number' ? legacy.value : 0;
  }

  async open(
    record: CaseRecord,
    opts: { reference?: ReferenceReservation; staleClaim?: Stored<OpenCaseClaim>; outbox?: OutboxItem[] } = {},
  ) {
    const claim: OpenCaseClaim = {
      id: openCaseClaimId(record.patient.nhsNumber),
      serviceId: record.serviceId,
      kind: 'claim.open-case',
      caseId: record.id,
      at: record.createdAt,
    };
    const { reference, staleClaim: stale } = opts;
    const counter = reference ? referenceCounter(record.serviceId, reference.number) : undefined;
    const ops: OperationInput[] = [
      // The counter first, then the claim: the embedded server stops at the first failure without
      // undoing, so a number taken meanwhile writes nothing, and a lost claim writes no case.
      ...(counter
        ? [
            reference?.etag
              ? ({
                  operationType: BulkOperationType.Replace,
                  id: counter.id,
                  resourceBody: json(counter),
                  ifMatch: reference.etag,
                } as OperationInput)
              : ({ operationType: BulkOperationType.Create, resourceBody: json(counter) } as OperationInput),
          ]
        : []),
      stale
        ? { operationType: BulkOperationType.Replace, id: claim.id, resourceBody: json(claim), ifMatch: stale._etag }
        : { operationType: BulkOperationType.Create, resourceBody: json(claim) },
      { operationType: BulkOperationType.Create, resourceBody: json(record) },
      ...(opts.outbox ?? []).map(
        (item): OperationInput => ({ operationType: BulkOperationType.Create, resourceBody: json(item) }),
      ),
    ];
    const outcome = await tryBatch(this.container, record.serviceId, ops);
    const caseAt = counter ? 2 : 1;
    if (outcome.ok) return this.savedFrom(outcome.bodies[caseAt], record);
    const e = outcome.error;
    if (!(e instanceof AlreadyExistsError || e instanceof StaleWriteError)) throw e;
    if (counter && outcome.index === 0) throw new ReferenceTakenError();
    // Which operation lost: this case id already written (a retry racing itself), or another case's claim.
    if (await this.get(record.serviceId, record.id)) throw new AlreadyExistsError();
    const holder = await this.openCaseClaim(record.serviceId, record.patient.nhsNumber);
    if (holder && holder.caseId !== record.id) throw new OpenCaseClaimedError(holder.caseId);
    throw new StaleWriteError();
  }

  /** The case as the batch wrote it (its etag included), or read back if the store did not say. */
  private async savedFrom(body: Record<string, unknown> | undefined, record: CaseRecord) {
    if (body && typeof body._etag === 'string') return clean(body as unknown as Stored<CaseRecord>);
    const saved = await this.get(record.serviceId, record.id);
    if (!saved) throw new StaleWriteError();
    return saved;
  }

  async replace(record: CaseRecord, etag: string) {
    if (isOpen(record)) return clean(await replaceItem(this.container, record, etag));
    // Closed (declined, discharged): give the patient's open-case claim back in the same batch, if it is this case's.
    const claim = await this.openCaseClaim(record.serviceId, record.patient.nhsNumber);
    if (!claim || claim.caseId !== record.id) return clean(await replaceItem(this.container, record, etag));
    // The case first: a stale etag writes nothing; a claim changed since it was read leaves (on the embedded
    // server only) a claim naming a closed case, which the next referral takes over.
    const written = await batchItems(this.container, record.serviceId, [
      { operationType: BulkOperationType.Replace, id: record.id, resourceBody: json(record), ifMatch: etag },
      // The SDK's type leaves ifMatch off deletes; the batch protocol (and the embedded server) honours it.
      { operationType: BulkOperationType.Delete, id: claim.id, ifMatch: claim._etag } as OperationInput,
    ]);
    return this.savedFrom(written[0], record);
  }

  async claimOpenCases(serviceId: string) {
    const sql = `SELECT c.id, c.patient.nhsNumber AS nhsNumber, c.createdAt FROM c WHERE c.serviceId = @serviceId AND (c.status = 'referred' OR c.status = 'active') AND ${CASES_ONLY} ORDER BY c.createdAt ASC`;
    const open = await queryService<{ id: string; nhsNumber: string; createdAt: string }>(
      this.container,
      serviceId,
      sql,
    );
    let made = 0;
    for (const c of open) {
      try {
        await createItem<OpenCaseClaim>(this.container, {
          id: openCaseClaimId(c.nhsNumber),
          serviceId,
          kind: 'claim.open-case',
          caseId: c.id,
          at: c.createdAt,
        });
        made += 1;
      } catch (e) {
        // Already claimed: by this case (an earlier or concurrent back-fill) or by an older open case.
        if (!(e instanceof AlreadyExistsError)) throw e;
      }
    }
    return made;
  }

  async serviceIds() {
    const rows = await queryAcrossServices<{ serviceId: string }>(
      this.container,
      `SELECT c.serviceId FROM c WHERE ${CASES_ONLY}`,
    );
    return [...new Set(rows.map((r) => r.serviceId))].sort();
  }

  async find(scope: CaseScope, criterion: CaseCriterion, limit: number) {
    const nurse = scope.referredBy ? ' AND c.referredBy.aadObjectId = @referredBy' : '';
    const sql = `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.serviceId = @serviceId AND ${CRITERIA[criterion.kind]}${nurse} ORDER BY c.createdAt DESC`;
    const params: Record<string, string> = { value: criterionValue(criterion) };
    if (scope.referredBy) params.referredBy = scope.referredBy;
    const docs = await queryService<Stored<CaseRecord>>(this.container, scope.serviceId, sql, params);
    return docs.map((d) => clean(d));
  }

  async listOpenIds(serviceId: string, opts: { assignedOt?: string; limit?: number } = {}) {
    const limit = Math.max(1, Math.floor(opts.limit ?? LIST_OPEN_LIMIT));
    const mine = opts.assignedOt ? ' AND c.assignedOt.aadObjectId = @assignedOt' : '';
    // ORDER BY createdAt: refs are zero-padded only to 4 digits, so they do not sort as text past 9999.
    const sql = `SELECT TOP ${limit} VALUE c.id FROM c WHERE c.serviceId = @serviceId AND (c.status = 'referred' OR c.status = 'active')${mine} ORDER BY c.createdAt ASC`;
    return queryService<string>(this.container, serviceId, sql, opts.assignedOt ? { assignedOt: opts.assignedOt } : {});
  }

  async getMany(serviceId: string, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const sql = 'SELECT * FROM c WHERE c.serviceId = @serviceId AND ARRAY_CONTAINS(@ids, c.id)';
    const docs = await queryService<Stored<CaseRecord>>(this.container, serviceId, sql, { ids: [...ids] });
    const byId = new Map(docs.map((d) => [d.id, clean(d)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Digest counts need this month's referrals and this year's discharges too, not only open cases.
   * No TOP: a cap here would silently drop the newest cases of a very large service from the digest.
   */
  async listForDigest(serviceId: string, since: string, followUpsBy?: string) {
    // Follow-ups owed: only discharged cases whose next follow-up is due by then, never all history.
    const followUps = followUpsBy ? " OR (c.status = 'discharged' AND c.followUpDue <= @followUpsBy)" : '';
    const sql =
      'SELECT * FROM c WHERE c.serviceId = @serviceId AND ' +
      `(c.status = 'referred' OR c.status = 'active' OR c.referral.referredOn >= @since OR (c.status = 'discharged' AND c.discharge.date >= @since)${followUps}) ORDER BY c.createdAt ASC`;
    const docs = await queryService<Stored<CaseRecord>>(this.container, serviceId, sql, {
      since,
      ...(followUpsBy ? { followUpsBy } : {}),
    });
    return docs.map((d) => clean(d));
  }

  async listAll(serviceId: string) {
    // No TOP: fetchAll follows continuation tokens, so a service's whole history comes back however long.
    const docs = await queryService<Stored<CaseRecord>>(
      this.container,
      serviceId,
      `SELECT * FROM c WHERE c.serviceId = @serviceId AND ${CASES_ONLY} ORDER BY c.createdAt ASC`,
    );
    return docs.map((d) => clean(d));
  }

  async serviceIdsWithClosed() {
    // Service ids only, across partitions; no DISTINCT on the embedded server, so de-duplicate here.
    const rows = await queryAcrossServices<{ serviceId: string }>(
      this.container,
      "SELECT c.serviceId FROM c WHERE c.status = 'discharged' OR c.status = 'declined'",
    );
    return [...new Set(rows.map((r) => r.serviceId))].sort();
  }

  async listClosedBefore(serviceId: string, before: string) {
    const sql =
      "SELECT * FROM c WHERE c.serviceId = @serviceId AND ((c.status = 'discharged' AND c.discharge.date < @before) OR (c.status = 'declined' AND c.decline.on < @before))";
    const docs = await queryService<Stored<CaseRecord>>(this.container, serviceId, sql, { before });
    return docs.map((d) => clean(d));
  }

  async delete(serviceId: string, id: string) {
    // Alerts still owed go with it, and the record of where a delivered one went (a referral closed before
    // anyone accepted it). Its claim was given back when it closed (a claim naming a missing case is taken
    // over by the next referral of that patient).
    await deleteItem(this.container, serviceId, `alert:${id}`);
    await deleteItem(this.container, serviceId, alertMessagesId(id));
    return deleteItem(this.container, serviceId, id);
  }
}

/** A service's open caseload is tens to a few hundred; this only stops a runaway read. */
export const LIST_OPEN_LIMIT = 2000;

function referenceCounter(serviceId: string, value: number): ReferenceCounter {
  return { id: REFERENCE_COUNTER_ID, serviceId, kind: 'counter.case-ref', value };
}
