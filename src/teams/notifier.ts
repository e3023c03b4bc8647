import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render';
import type { Logger } from '../log';
import type { Notifier, SendResult } from '../services/notifier';
import type { ConversationRepository } from '../store/types';
import type { ConversationKeeper } from './conversations';

/** Proactive 1:1 messages through stored conversation references. */
export class TeamsNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly references: ConversationRepository,
    private readonly keeper: ConversationKeeper,
    private readonly log: Logger,
  ) {}

  async sendCard(aadObjectId: string, card: AdaptiveCard): Promise<SendResult> {
    const stored = await this.references.get(aadObjectId);
    if (!stored) return 'no_reference';
    try {
      await this.adapter.continueConversationAsync(this.appId, stored.reference as Partial<ConversationReference>, async (context) => {
        await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      });
      return 'sent';
    } catch (e) {
      const status = (e as { statusCode?: number }).statusCode;
      if (status === 403 || status === 404) {
        await this.keeper.forget(aadObjectId);
        this.log.warn({ event: 'proactive.gone', aadObjectId, status }, 'bot no longer reachable for this person; reference dropped');
        return 'gone';
      }
      this.log.warn({ event: 'proactive.failed', aadObjectId, status }, 'proactive send failed');
      return 'failed';
    }
  }
}
