import { noticeCard } from '../../cards/notice';
import { showMyDay } from '../../services/digest/myDay';
import { setMyDay } from '../../services/staff/staff';
import type { CommandHandler } from '../handler';
import { cardFor } from '../outcomeCards';

/**
 * `today`: the asker's "my day" list now, not marked as sent (CONTRACT §2). `today off` / `today on`
 * turn the morning list off and on again (kept on their staff record).
 */
export const today: CommandHandler = {
  name: 'today',
  usage: 'today [off | on]',
  summary: 'Your "my day" list now; "today off" / "today on" stops or restarts the morning list',
  permission: 'case.work',
  async handle({ deps, actor, args }) {
    const word = args.toLowerCase();
    if (word === 'off' || word === 'on') {
      const on = word === 'on';
      return [
        cardFor(await setMyDay(deps, actor, on), () =>
          noticeCard(
            on ? 'Morning list on' : 'Morning list off',
            on
              ? 'You will get your "my day" list each working morning when your cases need something. Send "today off" to stop it.'
              : 'You will no longer get a "my day" list in the morning. "today" still shows it; send "today on" to have it again.',
          ),
        ),
      ];
    }
    return [cardFor(await showMyDay(deps, actor, { preview: true }), (p) => p.card)];
  },
};
