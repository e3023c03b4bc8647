import { caseCard } from '../../cards/case';
import { fitNoteFormCard } from '../../cards/casework';
import { notFoundCard } from '../../cards/notice';
import { newId, today } from '../../services/context';
import { recordFitNote } from '../../services/fitNotes';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formSubject, submissionIdOf } from './formSubject';

export const fitnoteSubmit: VerbHandler = {
  verb: 'fitnote.submit',
  async handle({ deps, actor, data }) {
    const outcome = await recordFitNote(deps, actor, data);
    if (outcome.kind === 'invalid') {
      const c = await formSubject(deps, actor, data);
      return c ? fitNoteFormCard(c, submissionIdOf(data, () => newId(deps)), data, outcome.errors) : notFoundCard('This case was not found in your service.');
    }
    return cardFor(outcome, ({ record, duplicate }) =>
      caseCard(record, today(deps), { role: actor.role, banner: duplicate ? 'This fit note had already been saved; nothing was added.' : `Fit note saved on ${record.ref}.` }),
    );
  },
};
