import type { LoyaltyProgram } from '../../../shared/contract/loyalty';

/** ⌊a × b / c⌋ for non-negative integers, exact even when a × b is past 2^53. */
export function mulDivFloor(a: number, b: number, c: number): number {
  if (c <= 0) return 0;
  const p = a * b;
  if (Number.isSafeInteger(p)) return Math.floor(p / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

export interface EarnLine {
  productId: string;
  categoryId: string | null;
  /** without tax, after discounts */
  net: number;
  /** with tax, after discounts */
  total: number;
}

export interface EarnInput {
  program: LoyaltyProgram;
  lines: readonly EarnLine[];
  /** what the sale came to (Σ line totals) */
  saleTotal: number;
  /** the part paid with points or store credit: it earns nothing */
  paidWithoutEarning: number;
  multiplierBp: number;
}

/**
 * Points a sale earns: the eligible lines' base (pre-tax or tax-included, excluded products and categories left out),
 * less the share paid with points or store credit, `points` per whole `per`, rounded down, times the tier multiplier
 * (rounded down), plus the per-visit points; nothing below the minimum spend.
 */
export function earnPoints(i: EarnInput): number {
  const { program, lines } = i;
  if (!program.enabled || i.saleTotal <= 0) return 0;
  const e = program.earn;
  if (i.saleTotal < e.minSpend) return 0;
  const excludedProducts = new Set(e.excludedProductIds);
  const excludedCategories = new Set(e.excludedCategoryIds);
  let base = 0;
  for (const l of lines) {
    if (excludedProducts.has(l.productId)) continue;
    if (l.categoryId && excludedCategories.has(l.categoryId)) continue;
    base += e.base === 'preTax' ? l.net : l.total;
  }
  const paid = Math.max(0, i.saleTotal - Math.max(0, i.paidWithoutEarning));
  const earningBase = paid >= i.saleTotal ? base : mulDivFloor(Math.max(0, base), paid, i.saleTotal);
  // points for every whole `per` (2 per 500 on 1,999 is 6, not ⌊7.996⌋)
  const raw = Math.floor(Math.max(0, earningBase) / e.per) * e.points;
  const multiplied = mulDivFloor(raw, i.multiplierBp, 10_000);
  return multiplied + (paid > 0 ? e.perVisit : 0);
}
