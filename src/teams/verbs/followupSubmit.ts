import { caseCard } from '../../cards/case';
import { followUpFormCard } from '../../cards/followup';
import { followUpStanding } from '../../domain/followUp';
import { FOLLOW_UP_DUES } from '../../domain/vocabulary';
import { recordFollowUp } from '../../services/cases/followup';
import { today } from '../../services/core/context';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { formAgain, submissionIdOf } from './formSubject';
import { readCaseAhead } from '../../services/cases/access';

export const followupSubmit: VerbHandler = {
  verb: 'followup.submit',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const on = today(deps);
    const outcome = await recordFollowUp(deps, actor, data);
    if (outcome.kind === 'invalid')
      return formAgain(deps, actor, data, outcome.subject, (c, id) =>
        followUpFormCard(c, id, on, data, outcome.errors),
      );
    return cardFor(outcome, ({ record, duplicate }) => {
      const id = submissionIdOf(data, () => '');
      const saved = (record.followUps ?? []).find((x) => x.id === id);
      const standing = followUpStanding(record, on);
      const name = saved ? FOLLOW_UP_DUES.labels[saved.due] : 'follow-up';
      const banner = duplicate
        ? 'This follow-up had already been saved; nothing was added.'
        : standing.lostOn
          ? `Not reached, a third time in a row: ${record.ref} is closed as lost to follow-up.`
          : saved?.workStatus === 'not_reached'
            ? `Attempt recorded on ${record.ref}: not reached. The ${name} stays due.`
            : `${name.charAt(0).toUpperCase()}${name.slice(1)} recorded on ${record.ref}.`;
      return caseCard(record, on, {
        role: actor.role,
        refreshFor: [actor.aadObjectId],
        banner,
        ...(standing.lostOn && !duplicate ? { bannerStyle: 'warning' as const } : {}),
      });
    });
  },
};
