import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/main/app';
import type { BenchResult } from './stats';
import { median } from './stats';

const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] as number;

/**
 * Re-pricing a 50-line sale when a customer is attached: sales.quote through the service with 20 price lists
 * (50 products each, two quantity breaks per product) and 500 offers (product, category and order scope, percent and
 * amount — an amount on the order comes off it once —, limited by category, tag or tier, some with per-customer limits
 * or a minimum spend). "warm" is the usual case (rules cached); "cold" invalidates
 * the rule cache before each quote, as right after a manager edits a list. Target: ≤ 10 ms.
 */
export function benchPricing(runs = 200): BenchResult[] {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-bench-pricing-'));
  const app = createApp({ dataDir: dir, log: () => {} });
  try {
    app.services.system.createDemoShop();
    const owner = app.sqlite.prepare("SELECT id, name FROM staff WHERE role = 'owner' LIMIT 1").get() as {
      id: string;
      name: string;
    };
    const actor = { id: owner.id, name: owner.name, role: 'owner' as const };
    const currency = app.services.settings.store().currency;
    const productIds = Array.from(
      { length: 50 },
      (_, i) =>
        app.services.catalog.create(actor, {
          sku: `PB-${i}`,
          name: `Pricing bench item ${i}`,
          price: 1_000 + 37 * i,
          unit: 'piece',
          active: true,
          barcodes: [`77000${i}`],
          openingStockMilli: 1_000_000,
        }).id,
    );
    const listIds = Array.from(
      { length: 20 },
      (_, l) =>
        app.services.pricing.createList(actor, {
          name: `List ${l}`,
          currency,
          items: productIds.flatMap((productId, i) => [
            { productId, kind: 'fixed' as const, price: 950 + 37 * i - l, minQtyMilli: 6000 },
            { productId, kind: 'fixed' as const, price: 900 + 37 * i - l, minQtyMilli: 12_000 },
          ]),
        }).id,
    );
    const catId = (
      app.sqlite.prepare('SELECT id FROM product_categories ORDER BY name LIMIT 1').get() as { id: string }
    ).id;
    app.sqlite.prepare("UPDATE products SET category_id = ? WHERE sku LIKE 'PB-%'").run(catId);
    for (let o = 0; o < 500; o++) {
      const scope = (['product', 'category', 'order'] as const)[o % 3] as 'product' | 'category' | 'order';
      app.services.pricing.createOffer(actor, {
        name: `Offer ${o}`,
        // order scope: percent offers price each line, amount offers come off the whole order once
        kind: o % 2 ? 'percent' : 'amount',
        value: o % 2 ? 100 + (o % 900) : 50 + (o % 200),
        minSpend: scope === 'order' && o % 5 === 0 ? 20_000 : null,
        scope,
        targetId: scope === 'product' ? (productIds[o % 50] as string) : scope === 'category' ? catId : null,
        eligibleTags: o % 4 === 0 ? ['vip'] : [],
        eligibleTiers: o % 4 === 1 ? ['gold'] : [],
        perCustomerLimit: o % 10 === 0 ? 3 : null,
        stackable: o % 25 === 0,
      });
    }
    const now = Date.now();
    app.sqlite
      .prepare(
        "INSERT INTO customer_categories (id, name, price_list_id, created_at) VALUES ('bench-cat', 'Bench wholesale', ?, ?)",
      )
      .run(listIds[7], now);
    const customerId = app.services.customers.create(actor, {
      type: 'individual',
      firstName: 'Bench',
      lastName: 'Buyer',
      tags: ['vip'],
    }).customer.id;
    app.sqlite
      .prepare("UPDATE customers SET category_id = 'bench-cat', loyalty_tier = 'gold' WHERE id = ?")
      .run(customerId);
    const cart = {
      customerId,
      orderDiscount: null,
      lines: productIds.map((productId, i) => ({ productId, qtyMilli: 1000 * (1 + (i % 14)) })),
    };
    const warm: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < runs + 10; i++) {
      const t0 = performance.now();
      app.services.sales.quote(actor, cart);
      const t1 = performance.now();
      app.services.pricing.rules.invalidate();
      const t2 = performance.now();
      app.services.sales.quote(actor, cart);
      const t3 = performance.now();
      if (i < 10) continue;
      warm.push(t1 - t0);
      cold.push(t3 - t2);
    }
    console.log(
      `pricing: 50-line re-price, 20 lists × 100 items, 500 offers: warm median ${median(warm).toFixed(2)} ms p95 ${p95(warm).toFixed(2)} ms; cold median ${median(cold).toFixed(2)} ms p95 ${p95(cold).toFixed(2)} ms`,
    );
    return [
      {
        name: 'pricing: re-price 50-line sale on attach (rules cached)',
        unit: 'ms',
        median: median(warm),
        samples: warm,
        target: 10,
      },
      {
        name: 'pricing: re-price 50-line sale after a list change (cold)',
        unit: 'ms',
        median: median(cold),
        samples: cold,
      },
    ];
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchPricing();
