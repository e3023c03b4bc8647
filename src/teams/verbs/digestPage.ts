import { showDigest } from '../../services/digest/digest';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** "Show more" on a long digest: the requested page of today's digest (lead only, audited). */
export const digestPage: VerbHandler = {
  verb: 'digest.page',
  async handle({ deps, actor, data }) {
    const page = Math.max(1, Math.floor(Number(data.page)) || 1);
    return cardFor(await showDigest(deps, actor, { page, preview: false }), (p) => p.card);
  },
};
