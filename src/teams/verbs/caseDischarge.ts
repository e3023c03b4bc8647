import { caseCard } from '../../cards/case';
import { dischargeFormCard } from '../../cards/casework';
import { notFoundCard } from '../../cards/notice';
import { newId, today } from '../../services/context';
import { dischargeCase } from '../../services/discharge';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formSubject, submissionIdOf } from './formSubject';

export const caseDischarge: VerbHandler = {
  verb: 'case.discharge',
  async handle({ deps, actor, data }) {
    const outcome = await dischargeCase(deps, actor, data);
    if (outcome.kind === 'invalid') {
      const c = await formSubject(deps, actor, data);
      return c ? dischargeFormCard(c, submissionIdOf(data, () => newId(deps)), data, outcome.errors) : notFoundCard('This case was not found in your service.');
    }
    return cardFor(outcome, ({ record, duplicate }) =>
      caseCard(record, today(deps), {
        role: actor.role,
        banner: duplicate ? `${record.ref} had already been discharged; nothing was changed.` : `${record.ref} discharged. It has left caseloads and can still be found.`,
      }),
    );
  },
};
