import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** Trims and collapses inner white space; empty becomes null. */
export function cleanName(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const out = s.trim().replace(/\s+/g, ' ');
  return out === '' ? null : out;
}

/** The form of an email address used for matching duplicates (trimmed, lower-case); empty becomes null. */
export function normaliseEmail(s: string | null | undefined): string | null {
  const out = (s ?? '').trim().toLowerCase();
  return out === '' ? null : out;
}

/** Tax ids compare without spaces, dots or dashes and in upper case. */
export function normaliseTaxId(s: string | null | undefined): string | null {
  const out = (s ?? '').replace(/[\s.\-/]/g, '').toUpperCase();
  return out === '' ? null : out;
}

/** A phone number as E.164 (`+256772123456`), reading local numbers as the store's country; null if not a valid number. */
export function toE164(raw: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/**
 * Every digit string a person might type to find this phone: international (`256772123456`), national significant
 * (`772123456`) and local with trunk prefix (`0772123456`).
 */
export function phoneSearchDigits(e164: string): string[] {
  const out = new Set<string>([e164.replace(/\D/g, '')]);
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed) {
    out.add(String(parsed.nationalNumber));
    out.add(parsed.formatNational().replace(/\D/g, ''));
  }
  return [...out];
}

/** The name shown everywhere: the company for a business, else first and last name. */
export function displayNameOf(c: {
  type: 'individual' | 'business';
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  contactPerson?: string | null;
}): string {
  const person = [c.firstName, c.lastName]
    .map((s) => cleanName(s))
    .filter(Boolean)
    .join(' ');
  if (c.type === 'business') return cleanName(c.companyName) ?? (person || cleanName(c.contactPerson) || '');
  return person || cleanName(c.companyName) || '';
}

/** The GS1 check digit for the first 12 digits of an EAN-13. */
export function ean13CheckDigit(body12: string): number {
  if (!/^\d{12}$/.test(body12)) throw new Error('an EAN-13 body is 12 digits');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(s: string): boolean {
  return /^\d{13}$/.test(s) && ean13CheckDigit(s.slice(0, 12)) === Number(s[12]);
}

/** Card numbers for this shop default to GS1's in-store range (prefix 2x). */
export const DEFAULT_CARD_PREFIX = '29';

/** The `n`th card number under a shop prefix (2 to 6 digits): prefix + zero-padded n + check digit. */
export function makeCardNumber(prefix: string, n: number): string {
  if (!/^\d{2,6}$/.test(prefix)) throw new Error('a card prefix is 2 to 6 digits');
  const width = 12 - prefix.length;
  if (!Number.isInteger(n) || n < 0 || String(n).length > width) throw new Error(`card sequence ${n} does not fit`);
  const body = prefix + String(n).padStart(width, '0');
  return body + String(ean13CheckDigit(body));
}

/** Splits typed search text into FTS5 prefix terms; a phone-like text becomes one digit string. */
export function searchTerms(text: string): string[] {
  const t = text.trim();
  if (t === '') return [];
  if (/^[\d\s\-+().]+$/.test(t) && /\d{2}/.test(t.replace(/\D/g, ''))) return [t.replace(/\D/g, '')];
  return t
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((s) => s !== '')
    .slice(0, 8);
}

/** An FTS5 MATCH expression: every term as a quoted prefix, all required. */
export function ftsQuery(terms: string[]): string {
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
}
