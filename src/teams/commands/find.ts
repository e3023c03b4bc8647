import { findResultsCard } from '../../cards/findResults';
import { findCases } from '../../services/cases/find';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

export const find: CommandHandler = {
  name: 'find',
  usage: 'find <NHS number | name | reference>',
  summary: 'Find a case',
  permission: 'case.readStatus',
  async handle({ deps, actor, args }) {
    return [cardFor(await findCases(deps, actor, args), findResultsCard)];
  },
};
