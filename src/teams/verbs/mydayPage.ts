import { showMyDay } from '../../services/digest/myDay';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** "Show more" on a long "my day" list: the requested page of the reader's list today (audited). */
export const mydayPage: VerbHandler = {
  verb: 'myday.page',
  async handle({ deps, actor, data }) {
    const page = Math.max(1, Math.floor(Number(data.page)) || 1);
    return cardFor(await showMyDay(deps, actor, { page, preview: false }), (p) => p.card);
  },
};
