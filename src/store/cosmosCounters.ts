import { randomBytes } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { AlreadyExistsError, StaleWriteError } from './errors';
import { createItem, incrementItem, readItem } from './query';
import type { CounterRepository } from './types';

interface CounterDoc {
  id: string;
  serviceId: string;
  value: number;
}

interface SecretDoc {
  id: string;
  serviceId: string;
  value: string;
}

/** A counter document is never deleted: the increment after a lost first create always finds it. */
const MAX_ATTEMPTS = 3;

/**
 * Sequences by the store's own atomic increment (a patch `incr`): one request, and two callers can
 * never get the same number however they race. The first number of a sequence creates its document;
 * a racing first caller loses the create and increments instead.
 */
export class CosmosCounterRepository implements CounterRepository {
  constructor(private readonly container: Container) {}

  async next(serviceId: string, name: string): Promise<number> {
    const id = `counter:${name}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const incremented = await incrementItem<CounterDoc>(this.container, serviceId, id, '/value');
      if (incremented) return incremented.value;
      try {
        await createItem<CounterDoc>(this.container, { id, serviceId, value: 1 });
        return 1;
      } catch (e) {
        if (!(e instanceof AlreadyExistsError)) throw e;
      }
    }
    throw new StaleWriteError();
  }

  async secret(serviceId: string, name: string): Promise<string> {
    const id = `secret:${name}`;
    const existing = await readItem<SecretDoc>(this.container, serviceId, id);
    if (existing) return existing.value;
    try {
      await createItem<SecretDoc>(this.container, { id, serviceId, value: randomBytes(32).toString('base64url') });
    } catch (e) {
      // Another caller made it first: theirs is the service's secret.
      if (!(e instanceof AlreadyExistsError)) throw e;
    }
    const stored = await readItem<SecretDoc>(this.container, serviceId, id);
    if (!stored) throw new Error('secret not readable after creation');
    return stored.value;
  }
}
