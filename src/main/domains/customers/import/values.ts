import type { CurrencyCode } from '../../../../shared/money';
import { offsetAt } from '../../zone';
import { cleanName, normaliseEmail, toE164 } from '../normalise';
import { type DecimalMark, parseAmount, parsePoints } from './amounts';
import type { ImportField, Mapping } from './mapping';

/**
 * How the file writes amounts: the store's currency and the decimal mark of the file (or the store's country); and
 * the shop's time zone, in which a date or time written without a zone is read.
 */
export interface MoneyFormat {
  currency: CurrencyCode;
  mark: DecimalMark;
  timeZone?: string;
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
  /** more numbers (an ERP's Mobile, a web shop's address phone, an export's Other phones), none the same as phone */
  others: Array<{ e164: string; raw: string }>;
  email: string | null;
  emailNorm: string | null;
  dateOfBirth: string | null;
  category: string | null;
  /** a price list of the shop, by name */
  priceList: string | null;
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
  consentWhatsapp: boolean | null;
  /** when the file has a marketing opt-in column: the date, or null for not opted in; undefined when it has none */
  marketingOptInAt: number | null | undefined;
  status: 'active' | 'inactive';
  cardNo: string | null;
  creditLimit: number | null;
  paymentTermsDays: number | null;
  /** a shipping address on one line */
  shipping: string | null;
  language: string | null;
  /** what the old system knew (total spent, orders, first and last purchase): "before Counterline", not sales */
  opening: { spent: number | null; orders: number | null; firstAt: number | null; lastAt: number | null };
}

const INACTIVE = ['inactive', 'disabled', 'archived', 'blocked', 'nonaktif', 'tidak aktif', 'no'];
const ACTIVE = ['active', 'enabled', 'aktif', 'yes'];
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  inggris: 'en',
  indonesian: 'id',
  'bahasa indonesia': 'id',
  indonesia: 'id',
  swahili: 'sw',
  kiswahili: 'sw',
};

/**
 * An instant from an ISO timestamp with its zone (`2024-11-30T18:40:00.000Z`), or a shop-local date or date and time
 * (`2024-11-30 18:40`, `30/11/2024`); null when the cell is none of these.
 */
export function parseInstant(raw: string, timeZone = 'UTC'): number | null {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const at = Date.parse(s);
    return Number.isNaN(at) ? null : at;
  }
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  const ymd = m ? parseDate(m[1] as string) : parseDate(s);
  if (!ymd) return null;
  const wall =
    Date.parse(`${ymd}T00:00:00Z`) + (m ? ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0)) * 1000 : 0);
  // the zone's offset at that wall time (asked twice, for a daylight-saving day)
  return wall - offsetAt(wall - offsetAt(wall, timeZone), timeZone);
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
  const readPhone = (field: 'phone' | 'phone2', cell: string): Candidate['phone'] => {
    // a spreadsheet keeps a leading + or 0 by writing the number as text after an apostrophe: `'+256772123456`
    const raw = cell
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
  let phone = readPhone('phone', get('phone'));
  // an export's Other phones holds several numbers, one after another: `+256701234567; +256414123456`
  const others: Candidate['others'] = [];
  for (const part of get('phone2').split(/[;\n]/)) {
    const p = readPhone('phone2', part);
    if (p && p.e164 !== phone?.e164 && !others.some((o) => o.e164 === p.e164)) others.push(p);
  }
  if (!phone) phone = others.shift() ?? null;

  const consent = (field: 'consentEmail' | 'consentSms' | 'consentWhatsapp', what: string): boolean | null => {
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
  const consentWhatsapp = consent('consentWhatsapp', 'WhatsApp messages');
  const tz = money.timeZone;
  const instant = (field: ImportField, what: string): number | null => {
    const raw = get(field).trim();
    if (!raw) return null;
    const at = parseInstant(raw, tz);
    if (at === null)
      warnings.push({
        row: line,
        field,
        message: `Row ${line}: “${raw}” is not a date Counterline can read; imported without ${what}.`,
      });
    return at;
  };
  const amount = (field: ImportField, what: string): number | null => {
    const raw = get(field).trim();
    if (!raw) return null;
    const read = parseAmount(raw, money.currency, money.mark);
    if ('minor' in read && read.minor >= 0) return read.minor;
    warnings.push({
      row: line,
      field,
      message: `Row ${line}: ${'minor' in read ? `${raw} is below zero` : read.problem} in ${money.currency}; imported without ${what}.`,
    });
    return null;
  };
  const count = (field: ImportField, what: string, max: number): number | null => {
    const raw = get(field).trim();
    if (!raw) return null;
    const n = parsePoints(raw, money.mark);
    if (n !== null && n >= 0 && n <= max) return n;
    warnings.push({
      row: line,
      field,
      message: `Row ${line}: “${raw}” is not a whole number from 0 to ${max}; imported without ${what}.`,
    });
    return null;
  };
  const hasColumn = (f: ImportField) => mapping.columns.some((c) => c.field === f);
  const marketingOptInAt = hasColumn('marketingOptInAt')
    ? instant('marketingOptInAt', 'a marketing opt-in')
    : undefined;

  const rawStatus = get('status').trim().toLowerCase();
  const status = INACTIVE.includes(rawStatus) ? 'inactive' : 'active';
  if (rawStatus && status === 'active' && !ACTIVE.includes(rawStatus))
    warnings.push({
      row: line,
      field: 'status',
      message: `Row ${line}: “${get('status').trim()}” is neither active nor inactive; imported as active.`,
    });
  const rawCard = get('cardNo').trim().replace(/^'/, '').replace(/[\s-]/g, '');
  const cardNo = /^\d{8,20}$/.test(rawCard) ? rawCard : null;
  if (rawCard && !cardNo)
    warnings.push({
      row: line,
      field: 'cardNo',
      message: `Row ${line}: “${get('cardNo').trim()}” is not a card number (8 to 20 digits); imported without a card.`,
    });
  const rawLanguage = get('language').trim().toLowerCase();
  const language = /^[a-z]{2,3}$/.test(rawLanguage) ? rawLanguage : (LANGUAGE_NAMES[rawLanguage] ?? null);
  if (rawLanguage && !language)
    warnings.push({
      row: line,
      field: 'language',
      message: `Row ${line}: “${get('language').trim()}” is not a language Counterline knows; imported without one.`,
    });
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
      others,
      email,
      emailNorm: normaliseEmail(email),
      dateOfBirth,
      category: cleanName(get('category')),
      priceList: cleanName(get('priceList')),
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
      consentWhatsapp,
      marketingOptInAt,
      status,
      cardNo,
      creditLimit: amount('creditLimit', 'a credit limit'),
      paymentTermsDays: count('paymentTermsDays', 'payment terms', 365),
      shipping: get('shippingAddress').trim().slice(0, 200) || null,
      language,
      opening: {
        spent: amount('openingSpent', 'the total spent before Counterline'),
        orders: count('openingOrders', 'the number of orders before Counterline', 10_000_000),
        firstAt: instant('openingFirstAt', 'the first purchase'),
        lastAt: instant('openingLastAt', 'the last purchase'),
      },
    },
    errors,
    warnings,
  };
}
