/**
 * NHS numbers: ten digits, the last a Modulus 11 check digit.
 * Input may carry spaces (people copy them as "943 476 5919"); storage and search use the bare digits.
 */

/** Strips spaces; returns null unless what is left is exactly ten digits. */
export function normaliseNhsNumber(input: string): string | null {
  const digits = input.replace(/\s+/g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/**
 * The Modulus 11 check: weights 10..2 over the first nine digits; 11 - (sum mod 11) is the check digit,
 * 11 becomes 0, and 10 means the number can never be valid.
 */
export function checkDigitFor(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (!digits) return false;
  const expected = checkDigitFor(digits.slice(0, 9));
  return expected !== null && expected === Number(digits[9]);
}

/** The 3-3-4 form clinicians read: `943 476 5919`. */
export function formatNhsNumber(digits: string): string {
  const d = normaliseNhsNumber(digits) ?? digits;
  return d.length === 10 ? `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` : d;
}
