import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../log';
import type { CardJson, Notifier, Recipient, SendReceipt, SendResult } from '../services/core/ports';
import type { ConversationRepository } from '../store/types';
import type { ConversationKeeper } from './conversations';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** Backoff without Retry-After: base * 2^(attempt-1), with jitter, capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the send counts as failed and a later run retries. */
  maxRetryAfterMs: number;
  /** Test seam: how to wait. */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The connector SDK's own retry policy (core-rest-pipeline's defaultRetryPolicy). */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

function statusOf(e: unknown): number | undefined {
  const s = (e as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** Retry-After in ms (seconds or an HTTP date), from the connector's error response. */
export function retryAfterMs(e: unknown, now = Date.now()): number | undefined {
  const headers = (e as { response?: { headers?: { get?: (name: string) => string | undefined } } })?.response?.headers;
  const raw = headers?.get?.('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** 429, 5xx and network failures (no status) may succeed later; 4xx other than 429 will not. */
function retryable(status: number | undefined): boolean {
  return status === undefined || status === 429 || status >= 500;
}

/**
 * Proactive 1:1 messages through stored conversation references, with one retry policy: ours.
 * botframework-connector's HTTP pipeline already retries 429 (waiting out any Retry-After, however
 * long) and 5xx (3 times, exponential); we remove that policy from each proactive turn's connector
 * client so that retries are not multiplied and no Retry-After can hold the digest for an hour.
 */
export class TeamsNotifier implements Notifier {
  private readonly retry: RetryPolicy;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly references: ConversationRepository,
    private readonly keeper: ConversationKeeper,
    private readonly log: Logger,
    retry: Partial<RetryPolicy> = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...retry };
  }

  async sendCard(to: Recipient, card: CardJson): Promise<SendReceipt> {
    let activityId: string | undefined;
    const result = await this.deliver(to, 'send', async (context) => {
      const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      activityId = sent?.id;
    });
    return result === 'sent' && activityId ? { result, activityId } : { result };
  }

  /** `updateActivity` of a message sent earlier: Teams replaces the card where it stands in the chat. */
  async updateCard(to: Recipient, activityId: string, card: CardJson): Promise<SendResult> {
    return this.deliver(to, 'update', async (context) => {
      await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: activityId });
    });
  }

  /** One proactive turn in `to`'s 1:1 chat doing `act`, with our retries; 403/404 drop the reference. */
  private async deliver(
    to: Recipient,
    what: 'send' | 'update',
    act: (context: TurnContext) => Promise<void>,
  ): Promise<SendResult> {
    const { aadObjectId } = to;
    const stored = await this.references.get(aadObjectId, to.serviceId);
    if (!stored) return 'no_reference';
    const { maxAttempts, baseDelayMs, maxDelayMs, maxRetryAfterMs, sleep } = this.retry;
    for (let attempt = 1; ; attempt++) {
      try {
        // The adapter hands errors thrown in the turn to onTurnError, which logs and swallows them:
        // keep the send's error ourselves, or a 429/403 would look like success.
        let failure: { error: unknown } | undefined;
        await this.adapter.continueConversationAsync(
          this.appId,
          stored.reference as Partial<ConversationReference>,
          async (context) => {
            this.withoutSdkRetry(context);
            try {
              await act(context);
            } catch (error) {
              failure = { error };
            }
          },
        );
        if (failure) throw failure.error;
        if (attempt > 1)
          this.log.info(
            { event: 'proactive.sent_after_retry', aadObjectId, what, attempts: attempt },
            'proactive send succeeded after retrying',
          );
        return 'sent';
      } catch (e) {
        const status = statusOf(e);
        if (status === 403 || status === 404) {
          // 403: the bot was removed (or blocked) by this person; 404: the conversation is gone.
          await this.keeper.forget(aadObjectId);
          this.log.warn(
            { event: 'proactive.gone', aadObjectId, what, status },
            'bot no longer reachable for this person; reference dropped',
          );
          return 'gone';
        }
        const after = retryAfterMs(e);
        if (!retryable(status) || attempt >= maxAttempts || (after !== undefined && after > maxRetryAfterMs)) {
          this.log.warn(
            { event: 'proactive.failed', aadObjectId, what, status, attempts: attempt, retryAfterMs: after },
            'proactive send failed',
          );
          return 'failed';
        }
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        const delay = after !== undefined ? after : Math.round(backoff / 2 + Math.random() * (backoff / 2));
        this.log.info(
          { event: 'proactive.retry', aadObjectId, what, status, attempt, delayMs: delay },
          'proactive send will be retried',
        );
        await sleep(delay);
      }
    }
  }

  /** Removes the SDK's retry policy from this turn's connector client (a fresh client per proactive turn). */
  private withoutSdkRetry(context: TurnContext): void {
    const client = context.turnState.get(this.adapter.ConnectorClientKey) as
      | { client?: { pipeline?: { removePolicy(p: { name: string }): unknown[] } } }
      | undefined;
    const removed = client?.client?.pipeline?.removePolicy({ name: SDK_RETRY_POLICY });
    if (!removed?.length)
      this.log.debug({ event: 'proactive.sdk_retry_not_found' }, 'connector pipeline had no retry policy to remove');
  }
}
