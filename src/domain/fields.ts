import { z } from 'zod';
import { isIsoDate } from './dates';
import type { Vocabulary } from './vocabulary';

/** zod field builders shared by every card form; messages speak to the person filling the card. */

const missingOr = (missing: string, wrong: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? missing : wrong),
});

export function requiredText(what: string, max = 200) {
  return z
    .string(missingOr(`Enter ${what}.`, `Enter ${what} as text.`))
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `Keep this under ${max} characters.`);
}

export function optionalText(max = 200) {
  return z.string('Enter this as text.').trim().max(max, `Keep this under ${max} characters.`).optional();
}

export function requiredDate(what: string) {
  return z
    .string(missingOr(`Enter ${what}.`, `Enter ${what} as a date.`))
    .trim()
    .refine(isIsoDate, `${capitalise(what)} is not a real date (YYYY-MM-DD).`);
}

export function optionalDate(what: string) {
  return requiredDate(what).optional();
}

export function choice<T extends string>(v: Vocabulary<T>, what: string) {
  return z.enum(v.values, missingOr(`Choose ${what}.`, `Choose ${what} from the list.`));
}

/** Input.ChoiceSet with isMultiSelect sends "a,b,c". */
export function multiChoice<T extends string>(v: Vocabulary<T>, what: string) {
  return z
    .string(`Choose ${what} from the list.`)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(v.values, `Choose ${what} from the list.`)))
    .transform((xs) => [...new Set(xs)])
    .optional();
}

/** Input.Number arrives as a number or a numeric string. */
export function number(what: string, min: number, max: number, opts: { integer?: boolean } = {}) {
  const wrong = `Enter ${what} as a number from ${min} to ${max}.`;
  return z
    .union(
      [
        z.number(wrong),
        z
          .string(wrong)
          .trim()
          .regex(/^-?\d+(\.\d+)?$/, wrong)
          .transform(Number),
      ],
      missingOr(`Enter ${what}.`, wrong),
    )
    .pipe(
      z
        .number()
        .min(min, wrong)
        .max(max, wrong)
        .refine((n) => !opts.integer || Number.isInteger(n), wrong),
    );
}

/**
 * The Work Ability Score, optional on sessions, discharge and follow-ups: the single item, 0 = cannot
 * work at all, 10 = work ability at its lifetime best.
 */
export function workAbilityScore() {
  return number('the Work Ability Score', 0, 10, { integer: true }).optional();
}

/** Input.Toggle sends "true"/"false". */
export const booleanFlag = z
  .union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')], 'Answer yes or no.')
  .optional();

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
