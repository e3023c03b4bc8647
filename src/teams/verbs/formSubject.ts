import type { CaseRecord } from '../../domain/case';
import { fetchCase } from '../../services/caseAccess';
import type { Actor, ServiceDeps } from '../../services/context';

/**
 * The case a form is about, for re-showing the form with its problems (the use case already read it
 * and audited the attempt). Only reached after the use case accepted the role and found the case.
 */
export async function formSubject(deps: ServiceDeps, actor: Actor, data: Record<string, unknown>): Promise<CaseRecord | null> {
  return fetchCase(deps, actor, { caseId: data.caseId });
}

export function submissionIdOf(data: Record<string, unknown>, fallback: () => string): string {
  return typeof data.submissionId === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(data.submissionId) ? data.submissionId : fallback();
}
