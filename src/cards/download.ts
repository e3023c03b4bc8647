import { DateTime } from 'luxon';
import type { OfferedFile } from '../services/files/downloads';
import { renderCard, type AdaptiveCard } from './render';

/** When a one-time link or file offer stops working, as a clock time in the service's zone. */
export function untilTime(expiresAt: Date, timezone: string): string {
  return DateTime.fromJSDate(expiresAt).setZone(timezone).toFormat('HH:mm');
}

/** A one-time download link in the asker's 1:1 chat: what it is, until when it works, and why not to forward it. */
export function downloadCard(opts: {
  title: string;
  text?: string;
  button: string;
  file: OfferedFile;
  timezone: string;
  facts?: { title: string; value: string }[];
}): AdaptiveCard {
  const until = untilTime(opts.file.expiresAt, opts.timezone);
  return renderCard('download', {
    title: opts.title,
    text: opts.text ?? '',
    facts: [
      { title: 'File', value: opts.file.filename },
      ...(opts.facts ?? []),
      { title: 'Link works', value: `once, until ${until}` },
    ],
    warning:
      'The link opens the file once in your browser and then stops working; it expires after a few minutes and the file is deleted from the bot. Save the file somewhere your organisation approves for patient data. Do not forward the link.',
    button: opts.button,
    url: opts.file.url,
  });
}
