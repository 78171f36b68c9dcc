/** Calendar arithmetic in the shop's time zone: expiry runs to the end of a local month, birthdays fall on local days. */

import { zoneParts } from '../zone';

export interface LocalDate {
  y: number;
  /** 1–12 */
  m: number;
  d: number;
}

const parts = zoneParts;

export function localDate(ms: number, timeZone: string): LocalDate {
  const p = parts(ms, timeZone);
  return { y: p.year, m: p.month, d: p.day };
}

/** The instant a local day starts (00:00 in the zone). Months past 12 roll into the next year. */
export function startOfLocalDay(y: number, m: number, d: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  const p = parts(guess, timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guess;
  let at = guess - offset;
  // across a DST change the offset at the answer differs from the offset at the guess
  const q = parts(at, timeZone);
  const offset2 = Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute, q.second) - at;
  if (offset2 !== offset) at = guess - offset2;
  return at;
}

/** Points earned at `ms` with an N-month expiry stay valid to the end of the month N months later (local). */
export function expiryAfter(ms: number, months: number, timeZone: string): number {
  const { y, m } = localDate(ms, timeZone);
  // the first instant of the month after the last valid month
  const total = y * 12 + (m - 1) + months + 1;
  return startOfLocalDay(Math.floor(total / 12), (total % 12) + 1, 1, timeZone) - 1;
}

/** The same local date N months earlier (clamped to the month's last day), as the instant that day starts. */
export function monthsBefore(ms: number, months: number, timeZone: string): number {
  const { y, m, d } = localDate(ms, timeZone);
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return startOfLocalDay(ty, tm, Math.min(d, daysInMonth(ty, tm)), timeZone);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isoDate(d: LocalDate): string {
  return `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}
