import type { CurrencyCode } from './money';

/** A note or coin of a currency, its face value in minor units. */
export interface Denomination {
  value: number;
  kind: 'note' | 'coin';
}

const notes = (...v: number[]): Denomination[] => v.map((value) => ({ value, kind: 'note' }));
const coins = (...v: number[]): Denomination[] => v.map((value) => ({ value, kind: 'coin' }));

/**
 * The notes and coins a drawer is counted in, largest first (minor units: KES and GBP have cents and pence). A currency
 * without a list here is counted as one amount.
 */
export const DENOMINATIONS: Partial<Record<CurrencyCode, readonly Denomination[]>> = {
  UGX: [...notes(50_000, 20_000, 10_000, 5_000, 2_000, 1_000), ...coins(1_000, 500, 200, 100, 50)],
  IDR: [...notes(100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000), ...coins(1_000, 500, 200, 100)],
  KES: [...notes(100_000, 50_000, 20_000, 10_000, 5_000), ...coins(2_000, 1_000, 500, 100, 50)],
  GBP: [...notes(5_000, 2_000, 1_000, 500), ...coins(200, 100, 50, 20, 10, 5, 2, 1)],
};

export interface DenominationCount {
  value: number;
  kind: 'note' | 'coin';
  qty: number;
}

/** Σ value × qty of a count; throws on a note or coin the currency does not have. */
export function countTotal(currency: CurrencyCode, counts: readonly DenominationCount[]): number {
  const known = DENOMINATIONS[currency] ?? [];
  let total = 0;
  for (const c of counts) {
    if (!known.some((d) => d.value === c.value && d.kind === c.kind))
      throw new RangeError(`${currency} has no ${c.kind} of ${c.value}`);
    total += c.value * c.qty;
  }
  return total;
}
