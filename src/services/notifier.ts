import type { AdaptiveCard } from '../cards/render';

/**
 * How use cases reach a person proactively (new referral, daily digest) without knowing Teams.
 * `src/teams/notifier.ts` implements it with stored conversation references.
 */
export type SendResult =
  | 'sent'
  /** We hold no conversation reference: they have never installed or messaged the bot. */
  | 'no_reference'
  /** Teams says the bot is gone for them (403/404): the reference was dropped. */
  | 'gone'
  /** Still failing after retries. */
  | 'failed';

/** A member of staff to reach: their service tells the store where their conversation is kept. */
export interface Recipient {
  aadObjectId: string;
  serviceId: string;
}

export interface Notifier {
  sendCard(to: Recipient, card: AdaptiveCard): Promise<SendResult>;
}
