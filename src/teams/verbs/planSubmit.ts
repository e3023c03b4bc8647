import { planFormCard } from '../../cards/plan';
import { newId } from '../../services/core/context';
import { planFormAgain, savePlan } from '../../services/cases/plan';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formAgain, submissionIdOf } from './formSubject';
import { readCaseAhead } from '../../services/cases/access';

/** `plan.submit`: saved → the plan card again, showing the new schedule and carrying the new revision. */
export const planSubmit: VerbHandler = {
  verb: 'plan.submit',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const outcome = await savePlan(deps, actor, data);
    if (outcome.kind === 'invalid')
      return formAgain(deps, actor, data, outcome.subject, (c, id) =>
        planFormCard(c, id, { data, errors: outcome.errors }),
      );
    return cardFor(outcome, ({ record, duplicate }) =>
      planFormCard(record, newId(deps), {
        banner: duplicate ? 'This plan had already been saved.' : `Plan saved on ${record.ref}.`,
      }),
    );
  },
};

/** `plan.addPhase`: one more phase row, every typed value kept; nothing is saved. */
export const planAddPhase: VerbHandler = {
  verb: 'plan.addPhase',
  async handle({ deps, actor, data }) {
    const outcome = await planFormAgain(deps, actor, data);
    const submissionId = submissionIdOf(data, () => newId(deps));
    return cardFor(outcome, (record) => planFormCard(record, submissionId, { data, addRow: true }));
  },
};
