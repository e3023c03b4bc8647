import { randomBytes } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { AlreadyExistsError, StaleWriteError } from './errors';
import { createItem, readItem, replaceItem } from './query';
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

const MAX_ATTEMPTS = 50;

/**
 * Sequences by optimistic concurrency: read, then replace with the etag; a racing writer makes the
 * replace fail and we try again with the fresh value. Two callers can never get the same number.
 */
export class CosmosCounterRepository implements CounterRepository {
  constructor(private readonly container: Container) {}

  async next(serviceId: string, name: string): Promise<number> {
    const id = `counter:${name}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await readItem<CounterDoc>(this.container, serviceId, id);
      try {
        if (!current) {
          await createItem<CounterDoc>(this.container, { id, serviceId, value: 1 });
          return 1;
        }
        const value = current.value + 1;
        await replaceItem<CounterDoc>(this.container, { id, serviceId, value }, current._etag);
        return value;
      } catch (e) {
        if (e instanceof StaleWriteError || e instanceof AlreadyExistsError) {
          // Lost the race: back off a little, with jitter, so the contenders spread out.
          await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
          continue;
        }
        throw e;
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
