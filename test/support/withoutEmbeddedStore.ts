/**
 * Preloaded with `node --require` into a bot process to make it look like a production install
 * (`npm ci --omit=dev`): the embedded store's two packages cannot be found, by require or import().
 * Every attempt to load one is also written to stderr, so that a test can see production never tries.
 */
import { registerHooks } from 'node:module';

const HIDDEN = /^(@vercel\/cosmosdb-server|@zeit\/cosmosdb-query)(\/|$)/;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (HIDDEN.test(specifier)) {
      process.stderr.write(`HIDDEN-PACKAGE-REQUESTED ${specifier}\n`);
      const err = new Error(`Cannot find package '${specifier}' imported from ${context.parentURL ?? '?'}`);
      (err as NodeJS.ErrnoException).code = 'ERR_MODULE_NOT_FOUND';
      throw err;
    }
    return nextResolve(specifier, context);
  },
});
