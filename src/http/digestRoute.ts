import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'restify';
import type { Logger } from '../log';
import type { DigestRunResult } from '../scheduler/digestScheduler';

export interface DigestRouteOptions {
  /** DIGEST_TRIGGER_TOKEN; without one the route does not exist (404). */
  token?: string;
  run: () => Promise<DigestRunResult>;
  log: Logger;
}

/** Compares digests of equal length, so that neither length nor content leaks through timing. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * POST /api/digest/run (CONTRACT §6): an external timer runs today's digest now, whatever the day.
 * Still once per lead per day: the scheduler's lease and delivery records decide who gets one.
 */
export function digestRoute(opts: DigestRouteOptions): (server: Server) => void {
  return (server) => {
    server.post('/api/digest/run', async (req, res) => {
      if (!opts.token) {
        res.send(404, { code: 'NotFound', message: 'not found' });
        return;
      }
      const header = req.header('authorization') ?? '';
      const m = /^Bearer\s+(.+)$/i.exec(header.trim());
      if (!m || !sameToken(m[1].trim(), opts.token)) {
        opts.log.warn(
          { event: 'digest.trigger_refused', reason: m ? 'wrong_token' : 'no_token' },
          'digest trigger refused',
        );
        res.header('WWW-Authenticate', 'Bearer');
        res.send(401, { code: 'Unauthorized', message: 'a valid bearer token is needed' });
        return;
      }
      try {
        const result = await opts.run();
        if (result.status === 'ran') {
          res.send(200, {
            status: 'ran',
            date: result.date,
            sent: result.sent,
            skipped: result.skipped,
            failed: result.failed,
            stopped: result.stopped ?? false,
          });
        } else {
          // Another instance is running it now: nothing was sent from here.
          res.send(202, { status: result.status, date: result.date, sent: 0, skipped: 0, failed: 0 });
        }
      } catch (e) {
        opts.log.error(
          { event: 'digest.trigger_error', error: (e as Error)?.name, message: (e as Error)?.message },
          'digest trigger failed',
        );
        res.send(503, { status: 'error', message: 'the digest could not run now; try again' });
      }
    });
  };
}
