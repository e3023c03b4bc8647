import { renderCard, type AdaptiveCard } from './render';

export type NoticeStyle = 'default' | 'good' | 'attention' | 'warning' | 'accent';

/** A short message card: confirmations, refusals and problems all use it. */
export function noticeCard(
  title: string,
  text = '',
  style: NoticeStyle = 'default',
  facts: { title: string; value: string }[] = [],
): AdaptiveCard {
  return renderCard('notice', { title, text, style, facts });
}

export function forbiddenCard(message: string): AdaptiveCard {
  return noticeCard('Not allowed', message, 'warning');
}

export function notFoundCard(message: string): AdaptiveCard {
  return noticeCard('Not found', message, 'warning');
}

export function storeUnavailableCard(): AdaptiveCard {
  return noticeCard(
    'Could not save or read just now',
    'The records store did not answer. Nothing was lost and nothing half-saved: please try again in a minute. If this keeps happening, tell your service lead.',
    'attention',
  );
}

export function unexpectedErrorCard(): AdaptiveCard {
  return noticeCard(
    'Something went wrong',
    'The bot hit an unexpected problem and saved nothing. Please try again; if it happens again, tell your service lead.',
    'attention',
  );
}

export function strangerCard(aadObjectId: string | undefined): AdaptiveCard {
  return noticeCard(
    'This bot is for cardiac rehabilitation staff',
    'You are not on the staff list of a service using this bot, so it cannot show or change anything for you. ' +
      'If you work for the service, ask your service lead to add you' +
      (aadObjectId ? `, quoting your Teams id: ${aadObjectId}.` : '.'),
    'warning',
  );
}

export function tenantRefusedCard(): AdaptiveCard {
  return noticeCard(
    'Not available in your organisation',
    'This bot only serves the NHS organisations it was set up for.',
    'warning',
  );
}

export function personalChatOnlyCard(): AdaptiveCard {
  return noticeCard(
    'Patient records stay in your 1:1 chat',
    'So that colleagues in this channel or group do not see patient details, the bot shows and changes records only in a personal chat. Open a chat with the bot and send the command there.',
    'warning',
  );
}
