import { describe, expect, it } from 'vitest';
import { parseAmount, parsePoints, plainDecimal } from '../../src/main/domains/customers/import/amounts';

describe('amounts typed in customer files', () => {
  it('reads Indonesian thousands dots and decimal commas', () => {
    expect(plainDecimal('792.916,00', ',')).toBe('792916');
    expect(parseAmount('792.916,00', 'IDR', ',')).toEqual({ minor: 792_916 });
    expect(parseAmount('Rp 1.250.000', 'IDR', ',')).toEqual({ minor: 1_250_000 });
    expect(parseAmount('15.000', 'IDR', ',')).toEqual({ minor: 15_000 });
  });

  it('reads English thousands commas and decimal points', () => {
    expect(parseAmount('1,234.50', 'GBP', '.')).toEqual({ minor: 123_450 });
    expect(parseAmount('1,234.50', 'GBP', ',')).toEqual({ minor: 123_450 });
    expect(parseAmount('UGX 250,000', 'UGX', '.')).toEqual({ minor: 250_000 });
    expect(parseAmount('12.5', 'GBP', '.')).toEqual({ minor: 1250 });
    expect(parseAmount('12,5', 'GBP', '.')).toEqual({ minor: 1250 });
  });

  it('lets the file or store decide a lone mark before three digits', () => {
    expect(plainDecimal('1.234', '.')).toBe('1.234');
    expect(parseAmount('1.234', 'GBP', '.')).toEqual({ problem: expect.stringContaining('only 2 decimal places') });
    expect(parseAmount('1.234', 'IDR', ',')).toEqual({ minor: 1234 });
    expect(parseAmount('1,234', 'IDR', '.')).toEqual({ minor: 1234 });
  });

  it('reads signs, brackets and spaces', () => {
    expect(parseAmount('-45', 'UGX', '.')).toEqual({ minor: -45 });
    expect(parseAmount('(1 200)', 'UGX', '.')).toEqual({ minor: -1200 });
    expect(parseAmount('£ -3.10', 'GBP', '.')).toEqual({ minor: -310 });
  });

  it('refuses what is not an amount, and more decimals than the currency has', () => {
    expect(parseAmount('abc', 'UGX', '.')).toEqual({ problem: expect.stringContaining('not an amount') });
    expect(parseAmount('1.2.3', 'UGX', '.')).toEqual({ problem: expect.stringContaining('not an amount') });
    expect(parseAmount('12,34,5', 'UGX', '.')).toEqual({ problem: expect.stringContaining('not an amount') });
    expect(parseAmount('10.5', 'UGX', '.')).toEqual({ problem: expect.stringContaining('no decimal places') });
    expect(parseAmount('', 'UGX', '.')).toEqual({ problem: expect.any(String) });
  });

  it('reads points as whole numbers', () => {
    expect(parsePoints('1.250', ',')).toBe(1250);
    expect(parsePoints('1,250', '.')).toBe(1250);
    expect(parsePoints('12.5', '.')).toBeNull();
    expect(parsePoints('x', '.')).toBeNull();
  });
});
