import { type CurrencyCode, fromDecimalString, MoneyParseError } from '../../../../shared/money';

/** The decimal mark a file's amounts use when a number alone cannot tell: `,` in Indonesia and much of Europe. */
export type DecimalMark = '.' | ',';

const COMMA_DECIMAL_COUNTRIES = new Set(['ID', 'DE', 'FR', 'ES', 'IT', 'NL', 'BR', 'PT', 'TR', 'VN', 'AR', 'CO']);

export function decimalMarkFor(country: string | undefined): DecimalMark {
  return country && COMMA_DECIMAL_COUNTRIES.has(country) ? ',' : '.';
}

/**
 * A typed amount as a plain decimal string ("1234.50"): `792.916,00`, `1,234.50`, `Rp 15.000`, `(1 200)`, `-45`.
 * With both marks the later one is the decimal; one mark used twice is grouping; one mark once followed by exactly
 * three digits is ambiguous (`1.234`), so `mark` decides. Returns null when it is not an amount.
 */
export function plainDecimal(raw: string, mark: DecimalMark): string | null {
  let s = raw.trim().replace(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  // currency codes and signs around the number: Rp, IDR, UGX, £, $, USh
  s = s.replace(/^[^\d.,+-]+|[^\d.,]+$/g, '');
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = negative !== s.startsWith('-');
    s = s.slice(1).replace(/^[^\d.,]+/, '');
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let decimal: string | null = null;
  if (dots && commas) decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const after = s.length - s.indexOf(sep) - 1;
    decimal = after === 3 ? (sep === mark ? sep : null) : sep;
  }
  const grouping = decimal === '.' ? ',' : decimal === ',' ? '.' : null;
  let [whole = '', frac = ''] = decimal ? s.split(decimal) : [s];
  if (decimal && s.split(decimal).length > 2) return null;
  // grouping marks sit between groups of three digits; anything else (1.2.3) is not a number
  const groups = whole.split(grouping ?? /[.,]/);
  if (groups.length > 1 && (groups.slice(1).some((g) => g.length !== 3) || !groups[0] || groups[0].length > 3))
    return null;
  whole = groups.join('');
  if (!/^\d*$/.test(frac) || (!whole && !frac)) return null;
  frac = frac.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole || '0'}${frac ? `.${frac}` : ''}`;
}

/** Minor units of `currency`, or a plain-words reason it is not one. */
export function parseAmount(
  raw: string,
  currency: CurrencyCode,
  mark: DecimalMark,
): { minor: number } | { problem: string } {
  const plain = plainDecimal(raw, mark);
  if (plain === null) return { problem: `“${raw.trim()}” is not an amount` };
  try {
    return { minor: fromDecimalString(plain, currency) };
  } catch (e) {
    if (e instanceof MoneyParseError) return { problem: `“${raw.trim()}”: ${e.message}` };
    throw e;
  }
}

/** A whole number of points (`1.250` or `1,250` both read as 1250 when grouped). */
export function parsePoints(raw: string, mark: DecimalMark): number | null {
  const plain = plainDecimal(raw, mark);
  if (plain === null || plain.includes('.')) return null;
  const n = Number(plain);
  return Number.isSafeInteger(n) ? n : null;
}
