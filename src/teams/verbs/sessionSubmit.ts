import { caseCard } from '../../cards/case';
import { sessionFormCard } from '../../cards/session';
import { today } from '../../services/core/context';
import { logSession } from '../../services/cases/session';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formAgain } from './formSubject';
import { readCaseAhead } from '../../services/cases/access';

export const sessionSubmit: VerbHandler = {
  verb: 'session.submit',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const outcome = await logSession(deps, actor, data);
    if (outcome.kind === 'invalid')
      return formAgain(deps, actor, data, outcome.subject, (c, id) => sessionFormCard(c, id, data, outcome.errors));
    return cardFor(outcome, ({ record, duplicate }) =>
      caseCard(record, today(deps), {
        role: actor.role,
        refreshFor: [actor.aadObjectId],
        banner: duplicate
          ? 'This session had already been saved; nothing was added.'
          : `Session saved on ${record.ref}.`,
      }),
    );
  },
};
