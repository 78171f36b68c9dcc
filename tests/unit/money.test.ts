import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CURRENCY_CODES,
  exponentOf,
  formatMoney,
  fromDecimalString,
  MoneyParseError,
  parseMoney,
  toDecimalString,
} from '../../src/shared/money';

const REQUIRED = ['UGX', 'IDR', 'KES', 'GBP', 'USD', 'EUR'] as const;
const LOCALES = ['en', 'en-UG', 'en-GB', 'id-ID', 'de-DE', 'fr-FR', 'sw-KE'];
const amount = fc.integer({ min: -9_000_000_000_000, max: 9_000_000_000_000 });

describe('money', () => {
  it('knows the ISO 4217 exponents the shops use', () => {
    expect(REQUIRED.map((c) => exponentOf(c))).toEqual([0, 0, 2, 2, 2, 2]);
  });

  it('formats exactly without going through floats', () => {
    expect(formatMoney(1_250_000, 'UGX', 'en-UG')).toBe('UGX 1,250,000');
    expect(formatMoney(1250, 'GBP', 'en-GB')).toBe('GBP 12.50');
    expect(formatMoney(1_250_000, 'IDR', 'id-ID')).toBe('IDR 1.250.000');
    expect(formatMoney(900_719_925_474_099, 'USD', 'en')).toBe('USD 9,007,199,254,740.99');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-EUR 0.05');
  });

  it('parses what people type in their locale', () => {
    expect(parseMoney('1,250,000', 'UGX', 'en-UG')).toBe(1_250_000);
    expect(parseMoney('792.916,00', 'IDR', 'id-ID')).toBe(792_916);
    expect(parseMoney('£12.5', 'GBP', 'en-GB')).toBe(1250);
    expect(parseMoney('-3', 'KES', 'en')).toBe(-300);
  });

  it('refuses amounts with more decimals than the currency has, and non-amounts', () => {
    expect(() => fromDecimalString('10.5', 'UGX')).toThrow(MoneyParseError);
    expect(() => fromDecimalString('1.005', 'GBP')).toThrow(/2 decimal places/);
    expect(() => parseMoney('abc', 'GBP', 'en')).toThrow(MoneyParseError);
  });

  it('refuses fractional minor units', () => {
    expect(() => toDecimalString(10.5, 'GBP')).toThrow(TypeError);
  });

  for (const currency of REQUIRED) {
    it(`round-trips every ${currency} amount through format and parse in every locale`, () => {
      fc.assert(
        fc.property(amount, fc.constantFrom(...LOCALES), (minor, locale) => {
          expect(parseMoney(formatMoney(minor, currency, locale), currency, locale)).toBe(minor);
          expect(fromDecimalString(toDecimalString(minor, currency), currency)).toBe(minor);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('lists only real currency codes', () => {
    for (const c of CURRENCY_CODES) expect(c).toMatch(/^[A-Z]{3}$/);
  });
});
