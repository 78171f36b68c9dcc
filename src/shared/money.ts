// Money is an integer count of minor units plus an ISO 4217 code. Floats never hold money:
// conversion to and from text is done on digit strings.

export const CURRENCIES = {
  UGX: { exponent: 0, name: 'Ugandan shilling' },
  IDR: { exponent: 0, name: 'Indonesian rupiah' },
  KES: { exponent: 2, name: 'Kenyan shilling' },
  TZS: { exponent: 2, name: 'Tanzanian shilling' },
  RWF: { exponent: 0, name: 'Rwandan franc' },
  NGN: { exponent: 2, name: 'Nigerian naira' },
  GBP: { exponent: 2, name: 'Pound sterling' },
  USD: { exponent: 2, name: 'US dollar' },
  EUR: { exponent: 2, name: 'Euro' },
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

export function exponentOf(currency: CurrencyCode): number {
  return CURRENCIES[currency].exponent;
}

/** Minor units as an exact decimal string: 123456 GBP -> "1234.56". */
export function toDecimalString(minor: number, currency: CurrencyCode): string {
  assertMinor(minor);
  const exp = exponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor));
  if (exp === 0) return sign + digits;
  const padded = digits.padStart(exp + 1, '0');
  return `${sign}${padded.slice(0, -exp)}.${padded.slice(-exp)}`;
}

/** Parses an exact decimal string ("1234.5", "-3") into minor units; refuses more decimals than the currency has. */
export function fromDecimalString(text: string, currency: CurrencyCode): number {
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new MoneyParseError(`"${text}" is not an amount`);
  const exp = exponentOf(currency);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > exp) {
    throw new MoneyParseError(
      exp === 0 ? `${currency} has no decimal places` : `${currency} has only ${exp} decimal places`,
    );
  }
  const minor = Number(m[2] + frac.padEnd(exp, '0'));
  if (!Number.isSafeInteger(minor)) throw new MoneyParseError(`"${text}" is too large`);
  return m[1] && minor !== 0 ? -minor : minor;
}

export class MoneyParseError extends Error {
  override name = 'MoneyParseError';
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new TypeError(`money must be an integer of minor units, got ${minor}`);
}

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(currency: CurrencyCode, locale: string, withCode: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${withCode}`;
  let f = formatters.get(key);
  if (!f) {
    const exp = exponentOf(currency);
    f = new Intl.NumberFormat(locale, {
      ...(withCode ? { style: 'currency', currency, currencyDisplay: 'code' } : {}),
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    });
    formatters.set(key, f);
  }
  return f;
}

/** "UGX 1,250,000" / "GBP 12.50" / "IDR 1.250.000" depending on locale. Exact: formats the decimal string. */
export function formatMoney(
  minor: number,
  currency: CurrencyCode,
  locale = 'en',
  opts: { code?: boolean } = {},
): string {
  // Intl.NumberFormat formats a decimal string exactly (no float conversion).
  const text = toDecimalString(minor, currency) as unknown as number;
  return formatter(currency, locale, opts.code ?? true)
    .format(text)
    .replace(/\u00a0/g, ' ');
}

/** Decimal and grouping separators a locale uses. */
export function separatorsOf(locale: string): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(11111.5);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: (parts.find((p) => p.type === 'group')?.value ?? ',').replace(/\u00a0|\u202f/g, ' '),
  };
}

/**
 * Parses what a person typed or what formatMoney printed, in the given locale, into minor units.
 * Currency codes/symbols and spaces are ignored; grouping separators are dropped.
 */
export function parseMoney(text: string, currency: CurrencyCode, locale = 'en'): number {
  const { decimal, group } = separatorsOf(locale);
  let s = text.replace(/\u00a0|\u202f/g, ' ').trim();
  const negative = /^-|^\(.*\)$|-$|^[^\d]*-/.test(s);
  s = s.replace(/[^\d.,' ]/g, '');
  if (group.trim() === '') s = s.replace(/ /g, '');
  else s = s.split(group).join('').replace(/ /g, '');
  if (decimal !== '.') s = s.replace(/\./g, '').split(decimal).join('.');
  if (s === '' || !/\d/.test(s)) throw new MoneyParseError(`"${text}" is not an amount`);
  const minor = fromDecimalString(s, currency);
  return negative ? -minor : minor;
}

export function addMoney(...amounts: number[]): number {
  let sum = 0;
  for (const a of amounts) {
    assertMinor(a);
    sum += a;
  }
  assertMinor(sum);
  return sum;
}
