import { statsCard } from '../../cards/stats';
import { noticeCard } from '../../cards/notice';
import type { StatsPeriod } from '../../domain/nacr';
import { serviceNameOf } from '../../services/core/context';
import { showStats } from '../../services/reports/stats';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

const PERIODS: Record<string, StatsPeriod> = { '': 'month', month: 'month', year: 'year', all: 'all' };

/** `stats [month|year|all]` (lead): what the service achieves, as a card that reads on a phone. */
export const stats: CommandHandler = {
  name: 'stats',
  usage: 'stats [month | year | all]',
  summary: 'The service’s figures: referrals, first contact, sessions, discharges, return to work',
  permission: 'stats',
  async handle({ deps, actor, args }) {
    const period = PERIODS[args.trim().toLowerCase()];
    if (!period)
      return [
        noticeCard(
          'Which period?',
          'Send “stats” for this month, “stats year” for this year, or “stats all” since the start.',
          'warning',
        ),
      ];
    return [cardFor(await showStats(deps, actor, period), (s) => statsCard(s, serviceNameOf(deps, actor.serviceId)))];
  },
};
