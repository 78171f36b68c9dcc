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
  email: string | null;
  emailNorm: string | null;
  dateOfBirth: string | null;
  category: string | null;
  notes: string;
  address: string | null;
  city: string | null;
  country: string | null;
  code: string | null;
  taxId: string | null;
  /** opening debt in minor units (+ the customer owes the shop) */
  balance: number | null;
  points: number | null;
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
  const companyName = cleanName(get('company'));
  if (name && !firstName && !lastName) ({ firstName, lastName } = splitName(name));
  const type = !firstName && !lastName && companyName ? 'business' : 'individual';
  const displayName = type === 'business' ? (companyName as string) : [firstName, lastName].filter(Boolean).join(' ');
  if (!displayName) errors.push({ row: line, field: 'name', message: `Row ${line} has no name.` });

  let phone: Candidate['phone'] = null;
  // a spreadsheet keeps a leading + or 0 by writing the number as text after an apostrophe: `'+256772123456`
  const rawPhone = get('phone')
    .trim()
    .replace(/^['‘’`]+/, '')
    .trim();
  let notes = get('notes');
  if (rawPhone) {
    for (const country of countries) {
      const e164 = toE164(rawPhone, country);
      if (e164) {
        phone = { e164, raw: rawPhone };
        break;
      }
    }
    if (!phone) {
      warnings.push({
        row: line,
        field: 'phone',
        message: `Row ${line}: “${rawPhone}” is not a phone number Counterline recognises; kept in the notes instead.`,
      });
      notes = notes ? `${notes}\nPhone as imported: ${rawPhone}` : `Phone as imported: ${rawPhone}`;
    }
  }

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
  const country = get('country').trim().toUpperCase();
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
      email,
      emailNorm: normaliseEmail(email),
      dateOfBirth,
      category: cleanName(get('category')),
      notes: notes.slice(0, 5000),
      address: get('address').trim() || null,
      city: get('city').trim() || null,
      country: /^[A-Z]{2}$/.test(country) ? country : null,
      code: cleanName(get('code')),
      taxId: get('taxId').trim() || null,
      balance,
      points,
    },
    errors,
    warnings,
  };
}
