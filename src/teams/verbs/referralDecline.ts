import { caseCard } from '../../cards/case';
import { declineFormCard } from '../../cards/decline';
import { declineReferral } from '../../services/referrals/decline';
import { today } from '../../services/core/context';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { readCaseAhead } from '../../services/cases/access';

/** `referral.decline` with a reason; without one the small decline form comes back with the problem named. */
export const referralDecline: VerbHandler = {
  verb: 'referral.decline',
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const outcome = await declineReferral(deps, actor, data);
    return cardFor(
      outcome,
      ({ record, already }) =>
        caseCard(record, today(deps), {
          role: actor.role,
          refreshFor: [actor.aadObjectId],
          banner: already
            ? `${record.ref} had already been declined.`
            : `Referral ${record.ref} declined. The referrer can see its status.`,
          bannerStyle: 'warning',
        }),
      (errors) => declineFormCard(data, errors),
    );
  },
};
