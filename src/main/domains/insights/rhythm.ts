/**
 * A customer's own rhythm, pure functions: the gaps in days between the distinct shop-local days they bought on.
 * With at least 3 sales (and a gap) they are *due* once the days since their last sale pass their median gap and
 * *at risk* past their 90th-percentile gap; others are measured against the shop's gaps over every customer.
 */

export interface GapStats {
  /** median gap in days (the mean of the middle two for an even count) */
  median: number;
  /** 90th percentile gap in days, by nearest rank */
  p90: number;
}

/** Gaps in days between consecutive distinct days, given the days as day numbers in ascending order. */
export function gapsOf(dayNumbers: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < dayNumbers.length; i++) {
    const g = (dayNumbers[i] as number) - (dayNumbers[i - 1] as number);
    if (g > 0) out.push(g);
  }
  return out;
}

export function gapStats(gaps: readonly number[]): GapStats | null {
  if (gaps.length === 0) return null;
  const s = [...gaps].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
  return { median, p90: s[Math.ceil(0.9 * n) - 1] as number };
}

/** The same statistics from a histogram of gaps (gap in days → how many), for the whole shop's gaps. */
export function gapStatsOfHistogram(histogram: ReadonlyMap<number, number>): GapStats | null {
  const entries = [...histogram].sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((t, [, c]) => t + c, 0);
  if (n === 0) return null;
  /** the k-th smallest gap, 1-based */
  const kth = (k: number) => {
    let seen = 0;
    for (const [gap, count] of entries) {
      seen += count;
      if (seen >= k) return gap;
    }
    return entries.at(-1)?.[0] as number;
  };
  const median = n % 2 ? kth((n + 1) / 2) : (kth(n / 2) + kth(n / 2 + 1)) / 2;
  return { median, p90: kth(Math.ceil(0.9 * n)) };
}

export type RhythmStatus = 'ok' | 'due' | 'at_risk';

export function rhythmStatus(daysSince: number, stats: GapStats): RhythmStatus {
  if (daysSince > stats.p90) return 'at_risk';
  if (daysSince > stats.median) return 'due';
  return 'ok';
}
