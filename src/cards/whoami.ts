import { ROLE_LABELS } from '../domain/roles';
import type { Actor } from '../services/core/context';
import { renderCard, type AdaptiveCard } from './render';

/** `serviceName`: the service's display name (SERVICE_NAMES); its id when not given. */
export function whoamiCard(actor: Actor, serviceName = actor.serviceId): AdaptiveCard {
  return renderCard('whoami', {
    name: actor.name,
    role: ROLE_LABELS[actor.role],
    serviceId: serviceName,
    aadObjectId: actor.aadObjectId,
  });
}
