/**
 * A shop's time zone as an offset from UTC. Intl's formatToParts costs ~20–50 µs a call and a sale asks for local
 * dates several times (loyalty expiry, birthdays, tiers), so the offset is looked up once per UTC day, and exactly
 * only on the rare day it changes (daylight saving).
 */

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
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
    formats.set(timeZone, f);
  }
  return f;
}

/** How far the zone is ahead of UTC at an instant, in ms, read from Intl (whole seconds). */
function exactOffsetAt(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const x of formatter(timeZone).formatToParts(ms)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const asUtc = Date.UTC(p.year as number, (p.month as number) - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const DAY = 86_400_000;
/** per zone: UTC day → the offset over that day, or null when it changes during the day */
const offsets = new Map<string, Map<number, number | null>>();

/** How far the zone is ahead of UTC at an instant, in ms. */
export function offsetAt(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone || zone.size > 100_000) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const day = Math.floor(ms / DAY);
  let off = zone.get(day);
  if (off === undefined) {
    const start = exactOffsetAt(day * DAY, timeZone);
    off = start === exactOffsetAt(day * DAY + DAY - 1000, timeZone) ? start : null;
    zone.set(day, off);
  }
  return off ?? exactOffsetAt(ms, timeZone);
}

/** The wall clock in the zone at an instant (seconds, no milliseconds). */
export function zoneParts(ms: number, timeZone: string) {
  const t = new Date(ms - (((ms % 1000) + 1000) % 1000) + offsetAt(ms, timeZone));
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}
