import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoWeek } from '../../src/main/domains/insights/days';
import { quintileCuts, scoreDown, scoreUp, segmentOf } from '../../src/main/domains/insights/rfm';
import { gapStats, gapStatsOfHistogram, gapsOf, rhythmStatus } from '../../src/main/domains/insights/rhythm';
import { RFM_SEGMENTS } from '../../src/shared/contract/insights';

describe('RFM scores and the R/F grid (decision 0017)', () => {
  it('maps every R/F cell to the usual segment', () => {
    const grid = [1, 2, 3, 4, 5].map((r) => [1, 2, 3, 4, 5].map((f) => segmentOf(r, f)));
    expect(grid).toEqual([
      ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose"],
      ['Hibernating', 'Hibernating', 'At risk', 'At risk', "Can't lose"],
      ['About to sleep', 'About to sleep', 'Need attention', 'Loyal', 'Loyal'],
      ['Promising', 'Potential loyalist', 'Potential loyalist', 'Loyal', 'Loyal'],
      ['New', 'Potential loyalist', 'Potential loyalist', 'Champions', 'Champions'],
    ]);
    expect(new Set(grid.flat())).toEqual(new Set(RFM_SEGMENTS));
  });

  it('cuts at the 20th, 40th, 60th and 80th percentiles and puts a fifth of distinct values in each band', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quintileCuts(values)).toEqual([20, 40, 60, 80]);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) {
      const band = scoreUp(v, quintileCuts(values)) - 1;
      counts[band] = (counts[band] ?? 0) + 1;
    }
    expect(counts).toEqual([20, 20, 20, 20, 20]);
    // fewer recent days score higher
    expect([1, 20, 21, 80, 81].map((d) => scoreDown(d, [20, 40, 60, 80]))).toEqual([5, 5, 4, 2, 1]);
  });

  it('scores within 1–5, higher for more (F, M) and for fewer days (R), equal values equally', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 200 }), (values) => {
        const cuts = quintileCuts(values);
        const sorted = [...values].sort((a, b) => a - b);
        let prev = 0;
        for (const v of sorted) {
          const s = scoreUp(v, cuts);
          expect(s).toBeGreaterThanOrEqual(Math.max(1, prev));
          expect(s).toBeLessThanOrEqual(5);
          expect(scoreDown(v, cuts)).toBe(6 - s);
          prev = s;
        }
      }),
    );
  });
});

describe('rhythm gaps', () => {
  it('takes gaps between distinct days, the median (mean of the middle two) and the 90th percentile by nearest rank', () => {
    expect(gapsOf([1, 1, 11, 21, 41])).toEqual([10, 10, 20]);
    expect(gapStats([10, 10, 20])).toEqual({ median: 10, p90: 20 });
    expect(gapStats([4, 8])).toEqual({ median: 6, p90: 8 });
    expect(gapStats([])).toBeNull();
    expect(rhythmStatus(10, { median: 10, p90: 20 })).toBe('ok');
    expect(rhythmStatus(11, { median: 10, p90: 20 })).toBe('due');
    expect(rhythmStatus(21, { median: 10, p90: 20 })).toBe('at_risk');
  });

  it('gives the same statistics from a histogram as from the list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 300 }), (gaps) => {
        const h = new Map<number, number>();
        for (const g of gaps) h.set(g, (h.get(g) ?? 0) + 1);
        expect(gapStatsOfHistogram(h)).toEqual(gapStats(gaps));
      }),
    );
  });
});

describe('calendar days', () => {
  it('names ISO weeks: Monday starts them, week 1 holds the first Thursday', () => {
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2026-01-04')).toBe('2026-W01');
    expect(isoWeek('2026-01-05')).toBe('2026-W02');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
  });

  it('counts days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-31', -89)).toBe('2026-01-01');
    expect(daysBetween('2026-01-10', '2026-03-12')).toBe(61);
  });
});
