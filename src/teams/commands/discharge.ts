import { dischargeFormCard } from '../../cards/discharge';
import { openForWork } from '../../services/cases/case';
import { newId, today } from '../../services/core/context';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `discharge <ref>`: the discharge form, with a fresh submissionId. */
export const discharge: CommandHandler = {
  name: 'discharge',
  usage: 'discharge <ref>',
  summary: 'Discharge a case with its outcome',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    return [
      cardFor(await openForWork(deps, actor, { ref: args }, 'discharge'), (c) =>
        dischargeFormCard(c, newId(deps), { date: today(deps) }),
      ),
    ];
  },
};
