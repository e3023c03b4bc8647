import { Writable } from 'node:stream';
import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { FixedClock } from '../../src/domain/clock';
import { createLogger } from '../../src/log';
import { conversationOf, installActivity, invokeActivity, messageActivity, type TestUser } from './activities';
import { RecordingConnector } from './recordingConnector';
import { sharedCosmos, uniqueDatabase } from './sharedCosmos';

export interface TestBotOptions {
  env?: Record<string, string>;
  /** Defaults to a fixed clock at 2026-11-25 10:00 London. */
  clock?: FixedClock;
  /** Another bot's database, to share a store (restart, two instances). */
  database?: string;
  /** Give the bot no COSMOS_ENDPOINT, so it starts its own embedded server. */
  ownEmbeddedStore?: boolean;
  appOptions?: AppOptions;
}

export interface HttpAnswer {
  status: number;
  body: any;
}

/**
 * The whole bot on a free loopback port, driven by real HTTP like Teams would, with a recording
 * connector for what it sends back and the log lines it writes.
 */
export class TestBot {
  readonly logLines: string[] = [];
  private constructor(
    readonly app: RunningApp,
    readonly connector: RecordingConnector,
    readonly clock: FixedClock,
    readonly database: string,
  ) {}

  static async start(opts: TestBotOptions = {}): Promise<TestBot> {
    const connector = await new RecordingConnector().start();
    const clock = opts.clock ?? new FixedClock(new Date('2026-11-25T10:00:00Z'));
    const database = opts.database ?? uniqueDatabase();
    const env: Record<string, string> = {
      PORT: '0',
      PLAYGROUND: '0',
      LOG_LEVEL: 'debug',
      DEFAULT_SERVICE_ID: 'mid-yorkshire',
      COSMOS_DATABASE: database,
      ...(opts.ownEmbeddedStore ? {} : { COSMOS_ENDPOINT: (await sharedCosmos()).endpoint }),
      ...opts.env,
    };
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    });
    const config = loadConfig(env);
    const app = await startApp(config, { clock, log: createLogger(config.logLevel, sink), ...opts.appOptions });
    const bot = new TestBot(app, connector, clock, database);
    (bot as { logLines: string[] }).logLines = lines;
    return bot;
  }

  get messagesUrl(): string {
    return `${this.app.url}/api/messages`;
  }

  async post(activity: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
    const res = await fetch(this.messagesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body };
  }

  /** Waits until work earlier turns started in the background (new-referral alerts) is done. */
  async settle(): Promise<void> {
    await this.app.deps.background.idle();
  }

  /** Sends a message as `user`; returns the cards the bot replied with in this turn. */
  async say(user: TestUser, text: string): Promise<any[]> {
    // An alert from an earlier turn must not be taken for this turn's answer.
    await this.settle();
    const before = this.connector.activities(conversationOf(user)).length;
    const answer = await this.post(messageActivity(user, text, this.connector.url));
    if (answer.status >= 300) throw new Error(`message answered ${answer.status}`);
    return this.connector
      .activities(conversationOf(user))
      .slice(before)
      .flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
  }

  /** Presses an Action.Execute button as `user`; returns the card of the invoke response. */
  async invoke(user: TestUser, verb: string, data: Record<string, unknown>): Promise<any> {
    const answer = await this.invokeRaw(user, verb, data);
    if (answer.status !== 200) throw new Error(`invoke answered ${answer.status}`);
    return answer.body.value;
  }

  async invokeRaw(user: TestUser, verb: string, data: Record<string, unknown>): Promise<HttpAnswer> {
    return this.post(invokeActivity(user, verb, data, this.connector.url));
  }

  async install(user: TestUser): Promise<any[]> {
    await this.settle();
    const before = this.connector.activities(conversationOf(user)).length;
    await this.post(installActivity(user, this.connector.url));
    return this.connector.activities(conversationOf(user)).slice(before);
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.connector.stop();
  }
}
