import type { CaseRecord } from '../domain/case';
import type { ServiceDeps } from './context';

/**
 * Every case of a service, for the service-wide figures and the audit export. The digest's listing
 * with the earliest possible date returns all of them (every case has a referral date), up to its
 * runaway guard of several thousand, far above a service's caseload over the retention period.
 */
export async function allCasesOf(deps: ServiceDeps, serviceId: string): Promise<CaseRecord[]> {
  return deps.store.cases.listForDigest(serviceId, '0000-01-01');
}
