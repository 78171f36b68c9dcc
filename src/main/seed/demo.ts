import { testClock } from '../../shared/clock';
import type { LoyaltyProgram } from '../../shared/contract/loyalty';
import type { Cart } from '../../shared/contract/sales';
import type { AppCore } from '../app';
import { localDate, startOfLocalDay } from '../domains/loyalty/dates';
import { seedCustomers } from './customers';
import { REFERENCE_PROGRAM, seedPoints } from './points';
import { seedReceivables } from './receivables';
import { seedSales } from './sales';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Names a Kampala grocery's customers have (the reference list adds accents for the search benchmarks). */
const FIRST = [
  'Amina',
  'Grace',
  'Moses',
  'Aisha',
  'Peter',
  'Ruth',
  'Joseph',
  'Sarah',
  'Brian',
  'Joan',
  'Ivan',
  'Esther',
  'Denis',
  'Agnes',
  'Fatuma',
  'Hassan',
  'John',
  'Mary',
  'David',
  'Florence',
  'Samuel',
  'Rose',
  'Emmanuel',
  'Patience',
  'Ronald',
  'Harriet',
  'Isaac',
  'Winnie',
  'Godfrey',
  'Shamim',
];
const LAST = [
  'Nakato',
  'Okello',
  'Ssali',
  'Namuli',
  'Mukasa',
  'Achieng',
  'Kato',
  'Atim',
  'Ouma',
  'Wasswa',
  'Nabirye',
  'Otieno',
  'Byaruhanga',
  'Tumusiime',
  'Kiggundu',
  'Lubega',
  'Asiimwe',
  'Opio',
  'Akello',
  'Mugisha',
  'Nansubuga',
  'Ssempala',
  'Kyomuhendo',
  'Namatovu',
  'Ochieng',
];

/**
 * The demo shop's loyalty program: 1 point per UGX 1,000, worth UGX 10 each, valid six months (to the end of the
 * month), tiers by a year's spend. The tiers are ×1 so the seeded earns follow from the sales alone.
 */
export const DEMO_PROGRAM: LoyaltyProgram = {
  ...REFERENCE_PROGRAM,
  tiers: [
    { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
    { id: 'silver', name: 'Silver', thresholdSpend: 500_000, multiplierBp: 10_000 },
    { id: 'gold', name: 'Gold', thresholdSpend: 1_500_000, multiplierBp: 10_000 },
  ],
  expiry: { kind: 'months', months: 6 },
};

export interface DemoLifeOptions {
  /** the shop's date the history runs up to (YYYY-MM-DD); default: today by the app's clock */
  today?: string;
  seed?: number;
  /** default 300 */
  customers?: number;
}

/**
 * Gives a fresh demo shop (SystemService.createDemoShop: catalog and staff) a life: ~300 customers made over two
 * years, six months of sales up to the start of `today` (opening hours, regulars, cash, card, mobile money and on
 * account, refunds and voids), deliveries that keep the shelves stocked, debt payments (some in part, some never,
 * so every aging bucket has money in it), the points those sales earned under a six-month program, two price lists,
 * two offers, a few customers entered twice, parked sales and print jobs. The bulk comes from the reference seeders
 * (src/main/seed/*.ts) at a small scale, which write the ledgers with their cached balances; the rest goes through
 * the services. Deterministic: the same `today` (and app clock and ids) gives the same rows.
 */
export function seedDemoLife(app: AppCore, opts: DemoLifeOptions = {}): Record<string, number> {
  const { sqlite, services } = app;
  const seed = opts.seed ?? 14;
  const store = services.settings.store();
  const tz = store.timeZone;
  const demoProducts = sqlite
    .prepare("SELECT id, sku, name FROM products WHERE sku LIKE 'MR-%' ORDER BY sku")
    .all() as {
    id: string;
    sku: string;
    name: string;
  }[];
  if (!services.settings.isInitialised() || demoProducts.length === 0)
    throw new Error('The demo life needs the demo shop: run createDemoShop first.');
  if ((sqlite.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n > 0)
    throw new Error('This shop already has customers; the demo life goes into a new demo shop only.');

  const today = opts.today ? parseDate(opts.today) : localDate(app.clock.now(), tz);
  /** the history ends as today starts, so every seeded sale is in the past whenever the shop opens */
  const end = startOfLocalDay(today.y, today.m, today.d, tz);
  /** from the first of the month six months back: six whole months and this one so far */
  const from = startOfLocalDay(today.y, today.m - 6, 1, tz);
  const staff = sqlite.prepare('SELECT id, name, role FROM staff ORDER BY created_at, id').all() as {
    id: string;
    name: string;
    role: string;
  }[];
  const person = (role: string) => staff.find((s) => s.role === role) ?? (staff[0] as (typeof staff)[number]);
  const owner = person('owner');
  const manager = person('manager');
  const cashier = person('cashier');
  const counts: Record<string, number> = {};

  // customers over the two years before today, then the categories, consents and birthdays a shop would have
  const customerCount = opts.customers ?? 300;
  seedCustomers(app, testClock(end - 730 * DAY - 2 * DAY), customerCount, seed, { first: FIRST, last: LAST });
  shapeCustomers(app, today);
  counts.customers = customerCount;

  const orders = Math.round(((end - from) / DAY) * 24);
  Object.assign(
    counts,
    seedSales(app, {
      orders,
      products: 0,
      productIds: demoProducts.map((p) => p.id),
      seed,
      from,
      to: end,
      voidRate: 0.006,
      refundRate: 0.03,
      regulars: 2,
      exactKnown: true,
      hours: { open: 8, close: 21, timeZone: tz },
    }),
  );
  counts.deliveries = restock(app, from, end, manager.id);
  const { bigAccountCustomerId: _none, ...receivables } = seedReceivables(app, { seed, bigAccountEntries: 0 });
  Object.assign(counts, receivables);
  Object.assign(counts, seedPoints(app, { seed, program: DEMO_PROGRAM, now: end }));

  // what the owner set up and the till left open, through the services (stamped with the app's clock)
  const actor = { id: owner.id, name: owner.name };
  Object.assign(counts, pricing(app, actor, demoProducts, end));
  counts.duplicates = duplicates(app, actor);
  counts.parkedSales = parked(app, cashier, demoProducts);
  counts.printJobs = printJobs(app, actor);
  services.audit.record(
    { id: null, name: 'demo shop' },
    { action: 'demo.seed', entity: 'customer', note: `demo life up to ${isoDay(today)}: ${JSON.stringify(counts)}` },
  );
  sqlite.exec('ANALYZE');
  return counts;
}

function parseDate(s: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`A date as YYYY-MM-DD, not ${s}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function isoDay(d: { y: number; m: number; d: number }) {
  return `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

/**
 * Categories that fit (businesses wholesale or corporate, individuals mostly retail), consents beyond SMS, credit
 * limits for businesses and a few birthdays this month. Plain column updates (none of these has a ledger or a search
 * entry); chosen by search key so they are the same every time.
 */
function shapeCustomers(app: AppCore, today: { y: number; m: number; d: number }) {
  const { sqlite } = app;
  const cat = new Map(app.services.customers.categories().map((c) => [c.name, c.id]));
  const id = (name: string) => cat.get(name) ?? null;
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `UPDATE customers SET category_id = CASE WHEN search_key % 3 = 0 THEN ? ELSE ? END, credit_limit = 2000000
         WHERE type = 'business'`,
      )
      .run(id('Corporate'), id('Wholesale'));
    sqlite
      .prepare(
        `UPDATE customers SET category_id = CASE WHEN search_key % 10 = 0 THEN ? WHEN search_key % 4 = 0 THEN ? ELSE ? END
         WHERE type = 'individual'`,
      )
      .run(id('VIP'), id('Member'), id('Retail'));
    sqlite.exec(`UPDATE customers SET
      consent_whatsapp = CASE WHEN consent_sms = 1 AND search_key % 3 <> 0 THEN 1 ELSE 0 END,
      consent_email = CASE WHEN email IS NOT NULL AND search_key % 2 = 0 THEN 1 ELSE 0 END,
      marketing_opt_in = CASE WHEN consent_sms = 1 OR (email IS NOT NULL AND search_key % 2 = 0) THEN 1 ELSE 0 END,
      marketing_opt_in_at = CASE WHEN consent_sms = 1 OR (email IS NOT NULL AND search_key % 2 = 0) THEN created_at END`);
    // a handful of birthdays this month whatever month it is (the random ones give ~1 in 12 more)
    const mm = String(today.m).padStart(2, '0');
    const last = new Date(Date.UTC(today.y, today.m, 0)).getUTCDate();
    const some = sqlite
      .prepare(
        `SELECT id, date_of_birth AS dob, search_key AS k FROM customers
         WHERE type = 'individual' AND date_of_birth IS NOT NULL AND status = 'active' ORDER BY search_key LIMIT 8 OFFSET 3`,
      )
      .all() as { id: string; dob: string; k: number }[];
    const set = sqlite.prepare('UPDATE customers SET date_of_birth = ?, birth_month = ? WHERE id = ?');
    some.forEach((c, i) => {
      const day = Math.min(last, Math.max(1, today.d - 3 + i * 3));
      set.run(`${c.dob.slice(0, 4)}-${mm}-${String(day).padStart(2, '0')}`, today.m, c.id);
    });
  })();
}

/**
 * Weekly deliveries from suppliers: once a week before opening a product gets what the week will sell (the shop
 * orders well), rounded up to a case (12 pieces, 10 kg or litres), so the shelves never run dry. 'adjustment' stock moves with the cached stock
 * moved by the same amount.
 */
function restock(app: AppCore, from: number, end: number, staffId: string): number {
  const { sqlite } = app;
  const tillId = (sqlite.prepare('SELECT id FROM tills WHERE is_this_till = 1').get() as { id: string }).id;
  const products = sqlite.prepare("SELECT id, unit FROM products WHERE sku LIKE 'MR-%' ORDER BY sku").all() as {
    id: string;
    unit: string;
  }[];
  const soldIn = sqlite.prepare(
    `SELECT coalesce(-sum(qty_milli), 0) AS q FROM stock_moves
     WHERE product_id = ? AND kind IN ('sale', 'refund', 'void') AND at >= ? AND at < ?`,
  );
  const insert = sqlite.prepare(`INSERT INTO stock_moves (id, product_id, qty_milli, kind, reason, sales_order_id,
    refund_id, staff_id, at, till_id) VALUES (?, ?, ?, 'adjustment', 'delivery from supplier', NULL, NULL, ?, ?, ?)`);
  const cached = sqlite.prepare('UPDATE products SET stock_on_hand_milli = stock_on_hand_milli + ? WHERE id = ?');
  let n = 0;
  sqlite.transaction(() => {
    for (let week = from; week < end; week += 7 * DAY) {
      for (const p of products) {
        const sold = (soldIn.get(p.id, week, week + 7 * DAY) as { q: number }).q;
        if (sold <= 0) continue;
        const casing = p.unit === 'piece' ? 12_000 : 10_000;
        const qty = Math.ceil(sold / casing) * casing;
        n += 1;
        // ids from a counter of their own, like seedReceivables (a v7-shaped id dated at the delivery)
        const at = week + 7 * HOUR + n * 1000;
        insert.run(deliveryId(at, n), p.id, qty, staffId, at, tillId);
        cached.run(qty, p.id);
      }
    }
  })();
  return n;
}

function deliveryId(at: number, n: number) {
  const hex = at.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8500-${n.toString(16).padStart(12, '0')}`;
}

type Actor = { id: string; name: string };

/** A wholesale price list for the Wholesale category, 5% off for schools and churches, and two offers. */
function pricing(app: AppCore, actor: Actor, products: { id: string; sku: string; name: string }[], end: number) {
  const { pricing, customers, settings } = app.services;
  const bySku = new Map(products.map((p) => [p.sku, p.id]));
  const sku = (s: string) => bySku.get(s) as string;
  const currency = settings.store().currency as 'UGX';
  const wholesale = pricing.createList(actor, {
    name: 'Wholesale',
    currency,
    items: [
      { productId: sku('MR-001'), kind: 'fixed', price: 4200 },
      { productId: sku('MR-002'), kind: 'fixed', price: 5100 },
      { productId: sku('MR-003'), kind: 'fixed', price: 4700, minQtyMilli: 10_000 },
      { productId: sku('MR-006'), kind: 'fixed', price: 8900 },
      { productId: sku('MR-026'), kind: 'fixed', price: 7900 },
    ],
  });
  const category = customers.categories().find((c) => c.name === 'Wholesale');
  if (category) pricing.assignToCategory(actor, category.id, wholesale.id);
  const community = pricing.createList(actor, {
    name: 'Schools & churches',
    currency,
    items: [{ kind: 'percent_off', bp: 500 }],
  });
  const tagged = app.sqlite
    .prepare(
      `SELECT id FROM customers WHERE status = 'active' AND (tags LIKE '%"school"%' OR tags LIKE '%"church"%')
       ORDER BY search_key`,
    )
    .all() as { id: string }[];
  for (const c of tagged) pricing.assignToCustomer(actor, c.id, community.id);
  pricing.createOffer(actor, {
    name: 'Breakfast week: 10% off bread',
    kind: 'percent',
    value: 1000,
    scope: 'product',
    targetId: sku('MR-017'),
    startsAt: end - 3 * DAY,
    endsAt: end + 11 * DAY,
  });
  pricing.createOffer(actor, {
    name: 'Gold members: UGX 1,000 off a tray of eggs',
    kind: 'amount',
    value: 1000,
    scope: 'product',
    targetId: sku('MR-016'),
    eligibleTiers: ['gold'],
  });
  return { priceLists: 2, offers: 2, customPriceCustomers: tagged.length };
}

/**
 * Customers typed in twice at the till (same phone, a nickname or a typo; same email) and saved anyway with a
 * reason, through the service: the duplicates screen and the merge have something real to work on.
 */
function duplicates(app: AppCore, actor: Actor): number {
  const { customers } = app.services;
  const originals = app.sqlite
    .prepare(
      `SELECT c.id, c.first_name AS first, c.last_name AS last, c.email, c.phone_primary_e164 AS phone, c.category_id AS cat
       FROM customers c WHERE c.type = 'individual' AND c.status = 'active' AND c.first_name IS NOT NULL
       ORDER BY c.search_key LIMIT 4 OFFSET 20`,
    )
    .all() as { id: string; first: string; last: string; email: string | null; phone: string; cat: string }[];
  originals.forEach((o, i) => {
    const typo = i % 2 === 0 ? `${o.last.slice(0, -1)}${o.last.slice(-1)}${o.last.slice(-1)}` : o.last;
    customers.create(actor, {
      type: 'individual',
      firstName: i % 2 === 0 ? o.first : o.first.slice(0, 3),
      lastName: typo,
      phones: i === 3 && o.email ? [] : [{ number: o.phone, label: 'mobile', isPrimary: true }],
      email: i === 3 ? o.email : null,
      categoryId: o.cat,
      allowDuplicate: true,
      duplicateReason: 'in a hurry at the till; merge later',
    });
  });
  return originals.length;
}

/** Three sales on hold at the till: a customer gone to fetch money, a phone order, a walk-in. */
function parked(app: AppCore, cashier: Actor, products: { id: string; sku: string }[]): number {
  const id = (sku: string) => products.find((p) => p.sku === sku)?.id as string;
  const regular = app.sqlite
    .prepare(
      "SELECT id FROM customers WHERE status = 'active' AND type = 'individual' ORDER BY total_spent DESC, id LIMIT 1",
    )
    .get() as { id: string } | undefined;
  const business = app.sqlite
    .prepare(
      "SELECT id FROM customers WHERE status = 'active' AND type = 'business' ORDER BY total_spent DESC, id LIMIT 1",
    )
    .get() as { id: string } | undefined;
  const carts: Array<{ cart: Cart; label?: string }> = [
    {
      cart: {
        customerId: regular?.id ?? null,
        orderDiscount: null,
        lines: [
          { productId: id('MR-010'), qtyMilli: 1000 },
          { productId: id('MR-008'), qtyMilli: 1500 },
          { productId: id('MR-016'), qtyMilli: 1000 },
        ],
      },
      label: 'Gone to fetch mobile money',
    },
    {
      cart: {
        customerId: business?.id ?? null,
        orderDiscount: null,
        lines: [
          { productId: id('MR-001'), qtyMilli: 20_000 },
          { productId: id('MR-003'), qtyMilli: 10_000 },
          { productId: id('MR-006'), qtyMilli: 6000 },
        ],
      },
      label: 'Phone order, collecting this afternoon',
    },
    {
      cart: {
        customerId: null,
        orderDiscount: null,
        lines: [
          { productId: id('MR-021'), qtyMilli: 2000 },
          { productId: id('MR-030'), qtyMilli: 3000 },
        ],
      },
    },
  ];
  for (const c of carts) app.services.parkedSales.park(cashier, c);
  return carts.length;
}

/** Receipt copies of the latest sales: most printed, one failed (paper out) waiting for a retry. */
function printJobs(app: AppCore, actor: Actor): number {
  const { devices, sales } = app.services;
  const recent = app.sqlite
    .prepare(
      "SELECT id FROM sales_orders WHERE status = 'completed' AND customer_id IS NOT NULL ORDER BY completed_at DESC, id LIMIT 4",
    )
    .all() as { id: string }[];
  recent.forEach((o, i) => {
    const job = devices.reprint(actor, o.id, sales.orders.get({ id: o.id }));
    if (i === 0) devices.queue.update(job.id, 'failed', 3, 'The printer is out of paper', null);
    else devices.queue.update(job.id, 'done', 1, null, null);
  });
  return recent.length;
}
