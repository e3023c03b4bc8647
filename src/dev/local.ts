import type { Config } from '../config';
import type { Logger } from '../log';
import type { ServiceDeps } from '../services/core/context';
import { loadDemoCaseload } from './demoData';
import { ensureDemoStaff } from './demoStaff';
import { startPlayground } from './playground';

/**
 * What local mode adds once the bot listens: the playground's people as staff, the demo caseload
 * (DEMO_DATA=1) and the Agents Playground itself. Nothing here runs with an app id: inbound
 * authentication is then on and these made-up people must never become staff of a real service.
 * Returns how to stop what it started.
 */
export async function startLocalExtras(
  config: Config,
  deps: ServiceDeps,
  botUrl: string,
  log: Logger,
): Promise<() => Promise<void>> {
  if (config.authenticationEnabled) return async () => {};
  // Tests start bots with PLAYGROUND=0 and their own cast: demo people only when someone will use them.
  if (config.playground || config.demoData) await ensureDemoStaff(deps, config.defaultServiceId);
  if (config.demoData) await loadDemoCaseload(deps, config.defaultServiceId);
  if (!config.playground) return async () => {};
  const playground = await startPlayground({ botEndpoint: `${botUrl}/api/messages`, log });
  if (playground) {
    // Said plainly on stdout too: it is the one thing a newcomer must read among the JSON log lines.
    console.log(
      `\n  Open ${playground.url} to chat with the bot in Microsoft 365 Agents Playground (a local Teams client).\n`,
    );
  }
  return async () => playground?.stop();
}
