import type { Server } from 'restify';

/**
 * HEAD /api/messages: Agents Playground (and uptime probes) check that the endpoint answers before
 * posting to it. Only POST was routed, so every check got 405 and logged an http.error warning that
 * read like a fault at each connection. It answers 200 with no body, and `Allow` says what the route
 * takes; GET stays 405. Nothing is read and no activity runs.
 */
export function messagesHeadRoute(): (server: Server) => void {
  return (server) => {
    server.head('/api/messages', (_req, res, next) => {
      res.setHeader('Allow', 'POST, HEAD');
      res.send(200);
      return next();
    });
  };
}
