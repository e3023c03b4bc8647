import { whoamiCard } from '../../cards/whoami';
import { serviceNameOf } from '../../services/core/context';
import type { CommandHandler } from '../handler';

export const whoami: CommandHandler = {
  name: 'whoami',
  usage: 'whoami',
  summary: 'Your name, role and service',
  safeOutsidePersonalChat: true,
  async handle({ deps, actor }) {
    return [whoamiCard(actor, serviceNameOf(deps, actor.serviceId))];
  },
};
