import type { RfmSegment, RfmThresholds } from '../../../shared/contract/insights';

/**
 * RFM scoring and segments, pure functions. Each dimension has four ascending cut points that bound its five bands
 * (docs/decisions/0017-rfm-segments.md): quintiles of the shop's active customers, or the fixed thresholds the owner
 * keeps when there are too few customers for quintiles to mean much.
 */

/** Under this many active customers the fixed thresholds score instead of quintiles. */
export const QUINTILE_MIN_CUSTOMERS = 500;

export const DEFAULT_RFM_THRESHOLDS: RfmThresholds = {
  recencyDays: [14, 30, 60, 120],
  frequency: [1, 2, 4, 9],
  monetary: null,
};

/** The four cut points of a set of values: the 20th, 40th, 60th and 80th percentiles by nearest rank. */
export function quintileCuts(values: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort(); // typed: a numeric sort without a comparator call per pair
  const n = sorted.length;
  if (n === 0) return [0, 0, 0, 0];
  return [1, 2, 3, 4].map((k) => sorted[Math.max(0, Math.ceil((k * n) / 5) - 1)] as number);
}

/** 1–5 where more is better (frequency, monetary): ≤ c1 → 1, ≤ c2 → 2, ≤ c3 → 3, ≤ c4 → 4, more → 5. */
export function scoreUp(value: number, cuts: readonly number[]): number {
  let s = 1;
  for (const c of cuts) if (value > c) s++;
  return s;
}

/** 1–5 where less is better (days since the last sale): ≤ c1 → 5, …, more than c4 → 1. */
export function scoreDown(value: number, cuts: readonly number[]): number {
  return 6 - scoreUp(value, cuts);
}

/**
 * The usual R/F grid (docs/decisions/0017-rfm-segments.md), R score down the side, F score across:
 * R 5: F1 New, F2–3 Potential loyalist, F4–5 Champions;
 * R 4: F1 Promising, F2–3 Potential loyalist, F4–5 Loyal;
 * R 3: F1–2 About to sleep, F3 Need attention, F4–5 Loyal;
 * R 1–2: F1–2 Hibernating, F3–4 At risk, F5 Can't lose.
 */
export function segmentOf(r: number, f: number): RfmSegment {
  if (r >= 5) return f === 1 ? 'New' : f <= 3 ? 'Potential loyalist' : 'Champions';
  if (r === 4) return f === 1 ? 'Promising' : f <= 3 ? 'Potential loyalist' : 'Loyal';
  if (r === 3) return f <= 2 ? 'About to sleep' : f === 3 ? 'Need attention' : 'Loyal';
  return f <= 2 ? 'Hibernating' : f <= 4 ? 'At risk' : "Can't lose";
}
