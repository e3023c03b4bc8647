import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/embeddedCosmos';

/**
 * One embedded Cosmos-protocol server for the whole test run, on loopback, reached through
 * COSMOS_ENDPOINT like a local emulator; each test bot gets a database of its own.
 */
let shared: Promise<EmbeddedCosmos> | undefined;

export function sharedCosmos(): Promise<EmbeddedCosmos> {
  shared ??= startEmbeddedCosmos();
  return shared;
}

let counter = 0;
export function uniqueDatabase(prefix = 'test'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}
