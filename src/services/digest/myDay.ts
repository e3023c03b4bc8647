import type { CaseRecord } from '../../domain/case';
import type { IsoDate } from '../../domain/dates';
import { followUpsDueBy } from '../../domain/followUp';
import { isMyDayEmpty, selectMyDay, type MyDaySelection } from '../../domain/myDay';
import { can } from '../../domain/roles';
import { audit } from '../core/audit';
import { serviceHolidays, today, type Actor, type ServiceDeps } from '../core/context';
import type { MyDayPage } from '../core/ports';
import { forbidden, ok, type Outcome } from '../core/outcome';
import { auditRows, runDailyList, type DailyList, type DailyRunOptions, type DailyRunSummary } from './dailyRun';

/**
 * The OT's "my day" list (CONTRACT §5): `today` shows it now; the scheduled run sends it each working
 * morning, at most once per OT per day, through the same run loop as the lead's digest.
 */

/** The service's cases a list may need today: open ones, this year's discharges, follow-ups due. */
function casesFor(deps: ServiceDeps, serviceId: string, date: IsoDate): Promise<CaseRecord[]> {
  return deps.store.cases.listForDigest(serviceId, `${date.slice(0, 4)}-01-01`, followUpsDueBy(date));
}

function selectionOf(
  deps: ServiceDeps,
  cases: readonly CaseRecord[],
  who: { aadObjectId: string; serviceId: string },
  date: IsoDate,
): MyDaySelection {
  return selectMyDay(cases, {
    today: date,
    windowDays: deps.digest.windowDays,
    holidays: serviceHolidays(deps, who.serviceId),
    ot: who.aadObjectId,
  });
}

/** `today` (and its "Show more" pages): the asker's list now; nothing is marked as sent. */
export async function showMyDay(
  deps: ServiceDeps,
  actor: Actor,
  opts: { page?: number; preview?: boolean } = {},
): Promise<Outcome<MyDayPage>> {
  if (!can(actor.role, 'case.work')) {
    await audit(deps, actor, { action: 'myday.view', outcome: 'refused' });
    return forbidden('The "my day" list is for OTs and leads: it lists the cases they work on.');
  }
  const date = today(deps);
  const selection = selectionOf(deps, await casesFor(deps, actor.serviceId, date), actor, date);
  const page = deps.present.myDayPage({
    selection,
    name: actor.name,
    page: opts.page ?? 1,
    preview: opts.preview ?? true,
  });
  await auditRows(deps, actor, 'myday.view', page);
  return ok(page);
}

/** Each OT who has not turned it off gets their list once on `date`; none when it is empty. */
export async function runMyDay(deps: ServiceDeps, opts: DailyRunOptions): Promise<DailyRunSummary> {
  const list: DailyList<CaseRecord[]> = {
    name: 'myday',
    kind: 'myday.delivery',
    who: 'OT',
    title: 'my day list',
    recipients: async () => (await deps.store.leads.listOts()).filter((m) => m.myDayOff !== true),
    load: (serviceId) => casesFor(deps, serviceId, opts.date),
    draw: (cases, ot) => {
      const selection = selectionOf(deps, cases, ot, opts.date);
      // Only an OT with open or followed-up cases of their own gets one, and only when it lists something.
      if (!selection.hasOwnCases || isMyDayEmpty(selection)) return null;
      return deps.present.myDayPage({ selection, name: ot.name, page: 1 });
    },
  };
  return runDailyList(deps, list, opts);
}
