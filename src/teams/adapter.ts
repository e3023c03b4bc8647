import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
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

/** CloudAdapter with inbound JWT validation when an app id is set; anonymous (local mode) otherwise. */
export function createAdapter(settings: AdapterSettings, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
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
      if (context.activity.type === 'message') await context.sendActivity('Sorry, something went wrong. Nothing was saved; please try again.');
    } catch {
      // The connector may be the thing that failed; the log line above is what we can do.
    }
  };
  return adapter;
}
