import type { Server } from 'restify';
import type { Logger } from '../log';
import type { FileVault } from '../services/files/downloads';

/**
 * GET /files/<id> (CONTRACT §6): a signed, expiring, single-use download. Every refusal is the same
 * 404, so that a prober learns nothing about which links exist, were used or have expired.
 */
export function filesRoute(opts: { vault: FileVault; log: Logger }): (server: Server) => void {
  return (server) => {
    server.get('/files/:id', async (req, res) => {
      const token = String(req.params?.id ?? '');
      try {
        const taken = await opts.vault.take(token);
        if (taken.kind !== 'ok') {
          opts.log.info({ event: 'file.refused', reason: taken.reason }, 'download refused');
          res.send(404, { code: 'NotFound', message: 'not found' });
          return;
        }
        const f = taken.file;
        opts.log.info({ event: 'file.download', kind: f.kind, bytes: f.body.length }, 'file downloaded');
        res.writeHead(200, {
          'Content-Type': f.contentType,
          'Content-Length': f.body.length,
          'Content-Disposition': `attachment; filename="${f.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
          // Patient data: never kept by a browser or proxy cache, never sniffed, never leaked as a referrer.
          'Cache-Control': 'no-store',
          Pragma: 'no-cache',
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
        });
        res.end(f.body);
      } catch (e) {
        opts.log.error({ event: 'file.error', error: (e as Error)?.name }, 'download failed');
        // The audit could not be written: nothing is handed out unaudited.
        res.send(503, { code: 'Unavailable', message: 'try again' });
      }
    });
  };
}
