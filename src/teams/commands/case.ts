import { caseCard, caseStatusCard } from '../../cards/case';
import { today } from '../../services/core/context';
import { viewCase } from '../../services/cases/case';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/** `case <ref>`: the hub card, with the actions the reader's role allows on the case now. */
export const caseCommand: CommandHandler = {
  name: 'case',
  usage: 'case <ref>',
  summary: 'Open a case: details and what you can do on it',
  permission: 'case.readStatus',
  async handle({ deps, actor, args }) {
    const outcome = await viewCase(deps, actor, args);
    return [
      cardFor(outcome, ({ record, statusOnly }) =>
        statusOnly
          ? caseStatusCard(record, actor.aadObjectId)
          : caseCard(record, today(deps), { role: actor.role, refreshFor: [actor.aadObjectId] }),
      ),
    ];
  },
};
