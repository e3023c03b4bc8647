import type { CaseRecord } from '../../domain/case';
import { fetchCase, tokenOf } from '../../services/caseAccess';
import type { Actor, ServiceDeps } from '../../services/context';

/**
 * The case a form is about, for re-showing the form with its problems (the use case already read it
 * and audited the attempt). Only reached after the use case accepted the role and found the case.
 */
export async function formSubject(deps: ServiceDeps, actor: Actor, data: Record<string, unknown>): Promise<CaseRecord | null> {
  return fetchCase(deps, actor, { caseId: data.caseId });
}

/** The form's own submission id when it is a plain token; a fresh one for anything else. */
export function submissionIdOf(data: Record<string, unknown>, fallback: () => string): string {
  return tokenOf(data.submissionId) ?? fallback();
}
