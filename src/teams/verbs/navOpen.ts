import { noticeCard } from '../../cards/notice';
import type { AdaptiveCard } from '../../cards/render';
import { COMMANDS, parseCommand } from '../commands';
import type { VerbHandler } from '../handler';

/** The verb of every navigation button ("Open", "Log a session", "Refer a patient"…). */
export const NAV_OPEN = 'nav.open';

/**
 * A navigation button: `{ command: "case RTW-0001" }` answered with the card that command gives, by
 * the same command handler and so with the same checks as typing it. Buttons used to be Action.Submit
 * with `msteams.imBack`, which Teams posts as typed text but Agents Playground does not post at all
 * ("Cannot add property msTeams"); Action.Execute works in both. Only a command of the table runs,
 * and only what its text says: nothing here is trusted beyond what typing the same text would allow.
 */
export const navOpen: VerbHandler = {
  verb: NAV_OPEN,
  async handle({ deps, actor, data }) {
    const text = typeof data.command === 'string' ? data.command.slice(0, 200) : '';
    const { name, args } = parseCommand(text);
    const handler = COMMANDS.get(name);
    if (!handler)
      return noticeCard(
        'This button is not recognised',
        'The card may be out of date. Type "help" to see what you can do.',
        'warning',
      );
    const replies = await handler.handle({ deps, actor, args });
    // An invoke answers one card: every command of the table answers one.
    const card = replies.find((r): r is AdaptiveCard => typeof r !== 'string');
    return card ?? noticeCard(String(replies[0] ?? ''), '', 'default');
  },
};
