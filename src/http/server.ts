import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../log';

export interface HttpOptions {
  /** Runs the bot on one Bot Framework request (the adapter and bot live in src/teams/, the only botbuilder user). */
  messages: (req: Request, res: Response) => Promise<void>;
  ready: () => Promise<boolean>;
  log: Logger;
  /** Extra routes (digest trigger, file downloads) registered by their own modules. */
  routes?: ((server: Server) => void)[];
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

/** The bot's HTTP face (CONTRACT §6). Unknown routes get restify's 404. */
export function createHttpServer(opts: HttpOptions): Server {
  const server = restify.createServer({ name: 'cardiac-rtw-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    // The SDK answers some malformed bodies (e.g. `{}`) with a 500; a request that is not an
    // activity is the caller's fault, so it gets a 400 before the adapter sees it.
    if (!isActivityShaped(req.body)) {
      res.send(400, { error: 'not a Bot Framework activity' });
      return;
    }
    await opts.messages(req, res);
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  server.get('/readyz', async (_req, res) => {
    const ready = await opts.ready().catch(() => false);
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'store unavailable' });
  });

  for (const register of opts.routes ?? []) register(server);

  server.on('restifyError', (req, _res, err, callback) => {
    // Route and method only: URLs here never carry patient data, bodies are never logged.
    opts.log.warn(
      { event: 'http.error', method: req.method, route: req.getRoute?.()?.path, status: err.statusCode },
      'http error',
    );
    return callback();
  });
  return server;
}
