import type { CaseRepository, Store } from './types';

/** The case reads a turn may start ahead: point reads only, by partition and id. */
type AheadRead = 'get' | 'openCaseClaim' | 'peekRef';

/**
 * Reads of one turn started before the turn knows who is asking, so that they travel beside the
 * staff read every turn makes (CONTRACT §8) instead of after it: with the store a network hop away,
 * each read in sequence costs a round trip. `store` answers the same read of the same partition with
 * the request already in flight, once; any other read, and any later read of the same document, goes
 * to the store. Nothing here decides access: the use case still checks the actor before using what it
 * reads, and a read started into another partition than the actor's is never asked for, so unused.
 */
export class ReadAhead {
  private readonly inFlight = new Map<string, Promise<unknown>>();
  /** The store for this turn's use case. */
  readonly store: Store;

  constructor(private readonly base: Store) {
    const cases = base.cases;
    const view =
      (read: AheadRead) =>
      (...args: string[]) =>
        this.take(read, args) ?? this.read(read, args);
    const overrides: Partial<CaseRepository> = {
      get: view('get') as CaseRepository['get'],
      openCaseClaim: view('openCaseClaim') as CaseRepository['openCaseClaim'],
      peekRef: view('peekRef') as CaseRepository['peekRef'],
    };
    this.store = {
      ...base,
      // Every other method of the repository is the store's own, bound to it.
      cases: new Proxy(cases, {
        get: (target, prop, receiver) =>
          Object.hasOwn(overrides, prop)
            ? overrides[prop as keyof CaseRepository]
            : bindIfFunction(Reflect.get(target, prop, receiver), target),
      }),
    };
  }

  /** A case by id, in a service's partition. */
  case(serviceId: string, id: string): void {
    this.start('get', [serviceId, id]);
  }

  /** A patient's open-case claim in a service. */
  openCaseClaim(serviceId: string, nhsNumber: string): void {
    this.start('openCaseClaim', [serviceId, nhsNumber]);
  }

  /** A service's next case reference. */
  peekRef(serviceId: string): void {
    this.start('peekRef', [serviceId]);
  }

  /** How many reads started ahead were never asked for (a wrong guess of the service, or a refusal). */
  get unused(): number {
    return this.inFlight.size;
  }

  private start(read: AheadRead, args: string[]): void {
    const key = JSON.stringify([read, ...args]);
    if (this.inFlight.has(key)) return;
    const pending = this.read(read, args);
    // A read nobody asks for must not fail the process: its error is the asker's, if any asks.
    pending.catch(() => undefined);
    this.inFlight.set(key, pending);
  }

  /** The store's own read. */
  private read(read: AheadRead, args: string[]): Promise<unknown> {
    const cases = this.base.cases;
    return (cases[read] as (...a: string[]) => Promise<unknown>).apply(cases, args);
  }

  private take(read: AheadRead, args: string[]): Promise<unknown> | undefined {
    const key = JSON.stringify([read, ...args]);
    const pending = this.inFlight.get(key);
    if (pending) this.inFlight.delete(key);
    return pending;
  }
}

function bindIfFunction(value: unknown, target: object): unknown {
  return typeof value === 'function' ? value.bind(target) : value;
}
