import { caseCard } from '../../cards/case';
import { fitNoteFormCard } from '../../cards/fitnote';
import { today } from '../../services/core/context';
import { recordFitNote } from '../../services/cases/fitnote';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formAgain } from './formSubject';
import { readCaseAhead } from '../../services/cases/access';

export const fitnoteSubmit: VerbHandler = {
  verb: 'fitnote.submit',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const outcome = await recordFitNote(deps, actor, data);
    if (outcome.kind === 'invalid')
      return formAgain(deps, actor, data, outcome.subject, (c, id) => fitNoteFormCard(c, id, data, outcome.errors));
    return cardFor(outcome, ({ record, duplicate }) =>
      caseCard(record, today(deps), {
        role: actor.role,
        refreshFor: [actor.aadObjectId],
        banner: duplicate
          ? 'This fit note had already been saved; nothing was added.'
          : `Fit note saved on ${record.ref}.`,
      }),
    );
  },
};
