import { AppError } from '../../../shared/errors';
import { offsetAt } from '../zone';

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The shop's calendar date (YYYY-MM-DD) at an instant: reports speak in the shop's days, not UTC's (the zone's offset
 * is cached per day, see ../zone.ts).
 */
export function localDate(ms: number, timeZone: string): string {
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 10);
}

/** The instant a shop day begins (local midnight), for a YYYY-MM-DD date. */
export function dayStart(ymd: string, timeZone: string): number {
  const m = YMD.exec(ymd);
  if (!m) throw new AppError('VALIDATION', `"${ymd}" is not a date; write it as YYYY-MM-DD.`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(guess) || new Date(guess).toISOString().slice(0, 10) !== ymd)
    throw new AppError('VALIDATION', `"${ymd}" is not a date on the calendar.`);
  // two passes settle days where the offset changes (daylight saving)
  let t = guess - offsetAt(guess, timeZone);
  t = guess - offsetAt(t, timeZone);
  return t;
}

/** The first instant after a shop day: reports "as of" a date include everything up to this, exclusive. */
export function dayEnd(ymd: string, timeZone: string): number {
  const next = new Date(`${ymd}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return dayStart(next.toISOString().slice(0, 10), timeZone);
}
