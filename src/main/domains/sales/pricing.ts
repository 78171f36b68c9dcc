import type { Discount } from '../../../shared/contract/sales';
import { withProps } from '../../../shared/objects';

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
  tags?: readonly string[];
  /** the customer's own price list: when set, the category's list does not apply */
  priceListId?: string | null;
  categoryPriceListId?: string | null;
}

/**
 * A price rule, from a price list item or a segment offer. A rule applies when every condition it sets holds. Among
 * applicable non-stackable rules the lowest price wins, ties broken by rule id; stackable rules then apply on top, in
 * rule id order. The result is never above the regular price unless an applicable rule says `raises`.
 */
export interface PriceRule {
  id: string;
  /** shown at the till and kept on the sales line, e.g. "Wholesale list" */
  reason: string;
  /** set on price list rules: applies only when this is the customer's effective list */
  priceListId?: string;
  productIds?: readonly string[];
  productCategoryIds?: readonly string[];
  customerIds?: readonly string[];
  customerCategoryIds?: readonly string[];
  tiers?: readonly string[];
  /** the customer has at least one of these tags */
  tags?: readonly string[];
  minQtyMilli?: number;
  /** the cart at regular prices is at least this much (minor units) */
  minSpend?: number;
  validFrom?: number;
  validTo?: number;
  stackable?: boolean;
  /** a fixed price above the regular price is allowed for this rule */
  raises?: boolean;
  /**
   * an amount off the whole order (resolveOrderOffer), not a unit price: resolvePrice leaves it out. Its price is
   * the amount off.
   */
  order?: boolean;
  price:
    | { kind: 'fixed'; unitPrice: number }
    | { kind: 'percentOff'; bp: number }
    | { kind: 'amountOff'; amount: number };
}

export interface ResolvedPrice {
  unitPrice: number;
  regularUnitPrice: number;
  ruleId: string | null;
  reason: string;
}

const within = <T>(list: readonly T[] | undefined, value: T | null | undefined) =>
  list === undefined || (value !== null && value !== undefined && list.includes(value));

/** The customer's effective price list: their own, else their category's. */
export function effectivePriceListId(customer: PricingCustomer | null): string | null {
  return customer?.priceListId ?? customer?.categoryPriceListId ?? null;
}

function applies(
  rule: PriceRule,
  input: { product: PricingProduct; quantityMilli: number; customer: PricingCustomer | null; date: number },
  listId: string | null,
  cartRegularTotal: number | undefined,
): boolean {
  const { product, customer, quantityMilli, date } = input;
  if (rule.priceListId !== undefined && rule.priceListId !== listId) return false;
  if (!within(rule.productIds, product.id) || !within(rule.productCategoryIds, product.categoryId)) return false;
  const customerBound = rule.customerIds || rule.customerCategoryIds || rule.tiers || rule.tags;
  if (customerBound && !customer) return false;
  if (
    customer &&
    (!within(rule.customerIds, customer.id) ||
      !within(rule.customerCategoryIds, customer.categoryId) ||
      !within(rule.tiers, customer.tier) ||
      (rule.tags !== undefined && !rule.tags.some((t) => customer.tags?.includes(t))))
  )
    return false;
  if (rule.minQtyMilli !== undefined && quantityMilli < rule.minQtyMilli) return false;
  if (rule.minSpend !== undefined && (cartRegularTotal ?? 0) < rule.minSpend) return false;
  if ((rule.validFrom !== undefined && date < rule.validFrom) || (rule.validTo !== undefined && date > rule.validTo))
    return false;
  return true;
}

function priceBy(rule: PriceRule, base: number): number {
  const p = rule.price;
  if (p.kind === 'fixed') return p.unitPrice;
  if (p.kind === 'percentOff') return base - mulDivRound(base, p.bp, 10_000);
  return Math.max(0, base - p.amount);
}

/** The one place a unit price is decided. With no rules, the regular price. */
export function resolvePrice(input: {
  product: PricingProduct;
  quantityMilli: number;
  customer: PricingCustomer | null;
  date: number;
  rules: readonly PriceRule[];
  /** for minimum-spend offers; without it such offers do not apply */
  cartRegularTotal?: number;
}): ResolvedPrice {
  const { product } = input;
  const listId = effectivePriceListId(input.customer);
  const regular = product.price;
  const ok = input.rules.filter((r) => !r.order && applies(r, input, listId, input.cartRegularTotal));
  // candidates: each applicable non-stackable rule, and the regular price unless a rule explicitly raises it
  const raising = ok.some((r) => !r.stackable && r.raises);
  let best: ResolvedPrice | null = raising
    ? null
    : { unitPrice: regular, regularUnitPrice: regular, ruleId: null, reason: 'regular' };
  for (const rule of ok) {
    if (rule.stackable) continue;
    const raw = priceBy(rule, regular);
    const unitPrice = raw > regular && !rule.raises ? regular : raw;
    // lowest price wins; on a tie the regular price stays, else the lower rule id
    const better =
      best === null ||
      unitPrice < best.unitPrice ||
      (unitPrice === best.unitPrice && best.ruleId !== null && rule.id < best.ruleId);
    if (better) best = { unitPrice, regularUnitPrice: regular, ruleId: rule.id, reason: rule.reason };
  }
  if (best === null) throw new Error('unreachable: a raising rule is a candidate');
  const stacked = ok.filter((r) => r.stackable).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const rule of stacked) {
    const unitPrice = Math.min(best.unitPrice, priceBy(rule, best.unitPrice));
    if (unitPrice >= best.unitPrice) continue;
    best = {
      unitPrice,
      regularUnitPrice: regular,
      ruleId: best.ruleId ?? rule.id,
      reason: best.ruleId === null ? rule.reason : `${best.reason} + ${rule.reason}`,
    };
  }
  return best;
}

/**
 * Narrows rules once per quote: drops those the customer, date or cart can never meet, then indexes the rest by
 * product and product category, so each line checks only rules that could apply to it. resolvePrice over the
 * narrowed rules gives the same answer as over all of them (it re-checks every condition; order does not matter).
 */
export function rulesForCart(input: {
  rules: readonly PriceRule[];
  customer: PricingCustomer | null;
  date: number;
  cartRegularTotal?: number;
}): (product: PricingProduct) => readonly PriceRule[] {
  const listId = effectivePriceListId(input.customer);
  const probe = { id: '', price: 0, categoryId: null };
  const general: PriceRule[] = [];
  const byProduct = new Map<string, PriceRule[]>();
  const byCategory = new Map<string, PriceRule[]>();
  const add = (m: Map<string, PriceRule[]>, k: string, r: PriceRule) => {
    const a = m.get(k);
    if (a) a.push(r);
    else m.set(k, [r]);
  };
  const probeInput = withProps(input, { product: probe, quantityMilli: 0 });
  for (const r of input.rules) {
    if (r.order) continue;
    // product conditions and quantity are left to resolvePrice
    const customerLevel = withProps(r, {
      productIds: undefined,
      productCategoryIds: undefined,
      minQtyMilli: undefined,
    });
    if (!applies(customerLevel, probeInput, listId, input.cartRegularTotal)) continue;
    if (r.productIds) for (const id of r.productIds) add(byProduct, id, r);
    else if (r.productCategoryIds) for (const id of r.productCategoryIds) add(byCategory, id, r);
    else general.push(r);
  }
  return (product) => {
    const a = byProduct.get(product.id);
    const b = product.categoryId ? byCategory.get(product.categoryId) : undefined;
    return a || b ? [...general, ...(a ?? []), ...(b ?? [])] : general;
  };
}

/** An amount off the whole order and the offers that give it (capped to the order by priceCart). */
export interface OrderOffer {
  amount: number;
  ruleIds: string[];
  reason: string;
}

const byId = (a: PriceRule, b: PriceRule) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Whole-order amount offers (rules marked `order`): among the applicable non-stackable ones the largest amount wins
 * (ties to the lower rule id), and stackable ones add to it in rule id order; without a customer-bound match, none.
 * Minimum spend is checked against the order at regular prices, as for line offers; minimum quantity against the
 * order's total quantity.
 */
export function resolveOrderOffer(input: {
  customer: PricingCustomer | null;
  date: number;
  rules: readonly PriceRule[];
  cartRegularTotal: number;
  cartQtyMilli: number;
}): OrderOffer | null {
  const listId = effectivePriceListId(input.customer);
  const probe = withProps(input, {
    product: { id: '', price: 0, categoryId: null },
    quantityMilli: input.cartQtyMilli,
  });
  const ok = input.rules
    .filter((r) => r.order && r.price.kind === 'amountOff' && r.price.amount > 0)
    .filter((r) => applies(r, probe, listId, input.cartRegularTotal))
    .sort(byId);
  const amountOf = (r: PriceRule) => (r.price.kind === 'amountOff' ? r.price.amount : 0);
  let best: PriceRule | null = null;
  for (const r of ok) if (!r.stackable && (best === null || amountOf(r) > amountOf(best))) best = r;
  const chosen = [...(best ? [best] : []), ...ok.filter((r) => r.stackable)];
  if (chosen.length === 0) return null;
  return {
    amount: chosen.reduce((a, r) => a + amountOf(r), 0),
    ruleIds: chosen.map((r) => r.id),
    reason: chosen.map((r) => r.reason).join(' + '),
  };
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
  /** the manual order discount */
  orderDiscount: number;
  /** the whole-order offer's amount off (at most what is left after the other discounts) */
  offerDiscount: number;
  offerReason: string | null;
  offerRuleIds: string[];
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
  /** a whole-order offer (resolveOrderOffer), spread over the lines with the order discount */
  orderOffer?: OrderOffer | null;
}): PricedCart {
  const { pricesIncludeTax } = input;
  const base = input.lines.map((l) => {
    const amount = mulDivRound(l.unitPrice, l.qtyMilli, 1000);
    const lineDiscount = discountOf(amount, l.discount);
    return { l, amount, lineDiscount, after: amount - lineDiscount };
  });
  const afterSum = base.reduce((a, b) => a + b.after, 0);
  const orderDiscount = discountOf(afterSum, input.orderDiscount);
  const offer = input.orderOffer ?? null;
  const offerDiscount = offer ? Math.min(offer.amount, afterSum - orderDiscount) : 0;
  const shares = spreadByWeight(
    orderDiscount + offerDiscount,
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
    return withProps(b.l, {
      lineNo: i + 1,
      amount: b.amount,
      lineDiscount: b.lineDiscount,
      orderDiscountShare: share,
      tax,
      net,
      total: net + tax,
    });
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
    offerDiscount,
    offerReason: offerDiscount > 0 && offer ? offer.reason : null,
    offerRuleIds: offerDiscount > 0 && offer ? offer.ruleIds : [],
    discountTotal: lineDiscountTotal + orderDiscount + offerDiscount,
    taxTotal: sum((l) => l.tax),
    total,
    regularTotal,
    savings: Math.max(0, regularTotal - total),
    cashTotal,
    cashRounding: cashTotal - total,
    taxes: [...taxes.entries()].sort(([a], [b]) => a - b).map(([rateBp, v]) => ({ rateBp, ...v })),
  };
}
