import type { CaseRecord } from '../../domain/case';
import type { FieldErrors } from '../../domain/form';

/** Typed results of use cases: the Teams layer turns each kind into the right card. */
export type Outcome<T> =
  | { kind: 'ok'; value: T }
  /** `subject`: the case a case form is about, as the use case read it, to show the form again. */
  | { kind: 'invalid'; errors: FieldErrors; subject?: CaseRecord }
  | { kind: 'forbidden'; message: string }
  | { kind: 'not_found'; message: string }
  | { kind: 'conflict'; message: string };

export const ok = <T>(value: T): Outcome<T> => ({ kind: 'ok', value });
export const invalid = (errors: FieldErrors, subject?: CaseRecord): Outcome<never> => ({
  kind: 'invalid',
  errors,
  ...(subject ? { subject } : {}),
});
export const forbidden = (message: string): Outcome<never> => ({ kind: 'forbidden', message });
export const notFound = (message: string): Outcome<never> => ({ kind: 'not_found', message });
export const conflict = (message: string): Outcome<never> => ({ kind: 'conflict', message });
