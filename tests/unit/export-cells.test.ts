import { describe, expect, it } from 'vitest';
import { csvField, csvLine, isE164, neutraliseFormula } from '../../src/main/domains/customers/export-cells';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+256772123456', "'+256772123456"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
  ])('prefixes %j', (input, out) => {
    expect(neutraliseFormula(input)).toBe(out);
  });

  it.each(['Nakato Rose', 'Zoë Ñúñez', 'a=b', 'x+1', 'mail@example.com', '', ' =not at start', "'already"])(
    'leaves %j alone',
    (s) => {
      expect(neutraliseFormula(s)).toBe(s);
    },
  );
});

describe('isE164', () => {
  it('knows a stored phone from text that only looks like one', () => {
    expect(isE164('+256772123456')).toBe(true);
    expect(isE164('+256772123456+1')).toBe(false);
    expect(isE164('+1+cmd|')).toBe(false);
    expect(isE164('256772123456')).toBe(false);
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 asks, with CRLF record ends', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });
});
