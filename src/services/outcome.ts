import type { FieldErrors } from '../domain/form';

/** Typed results of use cases: the Teams layer turns each kind into the right card. */
export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'forbidden'; message: string }
  | { kind: 'not_found'; message: string }
  | { kind: 'conflict'; message: string };

export const ok = <T>(value: T): Outcome<T> => ({ kind: 'ok', value });
export const invalid = (errors: FieldErrors): Outcome<never> => ({ kind: 'invalid', errors });
export const forbidden = (message: string): Outcome<never> => ({ kind: 'forbidden', message });
export const notFound = (message: string): Outcome<never> => ({ kind: 'not_found', message });
export const conflict = (message: string): Outcome<never> => ({ kind: 'conflict', message });
