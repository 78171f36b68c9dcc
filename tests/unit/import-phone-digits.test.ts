import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { PhoneDigits } from '../../src/main/domains/customers/import/bulk';
import { phoneSearchDigits } from '../../src/main/domains/customers/normalise';

/** Every country's example mobile number, and valid numbers of the same range (other last four digits). */
const ranges = getCountries()
  .map((country) => getExampleNumber(country, examples)?.number)
  .filter((n): n is NonNullable<typeof n> => !!n)
  .map(String);

describe("the bulk import's phone search digits", () => {
  it('equal phoneSearchDigits for every country, whatever the last four digits', () => {
    expect(ranges.length).toBeGreaterThan(200);
    const digits = new PhoneDigits();
    fc.assert(
      fc.property(fc.constantFrom(...ranges), fc.integer({ min: 0, max: 9999 }), (example, last) => {
        const e164 = example.slice(0, -4) + String(last).padStart(4, '0');
        if (!parsePhoneNumberFromString(e164)?.isValid()) return;
        // the example first, so the range is already learnt when the other number comes
        expect(digits.of(example)).toEqual(phoneSearchDigits(example));
        expect(digits.of(e164)).toEqual(phoneSearchDigits(e164));
      }),
      { numRuns: 3000 },
    );
  });

  it('works out a number of an unusual national format one by one', () => {
    const digits = new PhoneDigits();
    // Argentina's mobiles read nationally with 15 inside the number: not a prefix, never reused
    for (const e164 of ['+5491123456789', '+5491123451234']) expect(digits.of(e164)).toEqual(phoneSearchDigits(e164));
  });
});
