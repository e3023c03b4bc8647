import { referralConfirmationCard, referralFormCard } from '../../cards/referral';
import { newId } from '../../services/context';
import { submitReferral } from '../../services/referrals';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';

export const referralSubmit: VerbHandler = {
  verb: 'referral.submit',
  async handle({ deps, actor, data }) {
    const outcome = await submitReferral(deps, actor, data);
    const submissionId = typeof data.submissionId === 'string' && data.submissionId ? data.submissionId : newId(deps);
    return cardFor(
      outcome,
      ({ record }) => referralConfirmationCard(record),
      (errors) => referralFormCard(submissionId, data, errors),
    );
  },
};
