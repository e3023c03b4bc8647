import type { CaseRecord } from '../domain/case';
import { formatNhsNumber } from '../domain/nhsNumber';
import type { FieldErrors } from '../domain/form';

/**
 * Form cards are re-shown with what was typed and a message by each field. Templates read
 * `values.x` and `errors.x`; every key must exist (an unknown key would show as literal `${...}`).
 */
export function formValues(fields: readonly string[], data: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of fields) {
    const v = data[f];
    values[f] =
      typeof v === 'string'
        ? v.slice(0, echoLimit(f))
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : '';
  }
  return values;
}

/**
 * How much of a typed value a re-shown form carries back. Each limit is at least the longest value
 * the field accepts, so nothing valid is ever cut; what is longer is refused anyway, and echoing it
 * whole could push the card past Teams' ~28 KB limit.
 */
const ECHO_LIMITS: [RegExp, number][] = [
  [/^notes$/, 4000],
  [/^(adjustments|reason|functionalEffects)$/, 2000],
  [/^(phase\d+Duties|(difficulty|goal)\d+|condition|contactDetails)$/, 300],
];
const DEFAULT_ECHO_LIMIT = 200;

function echoLimit(field: string): number {
  return ECHO_LIMITS.find(([pattern]) => pattern.test(field))?.[1] ?? DEFAULT_ECHO_LIMIT;
}

export function formErrors(fields: readonly string[], errors: FieldErrors = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f] = errors[f] ?? '';
  return out;
}

export function errorSummary(errors: FieldErrors = {}): string {
  const n = Object.keys(errors).length;
  if (n === 0) return '';
  return n === 1
    ? 'Please correct the problem shown below. Nothing has been saved yet.'
    : `Please correct the ${n} problems shown below. Nothing has been saved yet.`;
}

/** The case a form is about, as its subtitle names it. */
export type CaseWho = Pick<CaseRecord, 'id' | 'ref' | 'patient'>;

export function caseSubtitle(c: Pick<CaseRecord, 'ref' | 'patient'>): string {
  return `${c.ref} · ${c.patient.name} · NHS ${formatNhsNumber(c.patient.nhsNumber)}`;
}
