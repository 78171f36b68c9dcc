import { AppError } from '../../../shared/errors';

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsFormat.set(timeZone, f);
  }
  return f;
}

const DAY = 86_400_000;
/** per zone: UTC day → the offset over that day, or null when it changes during the day (daylight saving) */
const offsets = new Map<string, Map<number, number | null>>();

/**
 * The shop's calendar date (YYYY-MM-DD) at an instant: reports speak in the shop's days, not UTC's. Intl's
 * formatToParts costs ~50 µs a call (a 5,000-line statement spent most of its time here), so the zone's offset is
 * looked up once per UTC day, and exactly only on the rare day it changes.
 */
export function localDate(ms: number, timeZone: string): string {
  let zone = offsets.get(timeZone);
  if (!zone || zone.size > 100_000) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const day = Math.floor(ms / DAY);
  let off = zone.get(day);
  if (off === undefined) {
    const start = offsetAt(day * DAY, timeZone);
    off = start === offsetAt(day * DAY + DAY - 1000, timeZone) ? start : null;
    zone.set(day, off);
  }
  return new Date(ms + (off ?? offsetAt(ms, timeZone))).toISOString().slice(0, 10);
}

/** How far the zone is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(ms)
      .map((x) => [x.type, Number(x.value)]),
  );
  const asUtc = Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (ms % 1000));
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
