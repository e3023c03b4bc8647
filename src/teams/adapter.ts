import {
  Channels,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../log';

export interface AdapterSettings {
  appId?: string;
  appPassword?: string;
  appType: string;
  tenantId?: string;
  /**
   * Extra Bot Framework settings (e.g. ToBotFromChannelOpenIdMetadataUrl). Tests use them to point
   * token validation at a loopback OpenID server; production leaves them unset.
   */
  extra?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
}

/** Errors of the JWT library that mean "this token is not good", not "we could not check it". */
const TOKEN_REJECTIONS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** Set while the SDK checks one request's token (see quietSdkConsole). */
const authenticating = new AsyncLocalStorage<boolean>();
let sdkConsoleQuieted = false;

/**
 * The SDK's token check prints to stderr itself: `console.error(err)` (a multi-line stack) for an
 * expired token, and every signing key it holds (PEM, many lines) for a token whose signature does not
 * verify. Anyone can send either, as often as they like. Calls to console.error made while a token is
 * being checked (only there: an AsyncLocalStorage marks that work) are dropped; the refusal is logged
 * once, as a structured line, by TeamsAdapter.serve. Every other console.error passes untouched.
 */
function quietSdkConsole(): void {
  if (sdkConsoleQuieted) return;
  sdkConsoleQuieted = true;
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (authenticating.getStore()) return;
    original.apply(console, args);
  };
}

/**
 * The SDK answers a token with a bad signature with 500 (the JWT library's error escapes as is);
 * a forged token is the caller's fault and must get 401 like every other bad token.
 */
class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await authenticating.run(true, () => super.authenticateRequest(activity, authHeader));
    } catch (e) {
      if (TOKEN_REJECTIONS.has((e as Error)?.name))
        throw new AuthenticationError(`Unauthorized: ${(e as Error).message}`, StatusCodes.UNAUTHORIZED);
      throw e;
    }
  }
}

/** What `serve` needs of an HTTP request and its answer (restify's, in this bot). */
export interface InboundRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}
export interface InboundResponse {
  status(code: number): unknown;
  send(body?: unknown): unknown;
  end(): unknown;
}

/** A channel id as it may be logged: short, plain characters only (it comes from the caller). */
function loggable(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 40).replace(/[^A-Za-z0-9._-]/g, '?') : typeof value;
}

/** The string timestamps of an activity as Dates, as CloudAdapter.process does before a turn. */
function fixTimestamps(activity: Activity): void {
  const a = activity as unknown as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    if (typeof a[field] === 'string') {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
}

/**
 * CloudAdapter with one entry for POST /api/messages, in place of `process`:
 * - only activities of the `msteams` channel run the bot (CONTRACT §6). Any other channel gets 403
 *   before authentication or any turn: a 403, not a silent 200, so that an operator who enables
 *   another channel on the Azure Bot (Web Chat, Direct Line) sees it refused in the channel's health
 *   instead of a bot that seems to ignore people. The Agents Playground of local mode and tests send
 *   `msteams` (shared/fixtures/agents-playground-activities.jsonl), so local mode is unaffected.
 * - a refused token is one structured warn line. `process` prints every refusal with console.error
 *   as a multi-line stack on stderr: anyone could fill the log with unauthenticated POSTs.
 */
export class TeamsAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    private readonly log: Logger,
  ) {
    super(auth);
  }

  async serve(
    req: InboundRequest,
    res: InboundResponse,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const end = (status: number, body?: unknown) => {
      res.status(status);
      if (body !== undefined) res.send(body);
      res.end();
    };
    const activity = req.body as Activity;
    if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string' || !activity.type)
      return end(StatusCodes.BAD_REQUEST, { code: 'BadRequest', message: 'not a Bot Framework activity' });
    if (activity.channelId !== Channels.Msteams) {
      this.log.warn(
        { event: 'activity.refused', reason: 'channel', channel: loggable(activity.channelId) },
        'activity of another channel than Microsoft Teams refused',
      );
      return end(403, { code: 'Forbidden', message: 'this bot serves Microsoft Teams only' });
    }
    fixTimestamps(activity);
    const header = req.headers.authorization;
    const authHeader = typeof header === 'string' ? header : '';
    try {
      const invokeResponse = await this.processActivity(authHeader, activity, logic);
      return end(invokeResponse?.status ?? StatusCodes.OK, invokeResponse?.body);
    } catch (e) {
      if (e instanceof AuthenticationError) {
        this.log.warn(
          {
            event: 'auth.refused',
            reason: authHeader ? 'invalid_token' : 'no_token',
            // The SDK's and the JWT library's words (e.g. "jwt expired"); they never hold the token.
            detail: String((e as Error).message ?? '').slice(0, 160),
          },
          'activity refused: not authenticated',
        );
        return end(StatusCodes.UNAUTHORIZED, {
          code: 'Unauthorized',
          message: 'a valid Bot Framework token is needed',
        });
      }
      this.log.error(
        { event: 'adapter.error', error: (e as Error)?.name, message: (e as Error)?.message },
        'activity could not be processed',
      );
      return end(StatusCodes.INTERNAL_SERVER_ERROR, { code: 'InternalError', message: 'try again' });
    }
  }
}

/** CloudAdapter with inbound JWT validation when an app id is set; anonymous (local mode) otherwise. */
export function createAdapter(settings: AdapterSettings, log: Logger): TeamsAdapter {
  const auth = new StrictAuthentication({
    MicrosoftAppId: settings.appId ?? '',
    MicrosoftAppPassword: settings.appPassword ?? '',
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId ?? '',
    ...settings.extra,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  quietSdkConsole();
  const adapter = new TeamsAdapter(auth, log);
  adapter.onTurnError = async (context, error) => {
    log.error({ event: 'adapter.error', error: error?.name, message: error?.message }, 'unhandled turn error');
    try {
      if (context.activity.type === 'message')
        await context.sendActivity('Sorry, something went wrong. Nothing was saved; please try again.');
    } catch {
      // The connector may be the thing that failed; the log line above is what we can do.
    }
  };
  return adapter;
}
