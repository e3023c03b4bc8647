import { caseCard } from '../../cards/case';
import { dischargeFormCard } from '../../cards/discharge';
import { today } from '../../services/core/context';
import { dischargeCase } from '../../services/cases/discharge';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formAgain } from './formSubject';
import { readCaseAhead } from '../../services/cases/access';

export const caseDischarge: VerbHandler = {
  verb: 'case.discharge',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const outcome = await dischargeCase(deps, actor, data);
    if (outcome.kind === 'invalid')
      return formAgain(deps, actor, data, outcome.subject, (c, id) => dischargeFormCard(c, id, data, outcome.errors));
    return cardFor(outcome, ({ record, duplicate }) =>
      caseCard(record, today(deps), {
        role: actor.role,
        refreshFor: [actor.aadObjectId],
        banner: duplicate
          ? `${record.ref} had already been discharged; nothing was changed.`
          : `${record.ref} discharged. It has left caseloads and can still be found.`,
      }),
    );
  },
};
