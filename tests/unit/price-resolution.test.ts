import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PriceRule, type PricingCustomer, resolvePrice, rulesForCart } from '../../src/main/domains/sales/pricing';

const soda = { id: 'soda', price: 2000, categoryId: 'drinks' };
const wholesaleList = 'pl-wholesale';
const vipList = 'pl-vip';
const rules: PriceRule[] = [
  {
    id: 'w-6',
    reason: 'Wholesale 6+',
    priceListId: wholesaleList,
    productIds: ['soda'],
    minQtyMilli: 6000,
    price: { kind: 'fixed', unitPrice: 1850 },
  },
  {
    id: 'w-12',
    reason: 'Wholesale carton',
    priceListId: wholesaleList,
    productIds: ['soda'],
    minQtyMilli: 12_000,
    price: { kind: 'fixed', unitPrice: 1700 },
  },
  { id: 'vip-all', reason: 'VIP list', priceListId: vipList, price: { kind: 'percentOff', bp: 500 } },
  { id: 'o-member', reason: 'Members 10% off', tiers: ['member'], price: { kind: 'percentOff', bp: 1000 } },
  {
    id: 'o-tag',
    reason: 'Teachers UGX 100 off',
    tags: ['teacher'],
    productCategoryIds: ['drinks'],
    price: { kind: 'amountOff', amount: 100 },
  },
  {
    id: 'o-spend',
    reason: 'Spend 50k, 15% off',
    minSpend: 50_000,
    customerCategoryIds: ['vip'],
    price: { kind: 'percentOff', bp: 1500 },
  },
  {
    id: 'o-stack',
    reason: 'Loyalty week 5%',
    stackable: true,
    tiers: ['gold'],
    price: { kind: 'percentOff', bp: 500 },
  },
];
const wholesaler: PricingCustomer = { id: 'c1', categoryId: 'wholesale', categoryPriceListId: wholesaleList };

describe('resolvePrice with price lists and offers', () => {
  it.each([
    ['walk-in pays the regular price', null, 24_000, undefined, 2000, null],
    ['wholesale category below any break: regular', wholesaler, 5000, undefined, 2000, null],
    ['wholesale category at 6 units: the 6+ break', wholesaler, 6000, undefined, 1850, 'w-6'],
    ['wholesale category at 12 units: the carton price', wholesaler, 12_000, undefined, 1700, 'w-12'],
    ['wholesale category at 13.5 units: still the carton price', wholesaler, 13_500, undefined, 1700, 'w-12'],
    [
      "the customer's own list wins over the category's (even when the category's is cheaper)",
      { ...wholesaler, priceListId: vipList },
      12_000,
      undefined,
      1900,
      'vip-all',
    ],
    [
      'a member gets the member discount',
      { id: 'c2', categoryId: null, tier: 'member' },
      1000,
      undefined,
      1800,
      'o-member',
    ],
    [
      'a tag offer, amount off per unit',
      { id: 'c3', categoryId: null, tags: ['teacher', 'x'] },
      1000,
      undefined,
      1900,
      'o-tag',
    ],
    ['a tag offer needs one of its tags', { id: 'c3', categoryId: null, tags: ['nurse'] }, 1000, undefined, 2000, null],
    ['min spend not reached', { id: 'c4', categoryId: 'vip' }, 1000, 49_999, 2000, null],
    ['min spend reached', { id: 'c4', categoryId: 'vip' }, 1000, 50_000, 1700, 'o-spend'],
    [
      'best price wins: carton 1700 beats member 1800',
      { ...wholesaler, tier: 'member' },
      12_000,
      undefined,
      1700,
      'w-12',
    ],
    [
      'a stackable offer applies on top of the best price',
      { ...wholesaler, tier: 'gold' },
      12_000,
      undefined,
      1615,
      'w-12',
    ],
    ['a stackable offer alone', { id: 'c5', categoryId: null, tier: 'gold' }, 1000, undefined, 1900, 'o-stack'],
  ] as const)('%s', (_name, customer, qty, cartRegularTotal, unitPrice, ruleId) => {
    const r = resolvePrice({ product: soda, quantityMilli: qty, customer, date: 0, rules, cartRegularTotal });
    expect(r).toMatchObject({ unitPrice, ruleId, regularUnitPrice: 2000 });
  });

  it('says why: the reason of each rule that set the price', () => {
    const r = resolvePrice({
      product: soda,
      quantityMilli: 12_000,
      customer: { ...wholesaler, tier: 'gold' },
      date: 0,
      rules,
    });
    expect(r.reason).toBe('Wholesale carton + Loyalty week 5%');
  });

  it('a fixed price above the regular price is ignored unless the rule explicitly raises it', () => {
    const high: PriceRule = { id: 'h', reason: 'Delivery list', price: { kind: 'fixed', unitPrice: 2300 } };
    expect(resolvePrice({ product: soda, quantityMilli: 1000, customer: null, date: 0, rules: [high] })).toMatchObject({
      unitPrice: 2000,
      ruleId: null,
    });
    const raise = { ...high, raises: true };
    expect(resolvePrice({ product: soda, quantityMilli: 1000, customer: null, date: 0, rules: [raise] })).toMatchObject(
      { unitPrice: 2300, ruleId: 'h' },
    );
  });

  it('a list outside its dates does not apply', () => {
    const dated: PriceRule = { ...(rules[1] as PriceRule), validFrom: 100, validTo: 200 };
    for (const [date, price] of [
      [99, 2000],
      [100, 1700],
      [200, 1700],
      [201, 2000],
    ] as const)
      expect(
        resolvePrice({ product: soda, quantityMilli: 12_000, customer: wholesaler, date, rules: [dated] }).unitPrice,
      ).toBe(price);
  });
});

const ruleArb: fc.Arbitrary<PriceRule> = fc.record(
  {
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    reason: fc.constant('r'),
    priceListId: fc.constantFrom('l1', 'l2'),
    tiers: fc.constant(['member']),
    minQtyMilli: fc.integer({ min: 0, max: 20_000 }),
    stackable: fc.boolean(),
    raises: fc.boolean(),
    price: fc.oneof(
      fc.record({ kind: fc.constant('fixed' as const), unitPrice: fc.integer({ min: 0, max: 5000 }) }),
      fc.record({ kind: fc.constant('percentOff' as const), bp: fc.integer({ min: -2000, max: 10_000 }) }),
      fc.record({ kind: fc.constant('amountOff' as const), amount: fc.integer({ min: 0, max: 3000 }) }),
    ),
  },
  { requiredKeys: ['id', 'reason', 'price'] },
);
const customerArb = fc.option(
  fc.record({
    id: fc.constant('c'),
    categoryId: fc.constant(null),
    tier: fc.constantFrom('member', null),
    priceListId: fc.constantFrom('l1', 'l2', null),
    categoryPriceListId: fc.constantFrom('l1', 'l2', null),
  }),
);

describe('resolvePrice properties', () => {
  it('property: never above the regular price unless an applicable rule explicitly raises it', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 8 }),
        customerArb,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 30_000 }),
        (rs, customer, price, qty) => {
          const noRaise = rs.map((r) => ({ ...r, raises: false }));
          const r = resolvePrice({
            product: { id: 'p', price, categoryId: null },
            quantityMilli: qty,
            customer,
            date: 0,
            rules: noRaise,
          });
          expect(r.unitPrice).toBeLessThanOrEqual(price);
          expect(r.unitPrice).toBeGreaterThanOrEqual(0);
          expect(r.regularUnitPrice).toBe(price);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: the same rules in any order give the same price, rule and reason', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(ruleArb, { maxLength: 8, selector: (r) => r.id }),
        customerArb,
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer(),
        (rs, customer, price, qty, seed) => {
          const product = { id: 'p', price, categoryId: null };
          const shuffled = [...rs]
            .sort((x, y) => ((x.id.charCodeAt(0) * seed) % 7) - ((y.id.charCodeAt(0) * seed) % 7))
            .reverse();
          const a = resolvePrice({ product, quantityMilli: qty, customer, date: 0, rules: rs });
          const b = resolvePrice({ product, quantityMilli: qty, customer, date: 0, rules: shuffled });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: narrowing the rules per cart (rulesForCart) never changes a price', () => {
    const scoped = fc.record({
      rule: ruleArb,
      productIds: fc.option(fc.subarray(['p1', 'p2', 'p3']), { nil: undefined }),
      productCategoryIds: fc.option(fc.subarray(['k1', 'k2']), { nil: undefined }),
      tags: fc.option(fc.subarray(['vip', 'x']), { nil: undefined }),
      minSpend: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(scoped, { maxLength: 10, selector: (r) => r.rule.id }),
        customerArb,
        fc.constantFrom('p1', 'p2', 'p3'),
        fc.constantFrom('k1', 'k2', null),
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (raw, customer, id, categoryId, qty, cartRegularTotal) => {
          const rs = raw.map(({ rule, ...extra }) => ({ ...rule, ...extra }));
          const c = customer ? { ...customer, tags: ['vip'] } : null;
          const product = { id, price: 2000, categoryId };
          const all = resolvePrice({ product, quantityMilli: qty, customer: c, date: 0, rules: rs, cartRegularTotal });
          const narrowed = rulesForCart({ rules: rs, customer: c, date: 0, cartRegularTotal })(product);
          const r = resolvePrice({
            product,
            quantityMilli: qty,
            customer: c,
            date: 0,
            rules: narrowed,
            cartRegularTotal,
          });
          expect(r).toEqual(all);
        },
      ),
      { numRuns: 500 },
    );
  });
});
