import type { Discount } from '../../../shared/contract/sales';

// Pure price arithmetic: no database, no clock. Every amount is integer minor units, every quantity milli-units.

/** round(a × b / c), half away from zero, exact for any safe integers (BigInt inside). */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError('division by zero');
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  const r = Number(q);
  return neg ? -r : r;
}

/** Rounds an amount to the nearest multiple of `increment` (halves go up); 1 leaves it as it is. */
export function roundToIncrement(amount: number, increment: number): number {
  if (increment <= 1) return amount;
  return mulDivRound(amount, 1, increment) * increment;
}

/**
 * Splits `total` across `weights` in proportion, exactly: floors first, then the leftover units go to the largest
 * remainders (ties to the earlier line), so the parts always sum to `total` and each part ≤ its weight when
 * total ≤ Σ weights.
 */
export function spreadByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const T = BigInt(total);
  const S = BigInt(sum);
  const parts = weights.map((w) => {
    const n = T * BigInt(w);
    return { floor: n / S, rem: n % S };
  });
  let left = total - parts.reduce((a, p) => a + Number(p.floor), 0);
  const order = parts
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = parts[a]?.rem ?? 0n;
      const rb = parts[b]?.rem ?? 0n;
      return ra === rb ? a - b : rb > ra ? 1 : -1;
    });
  const out = parts.map((p) => Number(p.floor));
  for (const i of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

export interface PricingProduct {
  id: string;
  price: number;
  categoryId: string | null;
}

export interface PricingCustomer {
  id: string;
  categoryId: string | null;
  tier?: string | null;
}

/**
 * A price rule as price lists and offers (the prices-by-customer issue) will express it. A rule applies when every
 * condition it sets holds; the lowest price among applicable rules wins, ties broken by rule id.
 */
export interface PriceRule {
  id: string;
  /** shown at the till and kept on the sales line, e.g. "Wholesale list" */
  reason: string;
  productIds?: readonly string[];
  productCategoryIds?: readonly string[];
  customerIds?: readonly string[];
  customerCategoryIds?: readonly string[];
  tiers?: readonly string[];
  minQtyMilli?: number;
  validFrom?: number;
  validTo?: number;
  price: { kind: 'fixed'; unitPrice: number } | { kind: 'percentOff'; bp: number };
}

export interface ResolvedPrice {
  unitPrice: number;
  regularUnitPrice: number;
  ruleId: string | null;
  reason: string;
}

const within = <T>(list: readonly T[] | undefined, value: T | null | undefined) =>
  list === undefined || (value !== null && value !== undefined && list.includes(value));

/** The one place a unit price is decided. With no rules, the regular price. */
export function resolvePrice(input: {
  product: PricingProduct;
  quantityMilli: number;
  customer: PricingCustomer | null;
  date: number;
  rules: readonly PriceRule[];
}): ResolvedPrice {
  const { product, customer, quantityMilli, date } = input;
  let best: ResolvedPrice = {
    unitPrice: product.price,
    regularUnitPrice: product.price,
    ruleId: null,
    reason: 'regular',
  };
  for (const rule of input.rules) {
    if (!within(rule.productIds, product.id) || !within(rule.productCategoryIds, product.categoryId)) continue;
    const customerBound = rule.customerIds || rule.customerCategoryIds || rule.tiers;
    if (customerBound && !customer) continue;
    if (
      customer &&
      (!within(rule.customerIds, customer.id) ||
        !within(rule.customerCategoryIds, customer.categoryId) ||
        !within(rule.tiers, customer.tier))
    )
      continue;
    if (rule.minQtyMilli !== undefined && quantityMilli < rule.minQtyMilli) continue;
    if ((rule.validFrom !== undefined && date < rule.validFrom) || (rule.validTo !== undefined && date > rule.validTo))
      continue;
    const unitPrice =
      rule.price.kind === 'fixed'
        ? rule.price.unitPrice
        : product.price - mulDivRound(product.price, rule.price.bp, 10_000);
    const better =
      unitPrice < best.unitPrice || (unitPrice === best.unitPrice && best.ruleId !== null && rule.id < best.ruleId);
    if (better) best = { unitPrice, regularUnitPrice: product.price, ruleId: rule.id, reason: rule.reason };
  }
  return best;
}

export interface CartLineToPrice {
  productId: string;
  qtyMilli: number;
  regularUnitPrice: number;
  unitPrice: number;
  priceRuleId: string | null;
  priceReason: string;
  priceOverridden: boolean;
  discount: Discount | null;
  taxRateBp: number;
}

export interface PricedCartLine extends CartLineToPrice {
  lineNo: number;
  /** qty × unit price in the price basis (tax included when prices include tax) */
  amount: number;
  lineDiscount: number;
  orderDiscountShare: number;
  tax: number;
  net: number;
  total: number;
}

export interface PricedCart {
  lines: PricedCartLine[];
  subtotal: number;
  lineDiscountTotal: number;
  orderDiscount: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  regularTotal: number;
  savings: number;
  cashTotal: number;
  cashRounding: number;
  taxes: Array<{ rateBp: number; net: number; tax: number }>;
}

export function discountOf(base: number, d: Discount | null): number {
  if (!d || base <= 0) return 0;
  return d.kind === 'percent' ? mulDivRound(base, d.bp, 10_000) : Math.min(d.amount, base);
}

/** Tax and net of an amount in the price basis. */
export function taxOf(amount: number, rateBp: number, pricesIncludeTax: boolean): { net: number; tax: number } {
  if (pricesIncludeTax) {
    const net = mulDivRound(amount, 10_000, 10_000 + rateBp);
    return { net, tax: amount - net };
  }
  return { net: amount, tax: mulDivRound(amount, rateBp, 10_000) };
}

/**
 * Prices a cart: line amount = qty × unit price (rounded to the currency's minor unit), less the line discount, less
 * the line's share of the order discount (spread by line amount, exact), then tax per line (inclusive or exclusive).
 * Totals are sums of the lines, so total = subtotal − discounts (+ tax when exclusive) holds exactly.
 */
export function priceCart(input: {
  lines: CartLineToPrice[];
  orderDiscount: Discount | null;
  pricesIncludeTax: boolean;
  /** cash rounding increment in minor units (1 = none) */
  cashIncrement: number;
}): PricedCart {
  const { pricesIncludeTax } = input;
  const base = input.lines.map((l) => {
    const amount = mulDivRound(l.unitPrice, l.qtyMilli, 1000);
    const lineDiscount = discountOf(amount, l.discount);
    return { l, amount, lineDiscount, after: amount - lineDiscount };
  });
  const afterSum = base.reduce((a, b) => a + b.after, 0);
  const orderDiscount = discountOf(afterSum, input.orderDiscount);
  const shares = spreadByWeight(
    orderDiscount,
    base.map((b) => b.after),
  );
  const taxes = new Map<number, { net: number; tax: number }>();
  let regularTotal = 0;
  const lines = base.map((b, i): PricedCartLine => {
    const share = shares[i] ?? 0;
    const { net, tax } = taxOf(b.after - share, b.l.taxRateBp, pricesIncludeTax);
    const t = taxes.get(b.l.taxRateBp) ?? { net: 0, tax: 0 };
    taxes.set(b.l.taxRateBp, { net: t.net + net, tax: t.tax + tax });
    const regular = mulDivRound(b.l.regularUnitPrice, b.l.qtyMilli, 1000);
    regularTotal += pricesIncludeTax ? regular : regular + mulDivRound(regular, b.l.taxRateBp, 10_000);
    return {
      ...b.l,
      lineNo: i + 1,
      amount: b.amount,
      lineDiscount: b.lineDiscount,
      orderDiscountShare: share,
      tax,
      net,
      total: net + tax,
    };
  });
  const sum = (f: (l: PricedCartLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  const total = sum((l) => l.total);
  const lineDiscountTotal = sum((l) => l.lineDiscount);
  const cashTotal = roundToIncrement(total, input.cashIncrement);
  return {
    lines,
    subtotal: sum((l) => l.amount),
    lineDiscountTotal,
    orderDiscount,
    discountTotal: lineDiscountTotal + orderDiscount,
    taxTotal: sum((l) => l.tax),
    total,
    regularTotal,
    savings: Math.max(0, regularTotal - total),
    cashTotal,
    cashRounding: cashTotal - total,
    taxes: [...taxes.entries()].sort(([a], [b]) => a - b).map(([rateBp, v]) => ({ rateBp, ...v })),
  };
}
