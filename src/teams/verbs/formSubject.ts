import { notFoundCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import type { CaseRecord } from '../../domain/case';
import { fetchCase, tokenOf } from '../../services/cases/access';
import { newId, type Actor, type ServiceDeps } from '../../services/core/context';

/** The form's own submission id when it is a plain token; a fresh one for anything else. */
export function submissionIdOf(data: Record<string, unknown>, fallback: () => string): string {
  return tokenOf(data.submissionId) ?? fallback();
}

/**
 * A case form given back for bad input: the form again with its submission id kept, or "not found".
 * `subject` is the case the use case already read and audited the attempt on (no second read); an
 * invalid outcome without one has the case read here, inside the actor's reach as always.
 */
export async function formAgain(
  deps: ServiceDeps,
  actor: Actor,
  data: Record<string, unknown>,
  subject: CaseRecord | undefined,
  form: (c: CaseRecord, submissionId: string) => AdaptiveCard,
): Promise<AdaptiveCard> {
  const c = subject ?? (await fetchCase(deps, actor, { caseId: data.caseId }));
  return c
    ? form(
        c,
        submissionIdOf(data, () => newId(deps)),
      )
    : notFoundCard('This case was not found in your service.');
}
