import type { IsoDate } from '../../domain/dates';
import { selectDigest, type DigestSelection } from '../../domain/digest';
import { followUpsDueBy } from '../../domain/followUp';
import { can } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';
import { audit } from '../core/audit';
import { serviceHolidays, serviceNameOf, today, type Actor, type ServiceDeps } from '../core/context';
import type { DigestPage } from '../core/ports';
import { auditRows, dailyDeliveryId, runDailyList, type DailyList } from './dailyRun';
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
  return dailyDeliveryId('digest', date, aadObjectId);
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
    serviceName: serviceNameOf(deps, actor.serviceId),
    unreachableLeads,
    page: opts.page ?? 1,
    preview: opts.preview ?? true,
  });
  await auditRows(deps, actor, 'digest.view', page);
  return ok(page);
}

/**
 * The scheduled digest: one message per lead per day, through the shared daily run (`dailyRun.ts`):
 * each lead is claimed with a delivery record before sending, so a second instance, a second trigger
 * or a restart after a crash never sends twice.
 */
export async function runDigest(deps: ServiceDeps, opts: DigestRunOptions): Promise<DigestRunSummary> {
  const { date } = opts;
  // Leads of a service who are told of the same unreachable colleagues see the same card: render it once.
  let rendered: { key: string; page: DigestPage } | undefined;
  const list: DailyList<DigestSelection> = {
    name: 'digest',
    kind: 'digest.delivery',
    who: 'lead',
    title: 'digest',
    recipients: () => deps.store.leads.listLeads(),
    load: (serviceId) => selectionFor(deps, serviceId, date),
    draw: (selection, lead, unreachable) => {
      const others = unreachable.filter((u) => u.aadObjectId !== lead.aadObjectId).map((u) => u.name);
      const key = `${lead.serviceId}\n${others.join('\n')}`;
      if (rendered?.key !== key)
        rendered = {
          key,
          page: deps.present.digestPage({
            selection,
            serviceName: serviceNameOf(deps, lead.serviceId),
            unreachableLeads: others,
            page: 1,
          }),
        };
      return rendered.page;
    },
  };
  const { recipients, sent, skipped, failed, stopped } = await runDailyList(deps, list, opts);
  return { date, leads: recipients, sent, skipped, failed, ...(stopped ? { stopped } : {}) };
}
