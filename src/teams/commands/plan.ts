import { planFormCard } from '../../cards/plan';
import { openForWork } from '../../services/cases/case';
import { newId } from '../../services/core/context';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `plan <ref>`: the plan as saved, to see or change. */
export const plan: CommandHandler = {
  name: 'plan',
  usage: 'plan <ref>',
  summary: 'See or edit the phased return-to-work plan',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [cardFor(await openForWork(deps, actor, { ref: args }, 'plan'), (c) => planFormCard(c, newId(deps)))];
  },
};
