import type { Activity } from 'botbuilder';
import { strangerCard, tenantRefusedCard } from '../cards/notice';
import type { AdaptiveCard } from '../cards/render';
import type { Actor, ServiceDeps } from '../services/core/context';
import { auditRefusal, identify } from '../services/staff/staff';

export type Admission =
  | { admitted: true; actor: Actor }
  | { admitted: false; card: AdaptiveCard; reason: 'tenant' | 'not_staff' };

export function tenantOf(activity: Activity): string | undefined {
  const id =
    activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return id?.toLowerCase();
}

export function tenantAllowed(activity: Activity, allowedTenantIds: readonly string[]): boolean {
  if (allowedTenantIds.length === 0) return true;
  const tenant = tenantOf(activity);
  return tenant !== undefined && allowedTenantIds.includes(tenant);
}

/**
 * Every message and invoke passes here first: an allowed tenant, then a person on some service's
 * staff list. Teams' authentication says the request came from Teams; it does not say who may see
 * what, and single-tenant apps still receive other tenants' users.
 */
export async function admit(
  deps: ServiceDeps,
  activity: Activity,
  allowedTenantIds: readonly string[],
  action: string,
): Promise<Admission> {
  const aad = activity.from?.aadObjectId;
  if (!tenantAllowed(activity, allowedTenantIds)) {
    await auditRefusal(deps, aad, action, 'tenant_not_allowed');
    return { admitted: false, card: tenantRefusedCard(), reason: 'tenant' };
  }
  const actor = await identify(deps, aad, activity.from?.name);
  if (!actor) {
    await auditRefusal(deps, aad, action, 'not_staff');
    return { admitted: false, card: strangerCard(aad), reason: 'not_staff' };
  }
  return { admitted: true, actor };
}
