import { type CurrencyCode, MoneyParseError, parseMoney, toDecimalString } from '../../../shared/money';

// What a manager types on the pricing screens, to and from the integers the contract carries.

/** "1500" / "1,500" / "12.50" → minor units; null when it is not an amount. */
export function amountOf(text: string, currency: CurrencyCode, locale: string): number | null {
  if (!text.trim()) return null;
  try {
    const n = parseMoney(text, currency, locale);
    return n >= 0 ? n : null;
  } catch (e) {
    if (e instanceof MoneyParseError) return null;
    throw e;
  }
}

export const amountText = (minor: number | null, currency: CurrencyCode) =>
  minor === null ? '' : toDecimalString(minor, currency);

/** "10", "12.5", "12,5%" → basis points (0–10000); null otherwise. */
export function percentBpOf(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!m?.[1]) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

export const percentText = (bp: number | null) => (bp === null ? '' : String(bp / 100));

/** Whole units ("12") or decimals for weighed goods ("2.5") → milli-units; blank → 0. */
export function qtyMilliOf(text: string): number | null {
  if (!text.trim()) return 0;
  const m = /^(\d{1,9})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!m?.[1]) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

export const qtyText = (milli: number | null) => (milli ? String(milli / 1000) : '');

/** A date input's "YYYY-MM-DD" as the start (or end) of that day on this computer; null when blank. */
function dayOf(text: string, end = false): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const d = new Date(`${text}T00:00:00`);
  if (end) d.setHours(23, 59, 59, 999);
  return d.getTime();
}

function dayText(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A rule's from and to date boxes as typed (a blank one is an open end). */
export type Days = { from: string; to: string };

export const daysText = (from: number | null, to: number | null): Days => ({ from: dayText(from), to: dayText(to) });

/** The boxes as the start of the first day and the end of the last; null when either holds something not a date. */
export function daysOf({ from, to }: Days): { start: number | null; end: number | null } | null {
  const start = dayOf(from);
  const end = dayOf(to, true);
  return (from && start === null) || (to && end === null) ? null : { start, end };
}
