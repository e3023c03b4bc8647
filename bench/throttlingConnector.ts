import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Teams' connector as the digest meets it: accepts proactive messages up to `ratePerSecond`
 * (a token bucket, like Teams' per-app limit), answers 429 with Retry-After beyond that, and counts
 * what it accepted per conversation, so that lost and duplicated digests both show. Bodies are not
 * kept, only their size (50,000 cases' worth of cards would be most of the memory otherwise).
 */
export class ThrottlingConnector {
  readonly accepted = new Map<string, number>();
  throttled = 0;
  maxBodyBytes = 0;
  firstAt = 0;
  lastAt = 0;
  url = '';
  private server?: http.Server;
  private tokens: number;
  private refilledAt = performance.now();

  constructor(
    readonly ratePerSecond: number,
    readonly burst = ratePerSecond,
    readonly retryAfterSeconds = 1,
  ) {
    this.tokens = burst;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let size = 0;
      req.on('data', (c: Buffer) => (size += c.length));
      req.on('end', () => {
        const now = performance.now();
        this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSecond);
        this.refilledAt = now;
        if (this.tokens < 1) {
          this.throttled++;
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(this.retryAfterSeconds) });
          res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'throttled' } }));
          return;
        }
        this.tokens -= 1;
        const m = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        const conversation = m ? decodeURIComponent(m[1]) : '(none)';
        this.accepted.set(conversation, (this.accepted.get(conversation) ?? 0) + 1);
        this.maxBodyBytes = Math.max(this.maxBodyBytes, size);
        if (!this.firstAt) this.firstAt = Date.now();
        this.lastAt = Date.now();
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `activity-${this.lastAt}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
