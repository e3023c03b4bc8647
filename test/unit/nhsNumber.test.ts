import { strict as assert } from 'node:assert';
import { checkDigitFor, formatNhsNumber, isValidNhsNumber, normaliseNhsNumber } from '../../src/domain/nhsNumber';

describe('NHS number (Modulus 11)', () => {
  it('accepts 9434765919 with or without spaces', () => {
    assert.equal(isValidNhsNumber('9434765919'), true);
    assert.equal(isValidNhsNumber('943 476 5919'), true);
    assert.equal(isValidNhsNumber(' 943  476 5919 '), true);
  });

  it('rejects a changed check digit', () => {
    for (const d of '012345678') assert.equal(isValidNhsNumber(`943476591${d}`), false, `943476591${d}`);
  });

  it('never accepts a number whose check result is 10', () => {
    // 123456789: weights 10..2 give 210, 210 mod 11 = 1, 11 - 1 = 10: no digit can be right.
    assert.equal(checkDigitFor('123456789'), null);
    for (const d of '0123456789') assert.equal(isValidNhsNumber(`123456789${d}`), false);
  });

  it('maps a check result of 11 to 0', () => {
    // 000000000 sums to 0: 11 - 0 = 11, which becomes 0.
    assert.equal(checkDigitFor('000000000'), 0);
    assert.equal(isValidNhsNumber('0000000000'), true);
  });

  it('rejects wrong lengths and non-digits', () => {
    for (const bad of ['943476591', '94347659190', '943-476-5919', 'abcdefghij', ''])
      assert.equal(isValidNhsNumber(bad), false, bad);
    assert.equal(normaliseNhsNumber('943-476-5919'), null);
  });

  it('shows numbers in the 3-3-4 form', () => {
    assert.equal(formatNhsNumber('9434765919'), '943 476 5919');
  });
});
