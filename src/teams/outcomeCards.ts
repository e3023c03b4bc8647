import { forbiddenCard, noticeCard, notFoundCard } from '../cards/notice';
import type { AdaptiveCard } from '../cards/render';
import type { Outcome } from '../services/core/outcome';

/**
 * Turns the outcomes every handler shares into cards; the handler supplies the card for success
 * and, for forms, the form again for invalid input.
 */
export function cardFor<T>(
  outcome: Outcome<T>,
  onOk: (value: T) => AdaptiveCard,
  onInvalid?: (errors: Record<string, string>) => AdaptiveCard,
): AdaptiveCard {
  switch (outcome.kind) {
    case 'ok':
      return onOk(outcome.value);
    case 'invalid':
      return onInvalid
        ? onInvalid(outcome.errors)
        : noticeCard('Please check', Object.values(outcome.errors).join(' '), 'warning');
    case 'forbidden':
      return forbiddenCard(outcome.message);
    case 'not_found':
      return notFoundCard(outcome.message);
    case 'conflict':
      return noticeCard('Could not do that', outcome.message, 'warning');
  }
}
