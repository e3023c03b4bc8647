import { caseCard } from '../../cards/case';
import { sessionFormCard } from '../../cards/casework';
import { notFoundCard } from '../../cards/notice';
import { newId, today } from '../../services/context';
import { logSession } from '../../services/sessions';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formSubject, submissionIdOf } from './formSubject';

export const sessionSubmit: VerbHandler = {
  verb: 'session.submit',
  async handle({ deps, actor, data }) {
    const outcome = await logSession(deps, actor, data);
    if (outcome.kind === 'invalid') {
      const c = await formSubject(deps, actor, data);
      return c ? sessionFormCard(c, submissionIdOf(data, () => newId(deps)), data, outcome.errors) : notFoundCard('This case was not found in your service.');
    }
    return cardFor(outcome, ({ record, duplicate }) =>
      caseCard(record, today(deps), { role: actor.role, banner: duplicate ? 'This session had already been saved; nothing was added.' : `Session saved on ${record.ref}.` }),
    );
  },
};
