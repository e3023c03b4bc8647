import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Framework connector (Teams' side of the conversation). */
export interface RecordedRequest {
  method: string;
  path: string;
  conversationId?: string;
  body: any;
  /** The id answered for it (a sent activity's id; unique for this connector's life, `clear` or not). */
  answeredId: string;
}

export interface ScriptedFailure {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A stand-in for Teams' connector on loopback: records every activity the bot sends (replies and
 * proactive messages) and can be told to fail the next requests (429 with Retry-After, 500, 403).
 */
export class RecordingConnector {
  readonly requests: RecordedRequest[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private server?: http.Server;
  private waiters: (() => void)[] = [];
  private answered = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (this.holding) {
          // Held: neither answered nor recorded, as if Teams never got it (a process killed mid-send).
          this.held.push(res);
          for (const w of this.waiters.splice(0)) w();
          return;
        }
        const failure = this.failures.shift();
        if (failure) {
          res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
          res.end(JSON.stringify(failure.body ?? { error: { code: String(failure.status) } }));
          return;
        }
        let body: any = raw;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          // keep raw text
        }
        const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        const answeredId = `activity-${++this.answered}`;
        this.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          conversationId: m ? decodeURIComponent(m[1]) : undefined,
          body,
          answeredId,
        });
        for (const w of this.waiters.splice(0)) w();
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url === '/v3/conversations' && req.method === 'POST')
          res.end(JSON.stringify({ id: `conv-${this.answered}` }));
        else res.end(JSON.stringify({ id: answeredId }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** While true, requests are parked unanswered and unrecorded (`held`); see `release`. */
  holding = false;
  readonly held: http.ServerResponse[] = [];

  /** Stops holding; requests still parked are answered 503 (their sender may be long dead). */
  release(): void {
    this.holding = false;
    for (const res of this.held.splice(0)) {
      if (res.writableEnded || res.destroyed) continue;
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{}');
    }
  }

  /** The next `count` requests fail with `failure` (in order, before any success). */
  failNext(failure: ScriptedFailure, count = 1): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  /**
   * Activities (message bodies) the bot sent, optionally only to one conversation. Updates of messages
   * sent earlier (`updates`) are not new messages and are not listed here.
   */
  activities(conversationId?: string): any[] {
    return this.requests
      .filter((r) => r.conversationId && r.method !== 'PUT' && (!conversationId || r.conversationId === conversationId))
      .map((r) => r.body);
  }

  /**
   * Updates in place (`PUT /v3/conversations/{id}/activities/{activityId}`, what `updateActivity`
   * sends), optionally only in one conversation: which message, and its new body.
   */
  updates(conversationId?: string): { activityId: string; body: any }[] {
    return this.requests
      .filter((r) => r.method === 'PUT' && r.conversationId && (!conversationId || r.conversationId === conversationId))
      .map((r) => ({
        activityId: decodeURIComponent(/\/activities\/([^/?]+)/.exec(r.path)?.[1] ?? ''),
        body: r.body,
      }));
  }

  /** The id the connector answered for the message that carried `card` (what the bot must keep to update it). */
  activityIdOf(card: unknown): string | undefined {
    return this.requests.find(
      (r) => r.method === 'POST' && (r.body?.attachments ?? []).some((a: any) => a.content === card),
    )?.answeredId;
  }

  cards(conversationId?: string): any[] {
    return this.activities(conversationId).flatMap((a) => (a.attachments ?? []).map((x: any) => x.content));
  }

  clear(): void {
    this.requests.length = 0;
  }

  async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the connector');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
