import { randomBytes } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { AlreadyExistsError } from './errors';
import { createItem, readItem } from './query';
import type { CounterRepository } from './types';

interface SecretDoc {
  id: string;
  serviceId: string;
  value: string;
}

/** Per-service secrets, each made once by whichever caller comes first. */
export class CosmosCounterRepository implements CounterRepository {
  constructor(private readonly container: Container) {}

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
