import { sessionFormCard } from '../../cards/session';
import { openForWork } from '../../services/cases/case';
import { newId, today } from '../../services/core/context';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `log <ref>`: the session form. Each form carries a fresh submissionId, which makes its submit idempotent. */
export const log: CommandHandler = {
  name: 'log',
  usage: 'log <ref>',
  summary: 'Log a session',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [
      cardFor(await openForWork(deps, actor, { ref: args }, 'session'), (c) =>
        sessionFormCard(c, newId(deps), { date: today(deps) }),
      ),
    ];
  },
};
