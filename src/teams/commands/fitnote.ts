import { fitNoteFormCard } from '../../cards/fitnote';
import { openForWork } from '../../services/cases/case';
import { newId } from '../../services/core/context';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `fitnote <ref>`: the fit note form, with a fresh submissionId. */
export const fitnote: CommandHandler = {
  name: 'fitnote',
  usage: 'fitnote <ref>',
  summary: 'Record a new fit note',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [cardFor(await openForWork(deps, actor, { ref: args }, 'fitnote'), (c) => fitNoteFormCard(c, newId(deps)))];
  },
};
