import { helpCard } from '../../cards/help';
import { can } from '../../domain/roles';
import type { CommandHandler } from '../handler';

/** Built from the command table, so help always matches what the bot answers. */
export function makeHelp(all: () => CommandHandler[]): CommandHandler {
  return {
    name: 'help',
    usage: 'help',
    summary: 'This list',
    safeOutsidePersonalChat: true,
    async handle({ actor }) {
      const entries = all()
        .filter((c) => !c.permission || can(actor.role, c.permission))
        .map((c) => ({ usage: c.usage, summary: c.summary }));
      return [helpCard(actor.role, actor.name, entries)];
    },
  };
}
