import { followUpFormCard } from '../../cards/followup';
import { openFollowUp } from '../../services/cases/followup';
import { newId, today } from '../../services/core/context';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `followup <ref>`: the follow-up card for the next one due on a discharged case (OT, lead). */
export const followup: CommandHandler = {
  name: 'followup',
  usage: 'followup <ref>',
  summary: 'Record a follow-up after discharge (3, 6 and 12 months)',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    const on = today(deps);
    return [
      cardFor(await openFollowUp(deps, actor, args), ({ record }) =>
        followUpFormCard(record, newId(deps), on, { date: on }),
      ),
    ];
  },
};
