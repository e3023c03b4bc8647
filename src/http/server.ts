import restify, { type Server } from 'restify';
import type { CloudAdapter, ActivityHandler } from 'botbuilder';
import type { Logger } from '../log';

export interface HttpOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  ready: () => Promise<boolean>;
  log: Logger;
  /** Extra routes (digest trigger, file downloads) registered by their own modules. */
  routes?: ((server: Server) => void)[];
}

/** The bot's HTTP face (CONTRACT §6). Unknown routes get restify's 404. */
export function createHttpServer(opts: HttpOptions): Server {
  const server = restify.createServer({ name: 'cardiac-rtw-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    await opts.adapter.process(req, res, (context) => opts.bot.run(context));
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
    opts.log.warn({ event: 'http.error', method: req.method, route: req.getRoute?.()?.path, status: err.statusCode }, 'http error');
    return callback();
  });
  return server;
}
