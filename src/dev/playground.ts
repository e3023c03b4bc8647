import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../log';
import { DEMO_PEOPLE, type DemoPerson } from './demoStaff';

/**
 * Local mode only: Microsoft 365 Agents Playground (a Teams-like web client) beside the bot, so that a
 * newcomer without a Teams tenant can use the bot by clicking. Never started with an app id.
 */
export const PLAYGROUND_PORT = 56150;
export const PLAYGROUND_TENANT = '00000000-0000-4000-8000-00000000de00';
export const PLAYGROUND_BOT = { id: '28:cardiac-rtw-bot-local', name: 'Return to work (local)' };

export interface PlaygroundOptions {
  /** The bot's loopback messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  port?: number;
  /** Defaults to the repository's `.m365agentsplayground.yml`. */
  configPath?: string;
  log: Logger;
  /** Where the playground writes its own log file (it defaults to ./devTools). */
  logFile?: string;
}

export interface RunningPlayground {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'node_modules'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

/** The playground's CLI script (what node_modules/.bin/agentsplayground links to), or null when not installed. */
export function playgroundCli(root = repoRoot()): string | null {
  const cli = path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  return existsSync(cli) ? cli : null;
}

/** True when nothing listens on `port` (checked the way the playground will bind: every interface). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the playground exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the playground did not answer in time');
}

/**
 * Starts the playground as a child process. Returns undefined (with a warning, never an error) when it
 * cannot: the port is busy (another bot already runs one; tests start many bots) or it is not installed.
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground | undefined> {
  const { log } = opts;
  const port = opts.port ?? PLAYGROUND_PORT;
  const root = repoRoot();
  const cli = playgroundCli(root);
  if (!cli) {
    log.warn(
      { event: 'playground.missing' },
      'Agents Playground is not installed (npm install adds it as a dev dependency); the bot runs without it',
    );
    return undefined;
  }
  // The playground itself falls back to a random port when its own is taken; a stray second copy
  // would only confuse, so a busy port means somebody already runs one: say so and carry on.
  if (!(await portIsFree(port))) {
    log.warn(
      { event: 'playground.port_busy', port },
      `port ${port} is busy, so the Agents Playground is not started (is another copy of the bot running?); the bot starts anyway`,
    );
    return undefined;
  }
  const configPath = opts.configPath ?? path.join(root, '.m365agentsplayground.yml');
  // Run with this Node (no .bin shim, which is a .cmd on Windows), with the loopback preload.
  const args = ['--require', path.join(__dirname, 'loopbackListen.js'), cli];
  args.push(
    '--app-endpoint',
    opts.botEndpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(port),
    '--disable-telemetry',
  );
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none', // never open a browser: the address is printed instead
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      ...(opts.logFile ? { M365_AGENTS_PLAYGROUND_LOGFILE: opts.logFile } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it also stops anything it spawned.
    detached: process.platform !== 'win32',
  });
  child.stdout?.resume();
  // Kept for the warning if it fails to start (its own messages: configuration, ports; no patient data).
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-600);
  });
  child.on('exit', (code, signal) => log.info({ event: 'playground.exit', code, signal }, 'Agents Playground stopped'));

  // A detached child outlives a bot that exits without stop() (an uncaught error): end it then too.
  const killOnExit = () => {
    try {
      if (child.pid && child.exitCode === null)
        process.kill(process.platform !== 'win32' ? -child.pid : child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.once('exit', killOnExit);

  const url = `http://localhost:${port}`;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
      else child.kill('SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilServing(url, child, 30000);
  } catch (e) {
    log.warn(
      { event: 'playground.failed', message: (e as Error).message, stderr: stderrTail.trim() },
      'the Agents Playground did not start; the bot runs without it',
    );
    await stop();
    return undefined;
  }
  log.info({ event: 'playground.started', url }, `Agents Playground (a local Teams client) is ready: open ${url}`);
  return { url, port, stop };
}

function yamlString(s: string): string {
  return JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar
}

function userYaml(p: DemoPerson, indent: string): string {
  const email = `${p.id}@example.invalid`;
  return [
    `id: ${yamlString(`29:${p.id}`)}`,
    `name: ${yamlString(p.name)}`,
    `userPrincipleName: ${yamlString(email)}`,
    `aadObjectId: ${yamlString(p.aadObjectId)}`,
    `givenName: ${yamlString(p.givenName)}`,
    `surname: ${yamlString(p.surname)}`,
    `email: ${yamlString(email)}`,
  ]
    .map((line, i) => (i === 0 ? line : indent + line))
    .join('\n');
}

/**
 * The playground's config (schema 0.1.1) with `current` as the person chatting; the other five are the
 * tenant's users (the schema wants exactly five). The repository's `.m365agentsplayground.yml` is this
 * with the lead as current user (a unit test keeps them equal); e2e tests write one per person.
 */
export function playgroundConfigYaml(current: DemoPerson = DEMO_PEOPLE[0]): string {
  const others = DEMO_PEOPLE.filter((p) => p !== current);
  return [
    '# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json',
    '# Local Microsoft 365 Agents Playground: made-up people, made staff of the default service in local mode only',
    '# (src/services/demoStaff.ts). Generated from src/dev/playground.ts: change both together.',
    'version: "0.1.1"',
    `tenantId: ${yamlString(PLAYGROUND_TENANT)}`,
    'bot:',
    `  id: ${yamlString(PLAYGROUND_BOT.id)}`,
    `  name: ${yamlString(PLAYGROUND_BOT.name)}`,
    'currentUser:',
    `  ${userYaml(current, '  ')}`,
    'users:',
    ...others.map((p) => `  - ${userYaml(p, '    ')}`),
    'personalChat:',
    `  id: ${yamlString(`a:personal-${current.id}`)}`,
    'groupChat:',
    '  id: "19:demo-group-chat"',
    '  name: "Cardiac rehab team"',
    'team:',
    '  id: "19:demo-team"',
    '  name: "Cardiac rehab"',
    '  aadGroupId: "de000000-0000-4000-8000-0000000000aa"',
    '  channels:',
    '    - id: "19:demo-channel-general"',
    '      name: "General"',
    '',
  ].join('\n');
}
