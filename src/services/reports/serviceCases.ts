import type { CaseRecord } from '../../domain/case';
import type { ServiceDeps } from '../core/context';

/** Every case of a service, for the service-wide figures and the audit export. */
export async function allCasesOf(deps: ServiceDeps, serviceId: string): Promise<CaseRecord[]> {
  return deps.store.cases.listAll(serviceId);
}
