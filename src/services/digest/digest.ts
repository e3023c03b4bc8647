import type { IsoDate } from '../../domain/dates';
import { selectDigest, type DigestSelection } from '../../domain/digest';
import { followUpsDueBy } from '../../domain/followUp';
import { can } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';
import type { DeliveryRecord } from '../../store/types';
import { audit, auditAll, type AuditEvent } from '../core/audit';
import { isWorkingDay } from '../../domain/workingDays';
import { nowIso, serviceHolidays, today, type Actor, type ServiceDeps } from '../core/context';
import type { DigestPage, SendResult } from '../core/ports';
import { forbidden, ok, type Outcome } from '../core/outcome';

/** The daily digest use cases: a lead's preview (`digest`), its pages, and the scheduled run. */

export interface DigestRunSummary {
  date: IsoDate;
  leads: number;
  sent: number;
  /** Already sent today (or claimed by another instance), no reference, or the bot was removed (403). */
  skipped: number;
  /** Still failing after retries: the claim is given back, so a later run today tries again. */
  failed: number;
  /** The run stopped before the end (lease lost, shutting down); the rest go on the next run. */
  stopped?: boolean;
}

export interface DigestRunOptions {
  date: IsoDate;
  /** Who runs this (instance id), kept on each delivery record. */
  holder: string;
  /**
   * The scheduled run: a service whose own division has a bank holiday on `date` (2 January in
   * Scotland, St Patrick's Day in Northern Ireland) is skipped; its leads get nothing that day. An
   * explicit run (POST /api/digest/run) leaves it unset: it runs whatever the day.
   */
  workingDaysOnly?: boolean;
  /** Called before each lead; false stops the run (lease lost, shutting down). */
  beforeLead?: (lead: StaffMember) => Promise<boolean | undefined>;
}

export function deliveryId(date: IsoDate, aadObjectId: string): string {
  return `digest:${date}:${aadObjectId.toLowerCase()}`;
}

async function selectionFor(deps: ServiceDeps, serviceId: string, date: IsoDate): Promise<DigestSelection> {
  // From 1 January: open cases, plus this year's referrals and discharges for the counts, plus
  // discharged cases whose next follow-up is due (from 7 days before its date) or overdue.
  const cases = await deps.store.cases.listForDigest(serviceId, `${date.slice(0, 4)}-01-01`, followUpsDueBy(date));
  // Working days (referrals waiting) are counted on the service's own division's bank holidays.
  return selectDigest(cases, {
    today: date,
    windowDays: deps.digest.windowDays,
    holidays: serviceHolidays(deps, serviceId),
  });
}

/** Each case shown to a lead is a read of that patient's record: audited before it is shown. */
async function auditRows(
  deps: ServiceDeps,
  lead: Pick<Actor, 'aadObjectId' | 'serviceId'>,
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
  await auditAll(deps, lead, entries);
}

async function unreachableLeadsOf(deps: ServiceDeps, serviceId: string, except: string): Promise<string[]> {
  const leads = (await deps.store.staff.list(serviceId)).filter(
    (m) => m.role === 'lead' && m.aadObjectId.toLowerCase() !== except.toLowerCase(),
  );
  const names: string[] = [];
  for (const l of leads) if (!(await deps.store.conversations.get(l.aadObjectId, l.serviceId))) names.push(l.name);
  return names;
}

/**
 * Today's digest for the lead asking (the `digest` command, and "Show more" pages). Nothing is
 * marked as sent: the scheduled message still goes out as usual.
 */
export async function showDigest(
  deps: ServiceDeps,
  actor: Actor,
  opts: { page?: number; preview?: boolean } = {},
): Promise<Outcome<DigestPage>> {
  if (!can(actor.role, 'digest')) {
    await audit(deps, actor, { action: 'digest.view', outcome: 'refused' });
    return forbidden('The daily digest is for the service lead.');
  }
  const date = today(deps);
  const selection = await selectionFor(deps, actor.serviceId, date);
  const unreachableLeads = await unreachableLeadsOf(deps, actor.serviceId, actor.aadObjectId);
  const page = deps.present.digestPage({
    selection,
    serviceId: actor.serviceId,
    unreachableLeads,
    page: opts.page ?? 1,
    preview: opts.preview ?? true,
  });
  await auditRows(deps, actor, 'digest.view', page);
  return ok(page);
}

/**
 * The scheduled digest: one message per lead per day. Each lead is claimed with a delivery record
 * (create fails when it exists) before sending, so a second instance, a second trigger or a restart
 * after a crash never sends twice; a crash during the send itself leaves the claim, and that lead is
 * not sent again that day (at most once, as the contract asks).
 */
export async function runDigest(deps: ServiceDeps, opts: DigestRunOptions): Promise<DigestRunSummary> {
  const { date } = opts;
  const summary: DigestRunSummary = { date, leads: 0, sent: 0, skipped: 0, failed: 0 };
  const leads = await deps.store.leads.listLeads();
  summary.leads = leads.length;
  const byService = new Map<string, StaffMember[]>();
  for (const l of leads) byService.set(l.serviceId, [...(byService.get(l.serviceId) ?? []), l]);

  for (const [serviceId, serviceLeads] of byService) {
    if (opts.workingDaysOnly && !isWorkingDay(date, serviceHolidays(deps, serviceId))) {
      deps.log.info(
        { event: 'digest.service_holiday', serviceId, date, leads: serviceLeads.length },
        'not a working day in this service’s division: no digest today',
      );
      summary.skipped += serviceLeads.length;
      continue;
    }
    const reachable: StaffMember[] = [];
    const unreachable: StaffMember[] = [];
    for (const l of serviceLeads) {
      try {
        ((await deps.store.conversations.get(l.aadObjectId, l.serviceId)) ? reachable : unreachable).push(l);
      } catch (e) {
        // Cannot tell: try to send anyway; the notifier reads the reference again and reports what it finds.
        deps.log.warn(
          { event: 'digest.reference_unknown', aadObjectId: l.aadObjectId, serviceId, error: (e as Error)?.name },
          'could not read the conversation reference',
        );
        reachable.push(l);
      }
    }
    for (const l of unreachable) {
      deps.log.warn(
        { event: 'digest.no_reference', aadObjectId: l.aadObjectId, serviceId },
        'lead has no conversation reference (never installed or messaged the bot): no digest sent',
      );
      summary.skipped++;
    }
    let selection: DigestSelection | undefined;
    // Leads of a service who are told of the same unreachable colleagues see the same card: render it once.
    let rendered: { others: string; page: DigestPage } | undefined;

    for (const lead of reachable) {
      if (opts.beforeLead && (await opts.beforeLead(lead)) === false) {
        summary.stopped = true;
        return summary;
      }
      const id = deliveryId(date, lead.aadObjectId);
      const record: DeliveryRecord = {
        id,
        serviceId,
        kind: 'digest.delivery',
        date,
        aadObjectId: lead.aadObjectId.toLowerCase(),
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
              { event: 'digest.interrupted', aadObjectId: lead.aadObjectId, serviceId, holder: existing.holder },
              'a send to this lead was under way or interrupted; not sent again today',
            );
          }
          summary.skipped++;
          continue;
        }
        selection ??= await selectionFor(deps, serviceId, date);
        const others = unreachable.filter((u) => u.aadObjectId !== lead.aadObjectId).map((u) => u.name);
        if (rendered?.others !== others.join('\n'))
          rendered = {
            others: others.join('\n'),
            page: deps.present.digestPage({ selection, serviceId, unreachableLeads: others, page: 1 }),
          };
        const page = rendered.page;
        await auditRows(deps, { aadObjectId: lead.aadObjectId, serviceId }, 'digest.send', page);
        const result: SendResult = await deps.notifier.sendCard(lead, page.card);
        const at = nowIso(deps);
        if (result === 'sent') {
          await deps.store.jobs.saveDelivery({ ...record, state: 'sent', at });
          summary.sent++;
          deps.log.info(
            {
              event: 'digest.sent',
              aadObjectId: lead.aadObjectId,
              serviceId,
              pages: page.pages,
              rows: page.rows.length,
            },
            'digest sent',
          );
        } else if (result === 'gone') {
          await deps.store.jobs.saveDelivery({ ...record, state: 'skipped', reason: 'gone', at });
          // The next leads of this service are told that this one is no longer reachable.
          unreachable.push(lead);
          summary.skipped++;
        } else if (result === 'no_reference') {
          await deps.store.jobs.releaseDelivery(serviceId, id);
          unreachable.push(lead);
          deps.log.warn(
            { event: 'digest.no_reference', aadObjectId: lead.aadObjectId, serviceId },
            'lead has no conversation reference: no digest sent',
          );
          summary.skipped++;
        } else {
          await deps.store.jobs.releaseDelivery(serviceId, id);
          summary.failed++;
          deps.log.warn(
            { event: 'digest.failed', aadObjectId: lead.aadObjectId, serviceId },
            'digest not delivered; a later run today will try again',
          );
        }
      } catch (e) {
        // One lead's failure never stops the others; the claim is given back for a later run.
        summary.failed++;
        deps.log.error(
          {
            event: 'digest.error',
            aadObjectId: lead.aadObjectId,
            serviceId,
            error: (e as Error)?.name,
            message: (e as Error)?.message,
          },
          'digest for this lead failed',
        );
        if (claimed) await deps.store.jobs.releaseDelivery(serviceId, id).catch(() => undefined);
      }
    }
  }
  return summary;
}
