import type { IsoDate } from '../../domain/dates';
import type { StaffMember } from '../../domain/staff';
import { isWorkingDay } from '../../domain/workingDays';
import type { DeliveryRecord } from '../../store/types';
import { auditAll, type AuditEvent } from '../core/audit';
import { nowIso, serviceHolidays, type Actor, type ServiceDeps } from '../core/context';
import type { DigestPage } from '../core/ports';

/**
 * The one run loop of the daily lists (CONTRACT §5): the lead's digest and the OT's "my day". A list
 * says who it is for, what it reads per service and what it draws per person; the loop does the rest
 * for both: working days per service, the claim per person per day (a delivery record created before
 * the send), the audit of every case shown, the send, and what a failed, gone (403) or unreachable
 * send leaves behind.
 */
export interface DailyList<D> {
  /** Delivery ids, audit actions (`<name>.send`) and log events (`<name>.sent`…) begin with it. */
  name: 'digest' | 'myday';
  kind: DeliveryRecord['kind'];
  /** Who it is for and what it is, in log lines: "lead", "digest". */
  who: string;
  title: string;
  recipients(): Promise<StaffMember[]>;
  /** What the list reads in a service, once, when the first person of that service is claimed. */
  load(serviceId: string): Promise<D>;
  /**
   * The first page for this person, or null when there is nothing to send (the claim is kept as
   * skipped: nothing more that day). `unreachable`: recipients of this service the bot cannot reach.
   */
  draw(data: D, person: StaffMember, unreachable: StaffMember[]): DigestPage | null;
}

export interface DailyRunSummary {
  date: IsoDate;
  recipients: number;
  sent: number;
  /** Already sent today (or claimed by another instance), no reference, removed (403), or nothing to send. */
  skipped: number;
  /** Still failing after retries: the claim is given back, so a later run today tries again. */
  failed: number;
  /** The run stopped before the end (lease lost, shutting down); the rest go on the next run. */
  stopped?: boolean;
}

export interface DailyRunOptions {
  date: IsoDate;
  /** Who runs this (instance id), kept on each delivery record. */
  holder: string;
  /** The scheduled run: a service whose own division has a bank holiday on `date` is skipped. */
  workingDaysOnly?: boolean;
  /** Called before each person; false stops the run (lease lost, shutting down). */
  beforeLead?: (person: StaffMember) => Promise<boolean | undefined>;
}

export function dailyDeliveryId(name: DailyList<unknown>['name'], date: IsoDate, aadObjectId: string): string {
  return `${name}:${date}:${aadObjectId.toLowerCase()}`;
}

/** Each case shown to someone is a read of that patient's record: audited before it is shown. */
export async function auditRows(
  deps: ServiceDeps,
  reader: Pick<Actor, 'aadObjectId' | 'serviceId'>,
  action: string,
  page: DigestPage,
): Promise<void> {
  const shown = new Map<string, string>();
  for (const r of page.rows) if (!shown.has(r.caseId)) shown.set(r.caseId, r.ref);
  const entries: AuditEvent[] = [...shown].map(([caseId, caseRef]) => ({
    action,
    outcome: 'ok',
    caseId,
    caseRef,
    detail: { page: page.page },
  }));
  entries.push({ action, outcome: 'ok', detail: { page: page.page, pages: page.pages, rows: page.rows.length } });
  // Any failure stops the send.
  await auditAll(deps, reader, entries);
}

/**
 * Sends `list` to each of its recipients at most once on `opts.date`. A crash during the send itself
 * leaves the claim, and that person is not sent again that day (at most once, as the contract asks).
 */
export async function runDailyList<D>(
  deps: ServiceDeps,
  list: DailyList<D>,
  opts: DailyRunOptions,
): Promise<DailyRunSummary> {
  const { date, name, who, title } = { ...opts, ...list };
  const summary: DailyRunSummary = { date, recipients: 0, sent: 0, skipped: 0, failed: 0 };
  const people = await list.recipients();
  summary.recipients = people.length;
  const byService = new Map<string, StaffMember[]>();
  for (const p of people) byService.set(p.serviceId, [...(byService.get(p.serviceId) ?? []), p]);

  for (const [serviceId, servicePeople] of byService) {
    if (opts.workingDaysOnly && !isWorkingDay(date, serviceHolidays(deps, serviceId))) {
      deps.log.info(
        { event: `${name}.service_holiday`, serviceId, date, [`${who}s`]: servicePeople.length },
        `not a working day in this service’s division: no ${title} today`,
      );
      summary.skipped += servicePeople.length;
      continue;
    }
    const reachable: StaffMember[] = [];
    const unreachable: StaffMember[] = [];
    for (const p of servicePeople) {
      try {
        ((await deps.store.conversations.get(p.aadObjectId, p.serviceId)) ? reachable : unreachable).push(p);
      } catch (e) {
        // Cannot tell: try to send anyway; the notifier reads the reference again and reports what it finds.
        deps.log.warn(
          { event: `${name}.reference_unknown`, aadObjectId: p.aadObjectId, serviceId, error: (e as Error)?.name },
          'could not read the conversation reference',
        );
        reachable.push(p);
      }
    }
    for (const p of unreachable) {
      deps.log.warn(
        { event: `${name}.no_reference`, aadObjectId: p.aadObjectId, serviceId },
        `${who} has no conversation reference (never installed or messaged the bot): no ${title} sent`,
      );
      summary.skipped++;
    }
    let data: { value: D } | undefined;

    for (const person of reachable) {
      if (opts.beforeLead && (await opts.beforeLead(person)) === false) {
        summary.stopped = true;
        return summary;
      }
      const id = dailyDeliveryId(name, date, person.aadObjectId);
      const record: DeliveryRecord = {
        id,
        serviceId,
        kind: list.kind,
        date,
        aadObjectId: person.aadObjectId.toLowerCase(),
        state: 'sending',
        holder: opts.holder,
        at: nowIso(deps),
      };
      let claimed = false;
      try {
        claimed = await deps.store.jobs.claimDelivery(record);
        if (!claimed) {
          const existing = await deps.store.jobs.getDelivery(serviceId, id);
          if (existing?.state === 'sending' && existing.holder !== opts.holder) {
            deps.log.warn(
              { event: `${name}.interrupted`, aadObjectId: person.aadObjectId, serviceId, holder: existing.holder },
              `a send to this ${who} was under way or interrupted; not sent again today`,
            );
          }
          summary.skipped++;
          continue;
        }
        data ??= { value: await list.load(serviceId) };
        const page = list.draw(data.value, person, unreachable);
        if (!page) {
          await deps.store.jobs.saveDelivery({ ...record, state: 'skipped', reason: 'empty', at: nowIso(deps) });
          summary.skipped++;
          continue;
        }
        await auditRows(deps, { aadObjectId: person.aadObjectId, serviceId }, `${name}.send`, page);
        const { result } = await deps.notifier.sendCard(person, page.card);
        const at = nowIso(deps);
        if (result === 'sent') {
          await deps.store.jobs.saveDelivery({ ...record, state: 'sent', at });
          summary.sent++;
          deps.log.info(
            {
              event: `${name}.sent`,
              aadObjectId: person.aadObjectId,
              serviceId,
              pages: page.pages,
              rows: page.rows.length,
            },
            `${title} sent`,
          );
        } else if (result === 'gone') {
          await deps.store.jobs.saveDelivery({ ...record, state: 'skipped', reason: 'gone', at });
          // The next people of this service are told that this one is no longer reachable.
          unreachable.push(person);
          summary.skipped++;
        } else if (result === 'no_reference') {
          await deps.store.jobs.releaseDelivery(serviceId, id);
          unreachable.push(person);
          deps.log.warn(
            { event: `${name}.no_reference`, aadObjectId: person.aadObjectId, serviceId },
            `${who} has no conversation reference: no ${title} sent`,
          );
          summary.skipped++;
        } else {
          await deps.store.jobs.releaseDelivery(serviceId, id);
          summary.failed++;
          deps.log.warn(
            { event: `${name}.failed`, aadObjectId: person.aadObjectId, serviceId },
            `${title} not delivered; a later run today will try again`,
          );
        }
      } catch (e) {
        // One person's failure never stops the others; the claim is given back for a later run.
        summary.failed++;
        deps.log.error(
          {
            event: `${name}.error`,
            aadObjectId: person.aadObjectId,
            serviceId,
            error: (e as Error)?.name,
            message: (e as Error)?.message,
          },
          `${title} for this ${who} failed`,
        );
        if (claimed) await deps.store.jobs.releaseDelivery(serviceId, id).catch(() => undefined);
      }
    }
  }
  return summary;
}
