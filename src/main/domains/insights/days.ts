/**
 * Shop-local days for the insights reports. Every report speaks in whole days of the shop's time zone: a window of
 * "90 days" is the as-of day and the 89 before it, from local midnight to local midnight.
 */
import { dayEnd, dayStart, localDate } from '../debts/dates';

export const DAY = 86_400_000;

/** The calendar date n days after (or before, n < 0) a YYYY-MM-DD date. */
export function addDays(ymd: string, n: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Whole calendar days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}

export interface Window {
  /** first instant, inclusive */
  start: number;
  /** first instant after the last day, exclusive */
  end: number;
}

/** The N whole local days ending on (and including) the as-of day. */
export function windowEnding(asOf: string, days: number, timeZone: string): Window {
  return { start: dayStart(addDays(asOf, -(days - 1)), timeZone), end: dayEnd(asOf, timeZone) };
}

/** The local days from the first to the last, both included. */
export function rangeOf(from: string, to: string, timeZone: string): Window {
  return { start: dayStart(from, timeZone), end: dayEnd(to, timeZone) };
}

/** The ISO week (YYYY-Www) a calendar date falls in: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(ymd: string): string {
  const t = new Date(`${ymd}T00:00:00Z`);
  const weekday = (t.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(t.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export { dayEnd, dayStart, localDate };
