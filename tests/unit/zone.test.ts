import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetAt, zoneParts } from '../../src/main/domains/zone';

const ZONES = ['Africa/Kampala', 'Asia/Jakarta', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'UTC'];

function intlParts(ms: number, timeZone: string) {
  const p: Record<string, number> = {};
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  for (const x of f.formatToParts(ms)) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return p;
}

describe('the shop time zone, with its offset cached per day', () => {
  it('gives the same wall clock as Intl at any instant, across daylight-saving changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, ms) => {
          expect(zoneParts(ms, zone)).toEqual(intlParts(ms, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is exact in the hour around a change (London, 30 March 2025 01:00 UTC)', () => {
    const change = Date.UTC(2025, 2, 30, 1);
    expect(offsetAt(change - 1000, 'Europe/London')).toBe(0);
    expect(offsetAt(change, 'Europe/London')).toBe(3_600_000);
    expect(zoneParts(change, 'Europe/London')).toMatchObject({ day: 30, hour: 2, minute: 0 });
  });
});
