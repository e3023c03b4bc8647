import { randomUUID } from 'node:crypto';
import type { CaseRecord } from '../src/domain/case';
import type { StaffMember } from '../src/domain/staff';
import { openCaseClaimId } from '../src/store/cosmosCases';
import { AlreadyExistsError, OpenCaseClaimedError, ReferenceTakenError, StaleWriteError } from '../src/store/errors';
import type {
  AuditEntry,
  CaseCriterion,
  CaseScope,
  DeliveryRecord,
  HeldFile,
  Lease,
  OpenCaseClaim,
  OutboxItem,
  AlertMessages,
  Store,
  Stored,
  StoredConversation,
} from '../src/store/types';

/**
 * BENCH ONLY. A store that keeps each service's documents apart (as a Cosmos partition does) and
 * answers a service's query from that partition alone, where the embedded server scans every
 * document of the container (about 20 µs a document per query, so a 50,000-case container takes
 * over the bot's 5 s request timeout per digest query). It exists to weigh the bot's own code at
 * national scale. Documents are kept as JSON text, so every read and write still pays the parse and
 * stringify that the Cosmos SDK would. Same contract as the Cosmos repositories: 409 on a taken id,
 * 412 on a stale etag, service-scoped queries.
 */
type Doc = { text: string; etag: string };

class Partitions {
  private readonly byService = new Map<string, Map<string, Doc>>();
  part(serviceId: string): Map<string, Doc> {
    let p = this.byService.get(serviceId);
    if (!p) {
      p = new Map();
      this.byService.set(serviceId, p);
    }
    return p;
  }
  all(): Map<string, Doc>[] {
    return [...this.byService.values()];
  }
  read<T>(serviceId: string, id: string): (T & { _etag: string }) | null {
    const d = this.byService.get(serviceId)?.get(id);
    return d ? { ...JSON.parse(d.text), _etag: d.etag } : null;
  }
  create<T extends { id: string; serviceId: string }>(doc: T): T & { _etag: string } {
    const p = this.part(doc.serviceId);
    if (p.has(doc.id)) throw new AlreadyExistsError();
    const etag = randomUUID();
    p.set(doc.id, { text: JSON.stringify(doc), etag });
    return { ...doc, _etag: etag };
  }
  replace<T extends { id: string; serviceId: string }>(doc: T, etag?: string): T & { _etag: string } {
    const p = this.part(doc.serviceId);
    const cur = p.get(doc.id);
    if (etag !== undefined && (!cur || cur.etag !== etag)) throw new StaleWriteError();
    const next = randomUUID();
    const { _etag, ...rest } = doc as T & { _etag?: string };
    void _etag;
    p.set(doc.id, { text: JSON.stringify(rest), etag: next });
    return { ...doc, _etag: next };
  }
  remove(serviceId: string, id: string): boolean {
    return this.byService.get(serviceId)?.delete(id) ?? false;
  }
  scan<T>(serviceId: string, keep: (d: T) => boolean): Stored<T>[] {
    const out: Stored<T>[] = [];
    for (const d of this.byService.get(serviceId)?.values() ?? []) {
      const doc = JSON.parse(d.text) as T;
      if (keep(doc)) out.push({ ...doc, _etag: d.etag });
    }
    return out;
  }
  scanAll<T>(keep: (d: T) => boolean): Stored<T>[] {
    return [...this.byService.keys()].flatMap((s) => this.scan<T>(s, keep));
  }
}

const open = (c: CaseRecord) => c.status === 'referred' || c.status === 'active';
const byCreated = (a: CaseRecord, b: CaseRecord) => a.createdAt.localeCompare(b.createdAt);

export function memoryStore(): Store & { documents(): number } {
  const cases = new Partitions();
  const staff = new Partitions();
  const audit = new Partitions();
  const counters = new Partitions();
  const conversations = new Partitions();
  const jobs = new Partitions();
  const conversationService = new Map<string, string>();
  const staffService = new Map<string, string>();
  const fileBodies = new Map<string, Buffer>();
  const toMember = (d: StaffMember & { id?: string; _etag?: string }): StaffMember => {
    const { id, _etag, ...m } = d;
    void id, _etag;
    return m;
  };
  /** The last case reference a service gave (0 for none). */
  const counted = (serviceId: string) => counters.read<{ value: number }>(serviceId, 'counter:case-ref')?.value ?? 0;
  return {
    cases: {
      get: async (serviceId, id) => cases.read<CaseRecord>(serviceId, id),
      create: async (r) => cases.create(r),
      openCaseClaim: async (serviceId, nhs) => cases.read<OpenCaseClaim>(serviceId, openCaseClaimId(nhs)),
      // The number read is checked again when the case is opened: other referrals run between the two.
      peekRef: async (serviceId) => ({
        number: counted(serviceId) + 1,
      }),
      nextRef: async (serviceId) => {
        const value = counted(serviceId) + 1;
        counters.replace({ id: 'counter:case-ref', serviceId, value });
        return value;
      },
      open: async (r, opts = {}) => {
        const claim: OpenCaseClaim = {
          id: openCaseClaimId(r.patient.nhsNumber),
          serviceId: r.serviceId,
          kind: 'claim.open-case',
          caseId: r.id,
          at: r.createdAt,
        };
        // Every check before any write, as a transactional batch: a failed open writes nothing.
        if (opts.reference && counted(r.serviceId) + 1 !== opts.reference.number) throw new ReferenceTakenError();
        if (cases.read(r.serviceId, r.id)) throw new AlreadyExistsError();
        const held = cases.read<OpenCaseClaim>(r.serviceId, claim.id);
        if (held && held._etag !== opts.staleClaim?._etag) throw new OpenCaseClaimedError(held.caseId);
        if (opts.reference)
          counters.replace({ id: 'counter:case-ref', serviceId: r.serviceId, value: opts.reference.number });
        cases.replace(claim);
        for (const item of opts.outbox ?? []) cases.create(item);
        return cases.create(r);
      },
      replace: async (r, etag) => {
        const saved = cases.replace(r, etag);
        const claimId = openCaseClaimId(r.patient.nhsNumber);
        if (!open(r) && cases.read<OpenCaseClaim>(r.serviceId, claimId)?.caseId === r.id)
          cases.remove(r.serviceId, claimId);
        return saved;
      },
      claimOpenCases: async () => 0,
      serviceIds: async () => [...new Set(cases.scanAll<CaseRecord>((d) => 'ref' in d).map((d) => d.serviceId))],
      find: async (scope: CaseScope, c: CaseCriterion, limit: number) =>
        cases
          .scan<CaseRecord>(
            scope.serviceId,
            (d) =>
              (!scope.referredBy || d.referredBy.aadObjectId === scope.referredBy) &&
              (c.kind === 'ref'
                ? d.ref === c.ref
                : c.kind === 'nhsNumber'
                  ? d.patient.nhsNumber === c.nhsNumber
                  : d.patient.nameKey.includes(c.nameKey)),
          )
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .slice(0, limit),
      listOpenIds: async (serviceId, opts = {}) =>
        cases
          .scan<CaseRecord>(
            serviceId,
            (d) => open(d) && (!opts.assignedOt || d.assignedOt?.aadObjectId === opts.assignedOt),
          )
          .sort(byCreated)
          .slice(0, opts.limit ?? 2000)
          .map((d) => d.id),
      getMany: async (serviceId, ids) => ids.flatMap((id) => cases.read<CaseRecord>(serviceId, id) ?? []),
      listForDigest: async (serviceId, since, followUpsBy) =>
        cases
          .scan<CaseRecord>(
            serviceId,
            (d) =>
              open(d) ||
              d.referral.referredOn >= since ||
              (d.status === 'discharged' && (d.discharge?.date ?? '') >= since) ||
              (followUpsBy !== undefined &&
                d.status === 'discharged' &&
                d.followUpDue !== undefined &&
                d.followUpDue <= followUpsBy),
          )
          .sort(byCreated)
          .slice(0, 4000),
      serviceIdsWithClosed: async () =>
        [
          ...new Set(
            cases
              .scanAll<CaseRecord>((d) => d.status === 'discharged' || d.status === 'declined')
              .map((d) => d.serviceId),
          ),
        ].sort(),
      listClosedBefore: async (serviceId, before) =>
        cases.scan<CaseRecord>(
          serviceId,
          (d) =>
            (d.status === 'discharged' && (d.discharge?.date ?? '') < before) ||
            (d.status === 'declined' && (d.decline?.on ?? '') < before),
        ),
      delete: async (serviceId, id) => cases.remove(serviceId, id),
      listAll: async (serviceId) => cases.scan<CaseRecord>(serviceId, (d) => 'ref' in d).sort(byCreated),
    },
    staff: {
      findByAadObjectId: async (aad) => {
        const s = staffService.get(aad.toLowerCase());
        const d = s ? staff.read<StaffMember>(s, aad.toLowerCase()) : null;
        return d ? toMember(d) : null;
      },
      list: async (serviceId) =>
        staff
          .scan<StaffMember>(serviceId, () => true)
          .map(toMember)
          .sort((a, b) => a.name.localeCompare(b.name)),
      save: async (m) => {
        const id = m.aadObjectId.toLowerCase();
        const old = staffService.get(id);
        if (old && old !== m.serviceId) return 'other_service' as const;
        staff.replace({ ...m, id });
        staffService.set(id, m.serviceId);
        return 'saved' as const;
      },
      migrate: async () => 0,
      remove: async (serviceId, aad) => {
        if (staffService.get(aad.toLowerCase()) !== serviceId) return false;
        staffService.delete(aad.toLowerCase());
        return staff.remove(serviceId, aad.toLowerCase());
      },
    },
    leads: {
      listLeads: async () =>
        staff
          .scanAll<StaffMember>((m) => m.role === 'lead')
          .map(toMember)
          .sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.aadObjectId.localeCompare(b.aadObjectId)),
      listOts: async () =>
        staff
          .scanAll<StaffMember>((m) => m.role === 'ot')
          .map(toMember)
          .sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.aadObjectId.localeCompare(b.aadObjectId)),
    },
    audit: {
      append: async (e: AuditEntry) => void audit.create(e),
      appendMany: async (_serviceId, entries) => {
        for (const e of entries) audit.create(e);
      },
      listForCase: async (serviceId, caseId, limit) =>
        audit.scan<AuditEntry>(serviceId, (e) => e.caseId === caseId).slice(0, limit),
    },
    counters: {
      secret: async (serviceId, name) => {
        const cur = counters.read<{ id: string; serviceId: string; value: string }>(serviceId, `secret:${name}`);
        if (cur) return cur.value;
        const value = randomUUID();
        counters.replace({ id: `secret:${name}`, serviceId, value });
        return value;
      },
    },
    conversations: {
      purgeStale: async (serviceId, before) => {
        const stale = conversations.scan<StoredConversation>(serviceId, (c) => c.updatedAt < before);
        for (const c of stale) conversations.remove(serviceId, c.id);
        return stale.length;
      },
      save: async (c: StoredConversation) => {
        const old = conversationService.get(c.id);
        if (old && old !== c.serviceId) conversations.remove(old, c.id);
        conversations.replace(c);
        conversationService.set(c.id, c.serviceId);
      },
      get: async (aad) => {
        const s = conversationService.get(aad.toLowerCase());
        const d = s ? conversations.read<StoredConversation>(s, aad.toLowerCase()) : null;
        if (!d) return null;
        const { _etag, ...c } = d;
        void _etag;
        return c;
      },
      remove: async (aad) => {
        const s = conversationService.get(aad.toLowerCase());
        if (s) conversations.remove(s, aad.toLowerCase());
        conversationService.delete(aad.toLowerCase());
      },
    },
    files: {
      hold: async (f, body) => {
        jobs.create({ ...f, serviceId: '_files', kind: 'file.head', state: 'held', parts: 1 });
        fileBodies.set(f.id, body);
      },
      get: async (id) => jobs.read<HeldFile>('_files', id),
      settle: async (f, state, withBody) => {
        try {
          const { _etag, ...plain } = f;
          jobs.replace({ ...plain, state }, _etag);
        } catch (e) {
          if (e instanceof StaleWriteError) return null;
          throw e;
        }
        const body = fileBodies.get(f.id);
        fileBodies.delete(f.id);
        return withBody ? { body } : {};
      },
      purge: async () => 0,
      countHeld: async (purpose, now) =>
        jobs.scan<HeldFile>('_files', (d) => d.state === 'held' && d.purpose === purpose && d.expiresAt > now).length,
    },
    outbox: {
      listDue: async (now, limit) =>
        cases
          .scanAll<OutboxItem>(
            (d) => d.kind === 'outbox.referral-alert' && d.dueAt <= now && (!d.leaseUntil || d.leaseUntil <= now),
          )
          .slice(0, limit),
      get: async (serviceId, id) => cases.read<OutboxItem>(serviceId, id),
      replace: async (item, etag) => cases.replace(item, etag),
      complete: async (serviceId, id, etag) => {
        if (cases.read<OutboxItem>(serviceId, id)?._etag !== etag) return false;
        return cases.remove(serviceId, id);
      },
      addAlertMessages: async (serviceId, caseId, caseRef, messages, at) => {
        const id = `alert-messages:${caseId}`;
        const fresh = new Set(messages.map((m) => m.aadObjectId));
        const kept = (cases.read<AlertMessages>(serviceId, id)?.messages ?? []).filter(
          (m) => !fresh.has(m.aadObjectId),
        );
        cases.replace({
          id,
          serviceId,
          kind: 'outbox.referral-alert-messages',
          caseId,
          caseRef,
          messages: [...kept, ...messages],
          updatedAt: at,
        });
      },
      alertMessages: async (serviceId, caseId) => {
        const doc = cases.read<AlertMessages>(serviceId, `alert-messages:${caseId}`);
        if (!doc) return null;
        const { _etag, ...rest } = doc;
        void _etag;
        return rest;
      },
      removeAlertMessages: async (serviceId, caseId) => cases.remove(serviceId, `alert-messages:${caseId}`),
    },
    jobs: {
      isDone: async (name) => jobs.read('_jobs', `done:${name}`) !== null,
      markDone: async (name, at) => void jobs.replace({ id: `done:${name}`, serviceId: '_jobs', at }),
      acquireLease: async (name, holder, now, ttlMs) => {
        const id = `lease:${name}`;
        const cur = jobs.read<Lease & { serviceId: string }>('_jobs', id);
        if (cur && cur.holder !== holder && cur.expiresAt > now.toISOString()) return false;
        jobs.replace({
          id,
          serviceId: '_jobs',
          name,
          holder,
          expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
        });
        return true;
      },
      releaseLease: async (name, holder) => {
        const id = `lease:${name}`;
        const cur = jobs.read<Lease & { serviceId: string }>('_jobs', id);
        if (cur?.holder === holder)
          jobs.replace({ id, serviceId: '_jobs', name, holder, expiresAt: new Date(0).toISOString() });
      },
      claimDelivery: async (r: DeliveryRecord) => {
        try {
          jobs.create(r);
          return true;
        } catch (e) {
          if (e instanceof AlreadyExistsError) return false;
          throw e;
        }
      },
      getDelivery: async (serviceId, id) => {
        const d = jobs.read<DeliveryRecord>(serviceId, id);
        if (!d) return null;
        const { _etag, ...r } = d;
        void _etag;
        return r;
      },
      saveDelivery: async (r) => void jobs.replace(r),
      releaseDelivery: async (serviceId, id) => void jobs.remove(serviceId, id),
      listDeliveries: async (serviceId, date) =>
        jobs
          .scan<DeliveryRecord>(serviceId, (d) => d.kind === 'digest.delivery' && d.date === date)
          .map(({ _etag, ...r }) => (void _etag, r)),
    },
    ping: async () => true,
    dispose: () => undefined,
    documents: () =>
      [cases, staff, audit, counters, conversations, jobs].reduce(
        (n, p) => n + p.all().reduce((m, x) => m + x.size, 0),
        0,
      ),
  };
}
