import net from 'node:net';

/**
 * Preloaded into the Agents Playground's process (node --require): its server listens on
 * every interface and has no option to choose, yet it relays to a bot that has no inbound
 * authentication in local mode. Listening calls that name no host get loopback instead, so that
 * nobody else on the network can chat as the demo lead.
 */
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function patchedListen(this: net.Server, ...args: unknown[]) {
  if (
    (typeof args[0] === 'number' || typeof args[0] === 'string') &&
    /^\d+$/.test(String(args[0])) &&
    (args.length === 1 || typeof args[1] === 'function')
  ) {
    args.splice(1, 0, '127.0.0.1');
  }
  return (listen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof net.Server.prototype.listen;
