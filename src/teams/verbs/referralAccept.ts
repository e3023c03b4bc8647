import { caseCard } from '../../cards/case';
import { acceptReferral } from '../../services/referrals/accept';
import { today } from '../../services/core/context';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { readCaseAhead } from '../../services/cases/access';

/** `referral.accept`: the answer replaces the clicker's card with the case hub, now theirs. */
export const referralAccept: VerbHandler = {
  verb: 'referral.accept',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const outcome = await acceptReferral(deps, actor, data);
    return cardFor(outcome, ({ record, already }) =>
      caseCard(record, today(deps), {
        role: actor.role,
        refreshFor: [actor.aadObjectId],
        banner: already
          ? `You already have ${record.ref}.`
          : `You have accepted ${record.ref}. It is on your caseload.`,
      }),
    );
  },
};
