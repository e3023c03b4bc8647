import { referralFormCard } from '../../cards/referral';
import { newId } from '../../services/core/context';
import type { CommandHandler } from '../handler';

/** `refer`: a blank referral form with a fresh submissionId, which makes its submit idempotent. */
export const refer: CommandHandler = {
  name: 'refer',
  usage: 'refer',
  summary: 'Refer a patient to the return-to-work service',
  permission: 'refer',
  async handle({ deps }) {
    return [referralFormCard(newId(deps))];
  },
};
