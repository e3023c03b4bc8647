import { ROLE_LABELS, type Role } from '../domain/roles';
import { renderCard, type AdaptiveCard } from './render';

export interface HelpEntry {
  usage: string;
  summary: string;
}

/** The help card lists only what the reader's role may use, so nobody is offered a refusal. */
export function helpCard(role: Role, name: string, entries: HelpEntry[]): AdaptiveCard {
  const quick = [
    { title: 'Refer a patient', command: 'refer' },
    { title: 'Who am I?', command: 'whoami' },
  ];
  return renderCard('help', {
    intro: `Hello ${name} (${ROLE_LABELS[role]}). Type one of these commands:`,
    commands: entries.map((e) => ({ name: shownUsage(e.usage), description: e.summary })),
    quick,
  });
}

/**
 * Usage as a card can show it: renderers take `<ref>` for an HTML tag and drop it (help read "case"
 * for "case <ref>"). A reference becomes an example one, anything else in angle brackets ‹…›.
 */
export function shownUsage(usage: string): string {
  return usage.replace(/<ref>/g, 'RTW-0042').replace(/<([^<>]*)>/g, '‹$1›');
}
