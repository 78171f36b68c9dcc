import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CartLineToPrice,
  mulDivRound,
  type PriceRule,
  priceCart,
  resolvePrice,
  roundToIncrement,
  spreadByWeight,
} from '../../src/main/domains/sales/pricing';
import type { Discount } from '../../src/shared/contract/sales';

const line = (over: Partial<CartLineToPrice> = {}): CartLineToPrice => ({
  productId: 'p',
  qtyMilli: 1000,
  regularUnitPrice: 1000,
  unitPrice: 1000,
  priceRuleId: null,
  priceReason: 'regular',
  priceOverridden: false,
  discount: null,
  taxRateBp: 0,
  ...over,
});

describe('price arithmetic', () => {
  it.each([
    [5, 1, 2, 3],
    [-5, 1, 2, -3],
    [4, 1, 2, 2],
    [1_000_000_000_000, 999_999, 1000, 999_999_000_000_000],
    [4500, 1250, 1000, 5625],
    [4800, 1100, 1000, 5280],
    [3, 1, 3, 1],
  ])('mulDivRound(%i, %i, %i) = %i (half away from zero, exact beyond 2^53 intermediates)', (a, b, c, want) => {
    expect(mulDivRound(a, b, c)).toBe(want);
  });

  it.each([
    [5280, 500, 5500],
    [5249, 500, 5000],
    [5250, 500, 5500],
    [5280, 1, 5280],
    [1_030, 50, 1_050],
  ])('rounds %i to the nearest %i: %i', (amount, inc, want) => {
    expect(roundToIncrement(amount, inc)).toBe(want);
  });

  it('spreads an amount by weight exactly, leftovers to the largest remainders, ties to the earlier line', () => {
    expect(spreadByWeight(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(spreadByWeight(10, [0, 5, 5])).toEqual([0, 5, 5]);
    expect(spreadByWeight(0, [3, 4])).toEqual([0, 0]);
    expect(spreadByWeight(7, [0, 0])).toEqual([0, 0]);
  });

  it('property: shares sum exactly to the amount and never exceed their weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (ws, seed) => {
          const sum = ws.reduce((a, b) => a + b, 0);
          const total = sum === 0 ? 0 : seed % (sum + 1);
          const parts = spreadByWeight(total, ws);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(sum === 0 ? 0 : total);
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(ws[i] as number);
          });
        },
      ),
    );
  });
});

describe('resolvePrice', () => {
  const product = { id: 'soda', price: 2000, categoryId: 'drinks' };
  const wholesale: PriceRule = {
    id: 'r-wholesale',
    reason: 'Wholesale list',
    customerCategoryIds: ['wholesale'],
    minQtyMilli: 12_000,
    price: { kind: 'fixed', unitPrice: 1700 },
  };
  const members: PriceRule = {
    id: 'r-member',
    reason: 'Members 10% off',
    tiers: ['member'],
    price: { kind: 'percentOff', bp: 1000 },
  };
  const june: PriceRule = {
    id: 'r-june',
    reason: 'June drinks offer',
    productCategoryIds: ['drinks'],
    validFrom: 100,
    validTo: 200,
    price: { kind: 'fixed', unitPrice: 1900 },
  };
  const rules = [wholesale, members, june];
  it.each([
    ['walk-in, no rules', null, 1000, 50, [], 2000, null],
    ['walk-in: customer rules do not apply', null, 24_000, 50, rules, 2000, null],
    ['wholesale below the quantity break', { id: 'c', categoryId: 'wholesale' }, 11_000, 50, rules, 2000, null],
    ['wholesale at 12 units', { id: 'c', categoryId: 'wholesale' }, 12_000, 50, rules, 1700, 'r-wholesale'],
    ['member discount', { id: 'c', categoryId: null, tier: 'member' }, 1000, 50, rules, 1800, 'r-member'],
    ['dated offer inside its dates, for anyone', null, 1000, 150, rules, 1900, 'r-june'],
    [
      'best price wins: member 1800 beats the June offer 1900',
      { id: 'c', categoryId: null, tier: 'member' },
      1000,
      150,
      rules,
      1800,
      'r-member',
    ],
  ] as const)('%s', (_name, customer, qty, date, rs, unitPrice, ruleId) => {
    const r = resolvePrice({ product, quantityMilli: qty, customer, date, rules: rs as readonly PriceRule[] });
    expect(r).toMatchObject({ unitPrice, ruleId, regularUnitPrice: 2000 });
  });

  it('breaks ties between equal prices by rule id, whatever the order of the rules', () => {
    const a: PriceRule = { id: 'a', reason: 'A', price: { kind: 'fixed', unitPrice: 1500 } };
    const b: PriceRule = { id: 'b', reason: 'B', price: { kind: 'fixed', unitPrice: 1500 } };
    for (const rs of [
      [a, b],
      [b, a],
    ]) {
      expect(resolvePrice({ product, quantityMilli: 1000, customer: null, date: 0, rules: rs }).ruleId).toBe('a');
    }
  });
});

describe('priceCart', () => {
  it('prices inclusive of tax: VAT is inside the line amount', () => {
    const c = priceCart({
      lines: [line({ unitPrice: 5000, regularUnitPrice: 5000, qtyMilli: 2000, taxRateBp: 1800 })],
      orderDiscount: null,
      pricesIncludeTax: true,
      cashIncrement: 1,
    });
    expect(c).toMatchObject({ subtotal: 10_000, taxTotal: 1525, total: 10_000, discountTotal: 0 });
    expect(c.lines[0]).toMatchObject({ net: 8475, tax: 1525, total: 10_000 });
  });

  it('prices exclusive of tax: VAT added on top after discounts', () => {
    const c = priceCart({
      lines: [
        line({ unitPrice: 1000, qtyMilli: 3000, taxRateBp: 2000, discount: { kind: 'amount', amount: 500 } }),
        line({ unitPrice: 250, qtyMilli: 4000, taxRateBp: 0 }),
      ],
      orderDiscount: { kind: 'percent', bp: 1000 },
      pricesIncludeTax: false,
      cashIncrement: 1,
    });
    // amounts 3000 and 1000; line discount 500 -> 2500 + 1000 = 3500; 10% order discount = 350 split 250 / 100
    expect(c.lines.map((l) => [l.amount, l.lineDiscount, l.orderDiscountShare, l.net, l.tax, l.total])).toEqual([
      [3000, 500, 250, 2250, 450, 2700],
      [1000, 0, 100, 900, 0, 900],
    ]);
    expect(c).toMatchObject({ subtotal: 4000, discountTotal: 850, taxTotal: 450, total: 3600 });
  });

  it('weighs: 1.25 kg at 4,500 per kg is 5,625', () => {
    const c = priceCart({
      lines: [line({ unitPrice: 4500, qtyMilli: 1250 })],
      orderDiscount: null,
      pricesIncludeTax: true,
      cashIncrement: 1,
    });
    expect(c.total).toBe(5625);
  });

  it('an amount discount never takes a line below zero', () => {
    const c = priceCart({
      lines: [line({ discount: { kind: 'amount', amount: 5000 } })],
      orderDiscount: { kind: 'amount', amount: 99_999 },
      pricesIncludeTax: true,
      cashIncrement: 1,
    });
    expect(c).toMatchObject({ total: 0, lineDiscountTotal: 1000, orderDiscount: 0 });
  });

  const discountArb: fc.Arbitrary<Discount | null> = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 10_000 }).map((bp) => ({ kind: 'percent' as const, bp })),
    fc.integer({ min: 0, max: 2_000_000 }).map((amount) => ({ kind: 'amount' as const, amount })),
  );
  const lineArb = fc.record({
    productId: fc.constant('p'),
    qtyMilli: fc.integer({ min: 1, max: 50_000 }),
    unitPrice: fc.integer({ min: 0, max: 5_000_000 }),
    regularUnitPrice: fc.integer({ min: 0, max: 5_000_000 }),
    priceRuleId: fc.constant(null),
    priceReason: fc.constant('regular'),
    priceOverridden: fc.constant(false),
    discount: discountArb,
    taxRateBp: fc.constantFrom(0, 1100, 1600, 1800, 2000),
  });

  it('property: totals are sums of lines; total = subtotal − discounts (+ tax when exclusive); shares are exact', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 25 }),
        discountArb,
        fc.boolean(),
        fc.constantFrom(1, 50, 100, 500),
        (lines, orderDiscount, inclusive, inc) => {
          const c = priceCart({ lines, orderDiscount, pricesIncludeTax: inclusive, cashIncrement: inc });
          const sum = (f: (l: (typeof c.lines)[number]) => number) => c.lines.reduce((a, l) => a + f(l), 0);
          expect(c.total).toBe(sum((l) => l.total));
          expect(c.taxTotal).toBe(sum((l) => l.tax));
          expect(sum((l) => l.orderDiscountShare)).toBe(c.orderDiscount);
          expect(c.discountTotal).toBe(c.lineDiscountTotal + c.orderDiscount);
          expect(c.total).toBe(c.subtotal - c.discountTotal + (inclusive ? 0 : c.taxTotal));
          for (const l of c.lines) {
            expect(l.total).toBe(l.net + l.tax);
            expect(l.net).toBeGreaterThanOrEqual(0);
            expect(l.tax).toBeGreaterThanOrEqual(0);
            expect(l.lineDiscount + l.orderDiscountShare).toBeLessThanOrEqual(l.amount);
          }
          expect(c.cashTotal % inc).toBe(0);
          expect(Math.abs(c.cashRounding) * 2).toBeLessThanOrEqual(inc);
          expect(c.taxes.reduce((a, t) => a + t.tax, 0)).toBe(c.taxTotal);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: with no rules the resolved price is the regular price, and no rule-free price exceeds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 100_000 }), (price, qty) => {
        const r = resolvePrice({
          product: { id: 'x', price, categoryId: null },
          quantityMilli: qty,
          customer: null,
          date: 0,
          rules: [],
        });
        expect(r).toEqual({ unitPrice: price, regularUnitPrice: price, ruleId: null, reason: 'regular' });
      }),
    );
  });
});
