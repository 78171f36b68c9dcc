import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CartLineToPrice,
  type PriceRule,
  type PricingCustomer,
  priceCart,
  resolveOrderOffer,
  resolvePrice,
} from '../../src/main/domains/sales/pricing';

const member: PricingCustomer = { id: 'c1', categoryId: 'member', tier: 'gold' };
const walkIn = null;
const off = (id: string, amount: number, extra: Partial<PriceRule> = {}): PriceRule => ({
  id,
  reason: `Offer ${id}`,
  order: true,
  price: { kind: 'amountOff', amount },
  ...extra,
});
const rules: PriceRule[] = [
  off('o-5k', 5000, { minSpend: 100_000 }),
  off('o-2k-members', 2000, { customerCategoryIds: ['member'] }),
  off('o-3k-members', 3000, { customerCategoryIds: ['member'], minQtyMilli: 10_000 }),
  off('o-gold-stack', 500, { tiers: ['gold'], stackable: true }),
  off('o-future', 9000, { validFrom: 10_000 }),
];

describe('whole-order amount offers (resolveOrderOffer)', () => {
  it.each([
    ['a walk-in under the minimum spend gets nothing', walkIn, 99_999, 1000, null, 0],
    ['a walk-in at the minimum spend gets UGX 5,000 off', walkIn, 100_000, 1000, ['o-5k'], 5000],
    [
      'a member gets the member offer and the stackable gold one on top',
      member,
      1000,
      1000,
      ['o-2k-members', 'o-gold-stack'],
      2500,
    ],
    [
      'with 10 units the bigger member offer wins; they never stack',
      member,
      1000,
      10_000,
      ['o-3k-members', 'o-gold-stack'],
      3500,
    ],
    [
      'at the minimum spend the biggest non-stackable offer wins',
      member,
      100_000,
      10_000,
      ['o-5k', 'o-gold-stack'],
      5500,
    ],
    ['an offer before its start date does not apply', walkIn, 1000, 1000, null, 0],
  ] as const)('%s', (_name, customer, cartRegularTotal, cartQtyMilli, ruleIds, amount) => {
    const r = resolveOrderOffer({ customer, date: 0, rules, cartRegularTotal, cartQtyMilli });
    expect(r?.ruleIds ?? null).toEqual(ruleIds);
    expect(r?.amount ?? 0).toBe(amount);
  });

  it('ties break to the lower rule id, whatever the order of the rules', () => {
    const tied = [off('b', 1000), off('a', 1000), off('c', 900)];
    for (const order of [tied, [...tied].reverse()]) {
      const r = resolveOrderOffer({ customer: walkIn, date: 0, rules: order, cartRegularTotal: 1, cartQtyMilli: 1 });
      expect(r).toEqual({ amount: 1000, ruleIds: ['a'], reason: 'Offer a' });
    }
  });

  it('says why: the reasons of the offers that apply, joined', () => {
    const r = resolveOrderOffer({ customer: member, date: 0, rules, cartRegularTotal: 1, cartQtyMilli: 1 });
    expect(r?.reason).toBe('Offer o-2k-members + Offer o-gold-stack');
  });

  it('an order offer never changes a unit price', () => {
    const p = resolvePrice({
      product: { id: 'p', price: 2000, categoryId: null },
      quantityMilli: 1000,
      customer: member,
      date: 0,
      rules,
      cartRegularTotal: 200_000,
    });
    expect(p).toMatchObject({ unitPrice: 2000, ruleId: null });
  });
});

const line = (unitPrice: number, qtyMilli: number, taxRateBp = 0): CartLineToPrice => ({
  productId: `p${unitPrice}`,
  qtyMilli,
  regularUnitPrice: unitPrice,
  unitPrice,
  priceRuleId: null,
  priceReason: 'regular',
  priceOverridden: false,
  discount: null,
  taxRateBp,
});

describe('a whole-order offer in the cart total (priceCart)', () => {
  it('comes off the total once, spread over the lines, counted in discounts and savings', () => {
    const c = priceCart({
      lines: [line(4500, 2000), line(5000, 1000)],
      orderDiscount: null,
      pricesIncludeTax: true,
      cashIncrement: 1,
      orderOffer: { amount: 1000, ruleIds: ['o'], reason: 'Spend & save' },
    });
    expect(c).toMatchObject({
      subtotal: 14_000,
      offerDiscount: 1000,
      discountTotal: 1000,
      total: 13_000,
      savings: 1000,
    });
    expect(c.offerReason).toBe('Spend & save');
    expect(c.lines.map((l) => l.orderDiscountShare)).toEqual([643, 357]);
  });

  it('never takes more than is left after the manual order discount, and says nothing when it takes nothing', () => {
    const c = priceCart({
      lines: [line(1000, 1000)],
      orderDiscount: { kind: 'amount', amount: 800 },
      pricesIncludeTax: true,
      cashIncrement: 1,
      orderOffer: { amount: 5000, ruleIds: ['o'], reason: 'Big' },
    });
    expect(c).toMatchObject({ orderDiscount: 800, offerDiscount: 200, total: 0 });
    const none = priceCart({
      lines: [line(1000, 1000)],
      orderDiscount: { kind: 'percent', bp: 10_000 },
      pricesIncludeTax: true,
      cashIncrement: 1,
      orderOffer: { amount: 5000, ruleIds: ['o'], reason: 'Big' },
    });
    expect(none).toMatchObject({ offerDiscount: 0, offerReason: null, offerRuleIds: [] });
  });

  it('property: with an order offer the total is never negative, never above the regular total, and still Σ lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 1, max: 50 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.boolean(),
        fc.constantFrom(0, 1100, 1800),
        (ls, amount, incl, tax) => {
          const c = priceCart({
            lines: ls.map(([p, q]) => line(p, q * 1000, tax)),
            orderDiscount: null,
            pricesIncludeTax: incl,
            cashIncrement: 1,
            orderOffer: { amount, ruleIds: ['o'], reason: 'x' },
          });
          expect(c.total).toBeGreaterThanOrEqual(0);
          expect(c.total).toBeLessThanOrEqual(c.regularTotal);
          expect(c.offerDiscount).toBeLessThanOrEqual(amount);
          expect(c.total).toBe(c.lines.reduce((a, l) => a + l.total, 0));
          expect(c.lines.reduce((a, l) => a + l.orderDiscountShare, 0)).toBe(c.offerDiscount);
        },
      ),
    );
  });
});
