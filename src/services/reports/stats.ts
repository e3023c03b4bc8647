import { serviceStats, type ServiceStats, type StatsPeriod } from '../../domain/nacr';
import { can } from '../../domain/roles';
import { audit } from '../core/audit';
import { today, type Actor, type ServiceDeps } from '../core/context';
import { forbidden, ok, type Outcome } from '../core/outcome';
import { allCasesOf } from './serviceCases';

export const STATS_REFUSAL = 'Only the service lead can see the service’s figures.';

/**
 * `stats` (lead): the service's figures for this month, this year or since the start. Only counts
 * leave the service layer, no case; the read of the caseload is audited as one service-level entry.
 */
export async function showStats(deps: ServiceDeps, actor: Actor, period: StatsPeriod): Promise<Outcome<ServiceStats>> {
  if (!can(actor.role, 'stats')) {
    await audit(deps, actor, {
      action: 'service.stats',
      outcome: 'refused',
      detail: { reason: 'role', role: actor.role },
    });
    return forbidden(STATS_REFUSAL);
  }
  const cases = await allCasesOf(deps, actor.serviceId);
  await audit(deps, actor, { action: 'service.stats', outcome: 'ok', detail: { period, cases: cases.length } });
  return ok(serviceStats(cases, period, today(deps)));
}
