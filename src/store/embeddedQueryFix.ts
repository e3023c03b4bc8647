/**
 * The embedded server's query engine (`@zeit/cosmosdb-query` 0.7.2, pinned) compiles `FROM c` into
 * `collection.reduce(($, c) => [...$, { c }], [])`, which copies the growing array once per document:
 * every query cost grew with the square of the container (5.6 ms for 1,650 cases; over 5 s, the
 * store's timeout, at 40,000). This rewrites that one step of the generated JavaScript into an
 * in-place push, which gives the same rows in the same order in linear time. JOINs are left as they
 * are (the bot writes none). Local mode and tests only: Azure runs queries on its own engine.
 */
const QUADRATIC_STEP = /\? \[\.\.\.\$, (\{[^{}]*\})\] : \$/g;

export function linearQueryCode(code: string): string {
  return code.replace(QUADRATIC_STEP, '? ($.push($1), $) : $');
}

/**
 * The engine's `createQuery` (its default export). Handed in rather than imported: the engine is a
 * development dependency that a production install (`npm ci --omit=dev`) does not have, and only
 * local mode loads it, lazily (embeddedCosmos.ts).
 */
export type CreateQuery = (sql: string) => object;

let generate: (() => string) | undefined;

/** Installs the rewrite on the engine every embedded server in this process shares. Idempotent. */
export function makeEmbeddedQueriesLinear(createQuery: CreateQuery): void {
  if (generate) return;
  const proto = Object.getPrototypeOf(createQuery('SELECT * FROM c')) as object;
  generate = Object.getOwnPropertyDescriptor(proto, 'code')?.get;
  if (!generate) throw new Error('@zeit/cosmosdb-query changed shape: review src/store/embeddedQueryFix.ts');
  const original = generate;
  Object.defineProperty(proto, 'code', {
    configurable: true,
    get(this: { _code?: string | null; _linear?: boolean }) {
      // The engine caches its code in _code; rewrite it once, then hand out the cached rewrite.
      if (!this._linear) {
        this._code = linearQueryCode(original.call(this));
        this._linear = true;
      }
      return this._code;
    },
  });
}

/** The engine's own code for a query, before the rewrite (for tests that compare the two). */
export function engineCode(sql: string, createQuery: CreateQuery): string {
  makeEmbeddedQueriesLinear(createQuery);
  return generate!.call(createQuery(sql));
}
