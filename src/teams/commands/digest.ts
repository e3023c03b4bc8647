import { showDigest } from '../../services/digest/digest';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `digest`: today's digest now, for the lead asking; it is not marked as sent. */
export const digest: CommandHandler = {
  name: 'digest',
  usage: 'digest',
  summary: "Today's digest now",
  permission: 'digest',
  async handle({ deps, actor }) {
    return [cardFor(await showDigest(deps, actor, { preview: true }), (p) => p.card)];
  },
};
