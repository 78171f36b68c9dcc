import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanName,
  displayNameOf,
  ean13CheckDigit,
  ftsQuery,
  isValidEan13,
  makeCardNumber,
  normaliseEmail,
  normaliseTaxId,
  phoneSearchDigits,
  searchTerms,
  toE164,
} from '../../src/main/domains/customers/normalise';

describe('customer normalisation', () => {
  it('trims names and collapses inner spaces', () => {
    expect(cleanName('  José   María  Nuñez ')).toBe('José María Nuñez');
    expect(cleanName('   ')).toBeNull();
    expect(cleanName(null)).toBeNull();
  });

  it('lower-cases emails and strips tax id separators for matching', () => {
    expect(normaliseEmail('  Rose.Nakato@Example.COM ')).toBe('rose.nakato@example.com');
    expect(normaliseEmail('')).toBeNull();
    expect(normaliseTaxId(' 100-012 3456 ')).toBe('1000123456');
  });

  it('reads Ugandan numbers in every usual form as the same E.164 number', () => {
    for (const raw of ['0772-123-456', '772123456', '+256 772 123456', '0772 123456', '(0772) 123 456']) {
      expect(toE164(raw, 'UG')).toBe('+256772123456');
    }
    expect(toE164('+44 20 7946 0958', 'UG')).toBe('+442079460958');
    expect(toE164('12', 'UG')).toBeNull();
    expect(toE164('not a phone', 'UG')).toBeNull();
  });

  it('indexes a phone under its international, national and local digits', () => {
    expect(phoneSearchDigits('+256772123456').sort()).toEqual(['0772123456', '256772123456', '772123456'].sort());
  });

  it('derives the display name', () => {
    expect(displayNameOf({ type: 'individual', firstName: ' Zoë ', lastName: 'Nuñez' })).toBe('Zoë Nuñez');
    expect(displayNameOf({ type: 'business', companyName: 'Acme  Ltd', firstName: 'A' })).toBe('Acme Ltd');
  });

  it('makes EAN-13 card numbers with a valid check digit under the shop prefix', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1); // 4006381333931 is a well-known valid EAN
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('4006381333932')).toBe(false);
    expect(makeCardNumber('29', 1)).toBe(`290000000001${ean13CheckDigit('290000000001')}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (n) => {
        const card = makeCardNumber('29', n);
        return card.length === 13 && card.startsWith('29') && isValidEan13(card);
      }),
    );
    expect(() => makeCardNumber('29', 10_000_000_000)).toThrow();
  });

  it('turns typed text into safe FTS5 prefix terms', () => {
    expect(searchTerms('0772-123')).toEqual(['0772123']);
    expect(searchTerms('  José  Nuñez ')).toEqual(['José', 'Nuñez']);
    expect(searchTerms('rose.nak@')).toEqual(['rose', 'nak']);
    expect(ftsQuery(['a"b', 'c'])).toBe('"a""b"* AND "c"*');
  });
});
