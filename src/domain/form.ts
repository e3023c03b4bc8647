import type { z } from 'zod';

/**
 * Card forms: each field is parsed on its own so that every problem is named at once, next to its
 * field, and rules across fields can still run on the fields that did parse.
 */
export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; partial: Partial<T> };

type Shape = Record<string, z.ZodType>;
type Parsed<S extends Shape> = { [K in keyof S]: z.output<S[K]> };

/** Empty strings mean "not filled in": Input.* elements send "" for a cleared field. */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

export function parseFields<S extends Shape>(
  shape: S,
  data: Record<string, unknown>,
): { values: Partial<Parsed<S>>; errors: FieldErrors } {
  const values: Partial<Parsed<S>> = {};
  const errors: FieldErrors = {};
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const result = shape[key].safeParse(blankToUndefined(data[key]));
    if (result.success) {
      if (result.data !== undefined) values[key] = result.data as Parsed<S>[typeof key];
    } else {
      errors[key] = result.error.issues[0]?.message ?? 'This value is not valid.';
    }
  }
  return { values, errors };
}

/**
 * Parses every field, then lets `rules` add cross-field problems using only the fields that parsed.
 */
export function parseForm<S extends Shape, T = Parsed<S>>(
  shape: S,
  data: Record<string, unknown>,
  rules?: (values: Partial<Parsed<S>>, errors: FieldErrors) => void,
): FormResult<T> {
  const { values, errors } = parseFields(shape, data);
  rules?.(values, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors, partial: values as unknown as Partial<T> };
  return { ok: true, value: values as unknown as T };
}

/** A required field whose zod message for a missing value is `message`. */
export function required(message: string) {
  return { error: (issue: { input: unknown }) => (issue.input === undefined ? message : undefined) };
}
