import { notFoundCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import type { CaseRecord } from '../../domain/case';
import { fetchCase, tokenOf } from '../../services/caseAccess';
import { newId, type Actor, type ServiceDeps } from '../../services/context';

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

/** A case form given back for bad input: the form again with its submission id kept, or "not found". */
export async function formAgain(deps: ServiceDeps, actor: Actor, data: Record<string, unknown>, form: (c: CaseRecord, submissionId: string) => AdaptiveCard): Promise<AdaptiveCard> {
  const c = await formSubject(deps, actor, data);
  return c ? form(c, submissionIdOf(data, () => newId(deps))) : notFoundCard('This case was not found in your service.');
}
