import { whoamiCard } from '../../cards/whoami';
import type { CommandHandler } from '../handler';

export const whoami: CommandHandler = {
  name: 'whoami',
  usage: 'whoami',
  summary: 'Your name, role and service',
  safeOutsidePersonalChat: true,
  async handle({ actor }) {
    return [whoamiCard(actor)];
  },
};
