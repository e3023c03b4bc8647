import { caseCard, caseStatusCard, newReferralCard } from '../../cards/case';
import { today } from '../../services/core/context';
import { viewCase } from '../../services/cases/case';
import type { VerbHandler } from '../handler';
import { cardFor } from '../outcomeCards';
import { readCaseAhead } from '../../services/cases/access';

export const CASE_REFRESH = 'case.refresh';

/**
 * `case.refresh`: sent by Teams itself (`trigger: "automatic"`) when someone listed in a card's
 * `refresh.userIds` opens it (CONTRACT §3). It answers the card as this reader should see it now, of
 * the kind the card says it is (`view`: an alert stays an alert, a hub a hub), through the same checks
 * as `case <ref>`: someone of another service, or a nurse who did not refer it, gets the refusal and
 * nothing of the case (someone no longer on staff never gets here: the gate answers them). A read:
 * one point read of the case and one audit entry.
 */
export const caseRefresh: VerbHandler = {
  verb: CASE_REFRESH,
  readAhead: readCaseAhead,
  async handle({ deps, actor, data }) {
    const outcome = await viewCase(deps, actor, { caseId: data.caseId }, 'refresh');
    return cardFor(outcome, ({ record, statusOnly }) => {
      if (statusOnly) return caseStatusCard(record, actor.aadObjectId);
      if (data.view === 'alert') return newReferralCard(record, today(deps), [], actor);
      return caseCard(record, today(deps), { role: actor.role, refreshFor: [actor.aadObjectId] });
    });
  },
};
