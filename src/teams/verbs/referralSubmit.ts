import { referralConfirmationCard, referralFormCard } from '../../cards/referral';
import { newId } from '../../services/core/context';
import { readReferralAhead, submitReferral } from '../../services/referrals/referral';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { submissionIdOf } from './formSubject';

export const referralSubmit: VerbHandler = {
  verb: 'referral.submit',
  readAhead: readReferralAhead,
  async handle({ deps, actor, data }) {
    const outcome = await submitReferral(deps, actor, data);
    return cardFor(
      outcome,
      ({ record }) => referralConfirmationCard(record),
      (errors) =>
        referralFormCard(
          submissionIdOf(data, () => newId(deps)),
          data,
          errors,
        ),
    );
  },
};
