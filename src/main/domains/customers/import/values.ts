import type { CurrencyCode } from '../../../../shared/money';
import { cleanName, normaliseEmail, toE164 } from '../normalise';
import { type DecimalMark, parseAmount, parsePoints } from './amounts';
import type { ImportField, Mapping } from './mapping';

/** How the file writes amounts: the store's currency and the decimal mark of the file (or the store's country). */
export interface MoneyFormat {
  currency: CurrencyCode;
  mark: DecimalMark;
}

export interface RowIssue {
  row: number;
  field: string;
  message: string;
}

/** One data row read into customer fields; text values are kept exactly as typed (formulas stay plain text). */
export interface Candidate {
  line: number;
  type: 'individual' | 'business';
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  displayName: string;
  phone: { e164: string; raw: string } | null;
  /** a second number (an ERP's Mobile, a web shop's address phone), when it differs from the first */
  phone2: { e164: string; raw: string } | null;
  email: string | null;
  emailNorm: string | null;
  dateOfBirth: string | null;
  category: string | null;
  notes: string;
  address: string | null;
  address2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  code: string | null;
  taxId: string | null;
  /** opening debt in minor units (+ the customer owes the shop) */
  balance: number | null;
  points: number | null;
  tags: string[];
  /** yes/no marketing consents; null where the file says nothing (an update keeps what is stored) */
  consentEmail: boolean | null;
  consentSms: boolean | null;
}

const YES = ['yes', 'y', 'true', '1', 'ya', 'accepted', 'subscribed', 'opted in', 'opt in', 'on', 'x'];
const NO = ['no', 'n', 'false', '0', 'tidak', 'not subscribed', 'unsubscribed', 'opted out', 'opt out', 'off', '-'];

/** A yes/no cell: true, false, null when blank, undefined when it is neither. */
export function parseYesNo(raw: string): boolean | null | undefined {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');
  if (!key) return null;
  if (YES.includes(key)) return true;
  if (NO.includes(key)) return false;
  return undefined;
}

const BUSINESS = ['company', 'business', 'organisation', 'organization', 'perusahaan', 'badan usaha', 'b2b'];
const PERSON = ['individual', 'person', 'perorangan', 'pribadi', 'individu', 'b2c'];

/** Tags from one cell split on commas (or semicolons), trimmed, without repeats; the contract's limits kept. */
export function splitTags(raw: string): { tags: string[]; cut: boolean } {
  const all = [
    ...new Set(
      raw
        .split(/[,;]/)
        .map((t) => t.trim().replace(/\s+/g, ' '))
        .filter(Boolean),
    ),
  ];
  const tags = all.slice(0, MAX_TAGS).map((t) => t.slice(0, MAX_TAG_LENGTH));
  return { tags, cut: all.length > MAX_TAGS || all.some((t) => t.length > MAX_TAG_LENGTH) };
}
const MAX_TAGS = 30;
const MAX_TAG_LENGTH = 40;

let countryNames: Map<string, string> | undefined;
/** A country as its two-letter code: the code itself, or its English or Indonesian name (an ERP writes `Uganda`). */
export function countryCode(raw: string): string | null {
  const s = raw.trim();
  if (/^[A-Za-z]{2}$/.test(s)) return s.toUpperCase();
  if (!s) return null;
  if (!countryNames) {
    countryNames = new Map();
    const names = ['en', 'id'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
    const A = 'A'.charCodeAt(0);
    for (let i = 0; i < 26 * 26; i++) {
      const code = String.fromCharCode(A + Math.floor(i / 26), A + (i % 26));
      for (const n of names) {
        const name = n.of(code);
        if (name && name !== code) countryNames.set(name.toLowerCase(), code);
      }
    }
  }
  return countryNames.get(s.toLowerCase()) ?? null;
}

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isEmail(s: string): boolean {
  return s.length <= 200 && EMAIL.test(s);
}

function validYmd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Dates as YYYY-MM-DD from ISO (`1979-01-05`, with or without a time), d/m/yyyy, dd/mm/yyyy or d-m-yyyy / d.m.yyyy. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return validYmd(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** Undoes an export's formula guard: `'=SUM(1)` was written for the text `=SUM(1)`, which is stored as text again. */
function unneutralised(v: string): string {
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

/** Splits a whole name: the first word is the first name and the rest the last name. */
function splitName(full: string): { firstName: string; lastName: string | null } {
  const at = full.indexOf(' ');
  if (at < 0) return { firstName: full, lastName: null };
  return { firstName: full.slice(0, at), lastName: full.slice(at + 1) };
}

/** Reads one row; problems that stop it are `errors`, problems it survives are `warnings`. */
export function readRow(
  line: number,
  cells: string[],
  mapping: Mapping,
  countries: string[],
  money: MoneyFormat = { currency: 'UGX', mark: '.' },
): { candidate: Candidate | null; errors: RowIssue[]; warnings: RowIssue[] } {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const get = (f: ImportField): string => {
    const col = mapping.columns.find((c) => c.field === f);
    return col ? unneutralised(cells[col.index] ?? '') : '';
  };
  const name = cleanName(get('name'));
  let firstName = cleanName(get('firstName'));
  let lastName = cleanName(get('lastName'));
  let companyName = cleanName(get('company'));
  const rawType = get('type').trim().toLowerCase();
  // an ERP's one Name column holds a company's name when its Company Type says so
  const saysBusiness = BUSINESS.includes(rawType);
  if (rawType && !saysBusiness && !PERSON.includes(rawType))
    warnings.push({
      row: line,
      field: 'type',
      message: `Row ${line}: “${get('type').trim()}” is neither a person nor a company; imported as a person.`,
    });
  if (saysBusiness && name && !firstName && !lastName) companyName ??= name;
  else if (name && !firstName && !lastName) ({ firstName, lastName } = splitName(name));
  const type = (saysBusiness || (!firstName && !lastName)) && companyName ? 'business' : 'individual';
  const displayName = type === 'business' ? (companyName as string) : [firstName, lastName].filter(Boolean).join(' ');
  if (!displayName) errors.push({ row: line, field: 'name', message: `Row ${line} has no name.` });

  let notes = get('notes');
  const readPhone = (field: 'phone' | 'phone2'): Candidate['phone'] => {
    // a spreadsheet keeps a leading + or 0 by writing the number as text after an apostrophe: `'+256772123456`
    const raw = get(field)
      .trim()
      .replace(/^['‘’`]+/, '')
      .trim();
    if (!raw) return null;
    for (const country of countries) {
      const e164 = toE164(raw, country);
      if (e164) return { e164, raw };
    }
    warnings.push({
      row: line,
      field,
      message: `Row ${line}: “${raw}” is not a phone number Counterline recognises; kept in the notes instead.`,
    });
    notes = notes ? `${notes}\nPhone as imported: ${raw}` : `Phone as imported: ${raw}`;
    return null;
  };
  let phone = readPhone('phone');
  let phone2 = readPhone('phone2');
  if (!phone) [phone, phone2] = [phone2, null];
  if (phone2 && phone2.e164 === phone?.e164) phone2 = null;

  const consent = (field: 'consentEmail' | 'consentSms', what: string): boolean | null => {
    const raw = get(field);
    const v = parseYesNo(raw);
    if (v !== undefined) return v;
    warnings.push({
      row: line,
      field,
      message: `Row ${line}: “${raw.trim()}” is not yes or no; imported without consent to ${what}.`,
    });
    return null;
  };
  const consentEmail = consent('consentEmail', 'email marketing');
  const consentSms = consent('consentSms', 'SMS marketing');
  const { tags, cut } = splitTags(get('tags'));
  if (cut)
    warnings.push({
      row: line,
      field: 'tags',
      message: `Row ${line}: only ${MAX_TAGS} tags of up to ${MAX_TAG_LENGTH} letters each are kept; the rest was cut.`,
    });

  let email: string | null = get('email').trim() || null;
  if (email && !isEmail(email)) {
    warnings.push({
      row: line,
      field: 'email',
      message: `Row ${line}: “${email}” is not an email address; kept without email.`,
    });
    email = null;
  }

  let dateOfBirth: string | null = null;
  const rawDate = get('dateOfBirth').trim();
  if (rawDate) {
    dateOfBirth = parseDate(rawDate);
    if (!dateOfBirth)
      warnings.push({
        row: line,
        field: 'dateOfBirth',
        message: `Row ${line}: “${rawDate}” is not a date Counterline can read; kept without birthday.`,
      });
  }
  let balance: number | null = null;
  const rawBalance = get('balance').trim();
  if (rawBalance) {
    const read = parseAmount(rawBalance, money.currency, money.mark);
    if ('minor' in read) balance = read.minor || null;
    else
      warnings.push({
        row: line,
        field: 'balance',
        message: `Row ${line}: ${read.problem} in ${money.currency}; imported without an opening balance.`,
      });
  }
  let points: number | null = null;
  const rawPoints = get('points').trim();
  if (rawPoints) {
    points = parsePoints(rawPoints, money.mark);
    if (points === null)
      warnings.push({
        row: line,
        field: 'points',
        message: `Row ${line}: “${rawPoints}” is not a whole number of points; imported without points.`,
      });
    else points ||= null;
  }
  const rawCountry = get('country').trim();
  const country = countryCode(rawCountry);
  if (rawCountry && !country)
    warnings.push({
      row: line,
      field: 'country',
      message: `Row ${line}: “${rawCountry}” is not a country Counterline knows; imported without a country.`,
    });
  if (errors.length) return { candidate: null, errors, warnings };
  return {
    candidate: {
      line,
      type,
      firstName: type === 'business' ? null : firstName,
      lastName: type === 'business' ? null : lastName,
      companyName,
      displayName,
      phone,
      phone2,
      email,
      emailNorm: normaliseEmail(email),
      dateOfBirth,
      category: cleanName(get('category')),
      notes: notes.slice(0, 5000),
      address: get('address').trim() || null,
      address2: get('address2').trim().slice(0, 200) || null,
      city: get('city').trim() || null,
      region: get('region').trim().slice(0, 100) || null,
      postalCode: get('postalCode').trim().slice(0, 20) || null,
      country,
      code: cleanName(get('code')),
      taxId: get('taxId').trim() || null,
      balance,
      points,
      tags,
      consentEmail,
      consentSms,
    },
    errors,
    warnings,
  };
}
