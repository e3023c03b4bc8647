import { ActivityHandler, CardFactory, MessageFactory, TurnContext, type InvokeResponse } from 'botbuilder';
import { noticeCard, personalChatOnlyCard, storeUnavailableCard, unexpectedErrorCard } from '../cards/notice';
import { audit } from '../services/core/audit';
import { CARD_CONTENT_TYPE, type AdaptiveCard } from '../cards/render';
import type { Logger } from '../log';
import type { ServiceDeps } from '../services/core/context';
import { StoreUnavailableError } from '../store/errors';
import { ReadAhead } from '../store/readAhead';
import { collectOffers, type TurnOffer } from '../services/files/downloads';
import type { FileConsents } from '../services/files/fileConsent';
import { consentAttachments, FILE_CONSENT_INVOKE, handleFileConsentInvoke } from './fileConsent';
import { COMMANDS, help, parseCommand } from './commands';
import type { ConversationKeeper } from './conversations';
import { admit, type Admission } from './gate';
import type { Reply, VerbHandler } from './handler';
import { LastSeenService } from './lastSeenService';
import { VERBS } from './verbs';
import { CASE_REFRESH } from './verbs/caseRefresh';

export interface BotOptions {
  deps: ServiceDeps;
  /** Pending Teams file consents ("Save to OneDrive") for files a turn offered. */
  consents: FileConsents;
  conversations: ConversationKeeper;
  allowedTenantIds: readonly string[];
  log: Logger;
}

/** The Teams seam: turns activities into handler calls and handler results into activities. */
export class RehabBot extends ActivityHandler {
  private readonly lastSeen = new LastSeenService();

  constructor(private readonly opts: BotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      const aad = context.activity.from?.aadObjectId;
      if (aad && context.activity.conversation?.conversationType === 'personal')
        await this.opts.conversations.forget(aad);
      await next();
    });
  }

  /** Action.Execute arrives as invoke `adaptiveCard/action`; it always answers 200 with a card. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === FILE_CONSENT_INVOKE) return this.handleFileConsent(context);
    if (context.activity.name !== 'adaptiveCard/action') {
      const response = await super.onInvokeActivity(context);
      // Invokes the bot does not use (message extensions, task modules…) get a quiet no-op rather
      // than the SDK's 501: a 5xx means "the bot is broken" to Teams and to monitoring.
      if (response.status === 501) {
        this.opts.log.info(
          { event: 'invoke.unsupported', name: String(context.activity.name ?? '').slice(0, 60) },
          'unsupported invoke ignored',
        );
        return { status: 200 };
      }
      return response;
    }
    const { card, offers } = await this.handleCardAction(context);
    // A file made by a button (report.pdf) is also offered by Teams' file consent, as a message of its own.
    const consent = isPersonalChat(context)
      ? await consentAttachments(this.opts.consents, this.opts.deps.timezone, offers, this.opts.log)
      : [];
    if (consent.length) await context.sendActivity({ attachments: consent });
    return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } };
  }

  /** Allow or Decline on a file consent card: see teams/fileConsent.ts. */
  private async handleFileConsent(context: TurnContext): Promise<InvokeResponse> {
    let answer: InvokeResponse = { status: 200 };
    const replies = await this.safely('invoke:fileConsent', async () => {
      answer = await handleFileConsentInvoke(context, {
        consents: this.opts.consents,
        log: this.opts.log,
        gate: (c, a) => this.gate(c, a),
      });
      return [];
    });
    for (const reply of replies) await context.sendActivity(toActivity(reply));
    return answer;
  }

  private async gate(context: TurnContext, action: string): Promise<Admission> {
    const { deps, conversations, allowedTenantIds } = this.opts;
    const admission = await admit(deps, context.activity, allowedTenantIds, action);
    if (admission.admitted) this.lastSeen.set(admission.actor.aadObjectId, admission.actor.serviceId);
    else this.lastSeen.forget(context.activity.from?.aadObjectId);
    // A card refresh is Teams asking, not the person writing: a read that keeps nothing (CONTRACT §3).
    if (action === CASE_REFRESH) return admission;
    if (admission.admitted || admission.reason === 'not_staff') {
      await conversations.remember(
        context.activity,
        admission.admitted ? admission.actor.serviceId : undefined,
        deps.clock.now(),
      );
    }
    return admission;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const started = Date.now();
    const text = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '')
      .replace(/<at>[^<]*<\/at>/g, '')
      .trim();
    const { name, args } = parseCommand(text);
    const handler = COMMANDS.get(name) ?? help;
    let offers: TurnOffer[] = [];
    const replies = await this.safely(`message:${handler.name}`, async () => {
      const admission = await this.gate(context, `command.${handler.name}`);
      if (!admission.admitted) return [admission.card];
      if (!isPersonalChat(context) && !handler.safeOutsidePersonalChat)
        return [await this.refuseOutsidePersonalChat(admission, `command.${handler.name}`)];
      const turn = await collectOffers(() => handler.handle({ deps: this.opts.deps, actor: admission.actor, args }));
      offers = turn.offers;
      return turn.result;
    });
    const activities = replies.map(toActivity);
    // Files offered by link are also offered by Teams' file consent, in the same reply as the link.
    const consent = isPersonalChat(context)
      ? await consentAttachments(this.opts.consents, this.opts.deps.timezone, offers, this.opts.log)
      : [];
    if (consent.length) {
      const last = activities[activities.length - 1];
      if (last) last.attachments = [...(last.attachments ?? []), ...consent];
      else activities.push({ attachments: consent });
    }
    for (const activity of activities) await context.sendActivity(activity);
    this.opts.log.info(
      { event: 'turn', kind: 'message', command: handler.name, known: COMMANDS.has(name), ms: Date.now() - started },
      'message handled',
    );
  }

  private async handleCardAction(context: TurnContext): Promise<{ card: AdaptiveCard; offers: TurnOffer[] }> {
    const started = Date.now();
    const action = (
      context.activity.value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined
    )?.action;
    const verb = typeof action?.verb === 'string' ? action.verb : '';
    const data =
      action?.data && typeof action.data === 'object' && !Array.isArray(action.data)
        ? (action.data as Record<string, unknown>)
        : {};
    const handler = VERBS.get(verb);
    const deps = this.readAhead(context, handler, data);
    let offers: TurnOffer[] = [];
    const [card] = await this.safely(`invoke:${handler ? verb : 'unknown'}`, async () => {
      const admission = await this.gate(context, handler ? verb : 'card.unknown');
      if (!admission.admitted) return [admission.card];
      if (!isPersonalChat(context))
        return [await this.refuseOutsidePersonalChat(admission, handler ? verb : 'card.unknown')];
      if (!handler)
        return [
          noticeCard(
            'This button is not recognised',
            'The card may be out of date. Type "help" to see what you can do.',
            'warning',
          ),
        ];
      const turn = await collectOffers(() => handler.handle({ deps, actor: admission.actor, data }));
      offers = turn.offers;
      return [turn.result];
    });
    this.opts.log.info(
      { event: 'turn', kind: 'invoke', verb: handler ? verb : 'unknown', ms: Date.now() - started },
      'card action handled',
    );
    return { card: card as AdaptiveCard, offers };
  }

  /**
   * The reads the button's use case makes first, started now in the service the person was last seen
   * in, so that they go out beside the gate's staff read (one round trip instead of two with the store
   * a hop away). The gate still decides who they are; the use case still checks what it reads.
   */
  private readAhead(context: TurnContext, handler: VerbHandler | undefined, data: Record<string, unknown>) {
    const { deps } = this.opts;
    const serviceId = this.lastSeen.get(context.activity.from?.aadObjectId);
    if (!handler?.readAhead || !serviceId) return deps;
    try {
      const ahead = new ReadAhead(deps.store);
      handler.readAhead(ahead, serviceId, data);
      return { ...deps, store: ahead.store };
    } catch {
      // Only ever a saving: the turn reads as it would have without it.
      return deps;
    }
  }

  private async refuseOutsidePersonalChat(admission: Admission & { admitted: true }, action: string) {
    await audit(this.opts.deps, admission.actor, {
      action,
      outcome: 'refused',
      detail: { reason: 'not_personal_chat' },
    });
    return personalChatOnlyCard();
  }

  /** First contact only: Teams (and the playground) send install events again on every page load. */
  private async welcome(context: TurnContext): Promise<void> {
    const replies = await this.safely('install', async () => {
      const { deps, conversations, allowedTenantIds } = this.opts;
      const admission = await admit(deps, context.activity, allowedTenantIds, 'install');
      if (admission.admitted === false && admission.reason === 'tenant') return [];
      const { isNew } = await conversations.remember(
        context.activity,
        admission.admitted ? admission.actor.serviceId : undefined,
        deps.clock.now(),
        { install: true },
      );
      if (!isNew) return [];
      // Install and conversation start arrive together on first contact: one of them welcomes.
      const aad = context.activity.from?.aadObjectId;
      if (aad && !(await conversations.claimWelcome(aad, deps.clock.now()))) return [];
      if (!admission.admitted) return [admission.card];
      return help.handle({ deps, actor: admission.actor, args: '' });
    });
    for (const reply of replies) await context.sendActivity(toActivity(reply));
  }

  /** Store outages and bugs become a clear card; the user is never left without an answer. */
  private async safely(what: string, run: () => Promise<Reply[]>): Promise<Reply[]> {
    try {
      return await run();
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        this.opts.log.warn({ event: 'store.unavailable', during: what }, 'store unavailable');
        return [storeUnavailableCard()];
      }
      // Only the error's class and message: messages here come from code, not from patient data.
      this.opts.log.error(
        { event: 'turn.error', during: what, error: (e as Error)?.name, message: (e as Error)?.message },
        'unexpected error',
      );
      return [unexpectedErrorCard()];
    }
  }
}

/**
 * Channels and group chats are read by many: patient data goes only to a 1:1 chat. Teams names the
 * conversation type on every activity; one without it is not taken for a personal chat.
 */
function isPersonalChat(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'personal';
}

function toActivity(reply: Reply) {
  return typeof reply === 'string'
    ? MessageFactory.text(reply)
    : MessageFactory.attachment(CardFactory.adaptiveCard(reply));
}
