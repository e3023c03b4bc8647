import type { AdaptiveCard } from '../cards/render';
import type { Permission } from '../domain/roles';
import type { Actor, ServiceDeps } from '../services/core/context';
import type { ReadAhead } from '../store/readAhead';

/**
 * Command and verb handlers are plain functions of (deps, actor, input) → cards. They never see
 * botbuilder, so each is small and tested on its own; `bot.ts` does the Teams plumbing around them.
 */
export type Reply = AdaptiveCard | string;

export interface CommandContext {
  deps: ServiceDeps;
  actor: Actor;
  /** Text after the command word, trimmed. */
  args: string;
}

export interface CommandHandler {
  /** The command word, lower case. */
  name: string;
  usage: string;
  summary: string;
  /** Shown in help only to roles that have it; the service checks again. */
  permission?: Permission;
  /** Shows no patient data, so it may answer in a team channel or group chat too. */
  safeOutsidePersonalChat?: boolean;
  handle(ctx: CommandContext): Promise<Reply[]>;
}

export interface VerbContext {
  deps: ServiceDeps;
  actor: Actor;
  /** `value.action.data`: the card's inputs and hidden data. */
  data: Record<string, unknown>;
}

export interface VerbHandler {
  verb: string;
  handle(ctx: VerbContext): Promise<AdaptiveCard>;
  /**
   * The reads its use case makes first, started beside the staff read rather than after it, in the
   * service the person was last seen in (bot.ts). Optional: it only saves a round trip.
   */
  readAhead?(ahead: ReadAhead, serviceId: string, data: Record<string, unknown>): void;
}
