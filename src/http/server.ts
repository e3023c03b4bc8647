import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { Logger } from '../log';

export interface HttpOptions {
  /** Runs the bot on one Bot Framework request (the adapter and bot live in src/teams/, the only botbuilder user). */
  messages: (req: Request, res: Response) => Promise<void>;
  ready: () => Promise<boolean>;
  log: Logger;
  /** Extra routes (digest trigger, file downloads) registered by their own modules. */
  routes?: ((server: Server) => void)[];
  /**
   * How long one answer of `ready` is reused by /readyz, in ms (default 5 s): the route is public,
   * so a caller polling it must not turn into a store read per call. 0 asks the store every time.
   */
  readyCacheMs?: number;
  /** Largest JSON body taken, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

const DEFAULT_READY_CACHE_MS = 5_000;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * On every answer, errors and 404s included. The bot is a JSON API that no browser should render,
 * frame, cache or sniff: HSTS (App Service terminates TLS; browsers ignore it over plain HTTP),
 * nosniff, no caching (invoke answers carry patient data), a CSP that allows nothing, no framing,
 * no referrer, and no reading of answers by other origins' pages.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Methods whose requests carry a body by design (CONTRACT §6: "POST routes take application/json only"). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The media type as restify's jsonBodyParser reads it (before any `;`, lower case, not trimmed). */
function mediaType(header: string | undefined): string | undefined {
  return header === undefined ? undefined : header.split(';')[0].toLowerCase();
}

type Refusal = { status: 413 | 415; reason: string };

/**
 * The door (CONTRACT §6): a body is JSON or nothing. Decided from the headers alone, before a byte of
 * the body is read, so nothing of a refused request is parsed, kept in memory or written to disk
 * (restify's full bodyParser wrote multipart file parts to the temp folder before any route ran).
 * A request with no body and no content type (a bare `curl -X POST` to the digest trigger) passes.
 */
export function refuseBody(
  req: {
    method?: string;
    headers: Record<string, string | string[] | undefined>;
  },
  maxBodyBytes: number,
): Refusal | undefined {
  const h = req.headers;
  const length = typeof h['content-length'] === 'string' ? Number(h['content-length']) : undefined;
  const hasBody = h['transfer-encoding'] !== undefined || (length !== undefined && length !== 0);
  if (!hasBody && !BODY_METHODS.has(req.method ?? '')) return undefined;
  const type = mediaType(typeof h['content-type'] === 'string' ? h['content-type'] : undefined);
  if (type !== undefined && type !== 'application/json') return { status: 415, reason: 'content_type' };
  if (type === undefined && hasBody) return { status: 415, reason: 'no_content_type' };
  // A compressed body would be inflated past the size limit, which restify counts before inflating.
  const encoding = h['content-encoding'];
  if (encoding !== undefined && String(encoding).toLowerCase() !== 'identity')
    return { status: 415, reason: 'content_encoding' };
  if (length !== undefined && !(length <= maxBodyBytes)) return { status: 413, reason: 'too_large' };
  return undefined;
}

/**
 * restify logs through the logger it is given (pino since restify 9). Hand it the app's, with the
 * objects restify may log cut down to what carries no body or header: at trace it logs every
 * response body, and on a formatter error the whole request. Never below info, whatever LOG_LEVEL.
 */
function restifyLogger(log: Logger): Logger {
  const omitted = () => '[omitted]';
  const child = log.child(
    { component: 'restify' },
    {
      serializers: {
        req: (r: { method?: unknown } | undefined) => ({ method: String(r?.method ?? '') }),
        res: (r: { statusCode?: unknown } | undefined) => ({ statusCode: Number(r?.statusCode) || undefined }),
        err: (e: { name?: unknown; statusCode?: unknown } | undefined) => ({
          name: String(e?.name ?? ''),
          statusCode: Number(e?.statusCode) || undefined,
        }),
        body: omitted,
        headers: omitted,
        value: omitted,
        config: omitted,
      },
    },
  );
  if (child.levelVal < 30) child.level = 'info';
  return child;
}

function isActivityShaped(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const a = body as { type?: unknown; conversation?: unknown; serviceUrl?: unknown };
  return (
    typeof a.type === 'string' &&
    a.type.length > 0 &&
    typeof a.serviceUrl === 'string' &&
    !!a.conversation &&
    typeof a.conversation === 'object'
  );
}

/** One store check per `ttlMs`, shared by the callers that arrive while it runs. */
function cachedReadiness(ready: () => Promise<boolean>, ttlMs: number): () => Promise<boolean> {
  let last: { at: number; ready: boolean } | undefined;
  let running: Promise<boolean> | undefined;
  return () => {
    if (last && Date.now() - last.at < ttlMs) return Promise.resolve(last.ready);
    running ??= ready()
      .catch(() => false)
      .then((answer) => {
        last = { at: Date.now(), ready: answer };
        running = undefined;
        return answer;
      });
    return running;
  };
}

/** The bot's HTTP face (CONTRACT §6). */
export function createHttpServer(opts: HttpOptions): Server {
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = restify.createServer({
    // No Server header: nothing to tell a prober about the stack.
    name: '',
    handleUncaughtExceptions: false,
    // restify's types still name bunyan's Logger; restify 12 takes a pino logger.
    log: restifyLogger(opts.log) as never,
  });

  const refusalBody = (refusal: Refusal) =>
    refusal.status === 415
      ? { code: 'UnsupportedMediaType', message: 'send application/json' }
      : { code: 'PayloadTooLarge', message: `at most ${maxBodyBytes} bytes` };
  // Unauthenticated noise: one line, never the path, a header or the body.
  const logRefusal = (method: string | undefined, refusal: Refusal) =>
    opts.log.warn({ event: 'http.refused', method, status: refusal.status, reason: refusal.reason }, 'request refused');

  // A client that asks first (`Expect: 100-continue`; curl does for uploads) is refused before it
  // sends the body at all; restify would answer "100 Continue" to every such request by itself.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const refusal = refuseBody(req, maxBodyBytes);
    if (!refusal) {
      res.writeContinue();
      server.server.emit('request', req, res);
      return;
    }
    logRefusal(req.method, refusal);
    res.writeHead(refusal.status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', Connection: 'close' });
    res.end(JSON.stringify(refusalBody(refusal)));
  });

  server.pre((req: Request, res: Response, next: Next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const refusal = refuseBody(req, maxBodyBytes);
    if (!refusal) return next();
    logRefusal(req.method, refusal);
    // The body is never read; close the connection rather than drain whatever the caller still sends.
    res.setHeader('Connection', 'close');
    res.send(refusal.status, refusalBody(refusal));
    return next(false);
  });
  // JSON only, read into memory up to the limit; never the multipart-to-disk bodyParser.
  // (restify hands maxBodySize to its bodyReader; @types/restify does not list it.)
  server.use(restify.plugins.jsonBodyParser({ maxBodySize: maxBodyBytes, mapParams: false } as never));

  server.post('/api/messages', async (req, res) => {
    // The SDK answers some malformed bodies (e.g. `{}`) with a 500; a request that is not an
    // activity is the caller's fault, so it gets a 400 before the adapter sees it.
    if (!isActivityShaped(req.body)) {
      res.send(400, { code: 'BadRequest', message: 'not a Bot Framework activity' });
      return;
    }
    await opts.messages(req, res);
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  const readiness = cachedReadiness(opts.ready, opts.readyCacheMs ?? DEFAULT_READY_CACHE_MS);
  server.get('/readyz', async (_req, res) => {
    const ready = await readiness();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'store unavailable' });
  });

  for (const register of opts.routes ?? []) register(server);

  server.on(
    'restifyError',
    (
      req: Request,
      res: Response,
      err: { statusCode?: unknown; name?: string; body?: { code?: unknown } },
      callback: () => void,
    ) => {
      const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
      // Method, route and status only: never the path asked for, a header or the body. A 5xx is ours.
      opts.log[status >= 500 ? 'error' : 'warn'](
        { event: 'http.error', method: req.method, route: req.getRoute?.()?.path, status, error: err.name },
        'http error',
      );
      // restify's own answers echo the caller's input (the path of a 404, the parser's view of bad
      // JSON): answer with the status's name instead. restify sends nothing once this has.
      if (!res.headersSent) {
        const code = typeof err.body?.code === 'string' ? err.body.code : 'Error';
        res.send(status, { code, message: (STATUS_CODES[status] ?? 'Error').toLowerCase() });
      }
      return callback();
    },
  );
  return server;
}
