import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
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

/**
 * The SDK answers a token with a bad signature with 500 (the JWT library's error escapes as is);
 * a forged token is the caller's fault and must get 401 like every other bad token.
 */
class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (e) {
      if (TOKEN_REJECTIONS.has((e as Error)?.name))
        throw new AuthenticationError(`Unauthorized: ${(e as Error).message}`, StatusCodes.UNAUTHORIZED);
      throw e;
    }
  }
}

/** CloudAdapter with inbound JWT validation when an app id is set; anonymous (local mode) otherwise. */
export function createAdapter(settings: AdapterSettings, log: Logger): CloudAdapter {
  const auth = new StrictAuthentication({
    MicrosoftAppId: settings.appId ?? '',
    MicrosoftAppPassword: settings.appPassword ?? '',
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId ?? '',
    ...settings.extra,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
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
