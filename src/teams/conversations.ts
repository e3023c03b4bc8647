import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from '../log';
import type { ConversationRepository, JobRepository } from '../store/types';

/** Where people who are not (yet) staff keep their reference until a lead adds them (purged after 30 days). */
export { UNASSIGNED_SERVICE } from '../services/core/audit';
import { UNASSIGNED_SERVICE } from '../services/core/audit';

/** Where the once-only welcome claims live (the jobs container, partitioned by `serviceId`). */
export const WELCOME_PARTITION = '_welcome';

/**
 * Keeps each person's 1:1 conversation reference (CONTRACT §5: a lead is reachable once they have
 * installed or messaged the bot). Only personal chats are kept: proactive messages are 1:1.
 */
export class ConversationKeeper {
  /**
   * What this instance last saw saved, to spare a store read on every message. Entries go stale
   * after a while and install events skip it: another instance may have dropped the reference
   * (a 403 after an uninstall) since, and a re-install must always be written.
   */
  private readonly lastSaved = new Map<string, { key: string; at: number }>();
  static readonly CACHE_MS = 10 * 60_000;

  constructor(
    private readonly repo: ConversationRepository,
    private readonly log: Logger,
    /** Claims that make the welcome once-only across events and instances; none: every first sight welcomes. */
    private readonly claims?: Pick<JobRepository, 'claimDelivery' | 'releaseDelivery'>,
  ) {}

  /**
   * True for exactly one caller per person until they uninstall: Teams and Agents Playground send
   * installationUpdate and conversationUpdate together on first contact, and both saw "no reference
   * yet". The claim is a create that fails for the second (409), on any instance. It uses the digest's
   * claim-once record in the jobs container, in a partition of its own (date "welcome").
   */
  async claimWelcome(aadObjectId: string, now: Date): Promise<boolean> {
    if (!this.claims) return true;
    const aad = aadObjectId.toLowerCase();
    return this.claims.claimDelivery({
      id: `welcome:${aad}`,
      serviceId: WELCOME_PARTITION,
      kind: 'digest.delivery',
      date: 'welcome',
      aadObjectId: aad,
      state: 'sent',
      holder: 'welcome',
      at: now.toISOString(),
    });
  }

  /** Saves the reference when it changed; `isNew` is true the first time this person is seen. */
  async remember(
    activity: Activity,
    serviceId: string | undefined,
    now: Date,
    opts: { install?: boolean } = {},
  ): Promise<{ isNew: boolean }> {
    const aad = activity.from?.aadObjectId?.toLowerCase();
    const type = activity.conversation?.conversationType;
    if (!aad || (type && type !== 'personal')) return { isNew: false };
    const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
    delete reference.activityId; // not part of where to send, and changes every turn
    const partition = serviceId ?? UNASSIGNED_SERVICE;
    const key = JSON.stringify([partition, reference]);
    const cached = this.lastSaved.get(aad);
    if (!opts.install && cached?.key === key && now.getTime() - cached.at < ConversationKeeper.CACHE_MS)
      return { isNew: false };
    const existing = await this.repo.get(aad);
    const unchanged =
      existing && existing.serviceId === partition && JSON.stringify([existing.serviceId, existing.reference]) === key;
    if (!unchanged) {
      await this.repo.save({
        id: aad,
        serviceId: partition,
        reference: reference as Record<string, unknown>,
        updatedAt: now.toISOString(),
      });
      this.log.debug({ event: 'conversation.saved', aadObjectId: aad }, 'conversation reference saved');
    }
    this.lastSaved.set(aad, { key, at: now.getTime() });
    return { isNew: !existing };
  }

  async forget(aadObjectId: string): Promise<void> {
    const aad = aadObjectId.toLowerCase();
    this.lastSaved.delete(aad);
    await this.repo.remove(aad);
    // Installed again later, they are welcomed again.
    await this.claims?.releaseDelivery(WELCOME_PARTITION, `welcome:${aad}`);
  }
}
