import { ROLE_LABELS } from '../domain/roles';
import type { Actor } from '../services/core/context';
import { renderCard, type AdaptiveCard } from './render';

export function whoamiCard(actor: Actor): AdaptiveCard {
  return renderCard('whoami', {
    name: actor.name,
    role: ROLE_LABELS[actor.role],
    serviceId: actor.serviceId,
    aadObjectId: actor.aadObjectId,
  });
}
