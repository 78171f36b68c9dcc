import { testClock } from '../../shared/clock';
import { seededRandom, uuidv7Source } from '../../shared/ids';
import type { AppCore } from '../app';
import { refundShare } from '../domains/refunds/shares';
import { offsetAt } from '../domains/zone';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** sales per transaction */
const BATCH = 50_000;
const WORDS = ['Sugar', 'Rice', 'Soap', 'Oil', 'Flour', 'Salt', 'Tea', 'Milk', 'Bread', 'Beans', 'Matches', 'Juice'];
const SIZES = ['250 g', '500 g', '1 kg', '2 kg', '5 kg', '1 l', '2 l', 'pack of 6', 'single'];

interface SeedProduct {
  id: string;
  name: string;
  sku: string;
  unit: 'piece' | 'kg';
  price: number;
  taxRateBp: number;
}

interface SeedLine {
  id: string;
  product: SeedProduct;
  qtyMilli: number;
  net: number;
  tax: number;
}

interface PendingRefund {
  at: number;
  orderId: string;
  number: string;
  customerId: string | null;
  onAccount: boolean;
  lines: SeedLine[];
  staffId: string;
}

/**
 * Sales history for the reference shop: `orders` sales (1–5 lines, 3 on average) over the two years the customers
 * were created in, each by a customer who existed by then (15% walk-ins), paid cash, card, mobile money or on account;
 * ~0.3% voided, ~3% refunded in part days later. Written with statements prepared once in one transaction, with the
 * same rows the services write (stock moves, account entries) and the cached stock, balances and totals summed in
 * memory and written once at the end, so cached = Σ ledger. Deterministic from the seed.
 */
export interface SeedSalesOptions {
  orders: number;
  /** how many REF- products to create for the sales; ignored when `productIds` names the catalog to sell */
  products: number;
  seed: number;
  /** sell these existing products instead of creating a catalog (the demo shop's) */
  productIds?: readonly string[];
  /** the time the sales span (default: from the first customer's creation to the last's) */
  from?: number;
  to?: number;
  /** defaults 0.003 and 0.03 (the reference dataset's) */
  voidRate?: number;
  refundRate?: number;
  /** sell to every customer created by the sale's time (default: the reference's coarse halving, which leaves the
   * newer half of the customers to the last days) */
  exactKnown?: boolean;
  /** > 1 sends more of the sales to the oldest customers (regulars); default 1, evenly */
  regulars?: number;
  /** squeeze each local day's sales into opening hours, e.g. { open: 8, close: 21, timeZone } */
  hours?: { open: number; close: number; timeZone: string };
}

export function seedSales(app: AppCore, opts: SeedSalesOptions): Record<string, number> {
  const { sqlite } = app;
  if (opts.orders <= 0) return {};
  let s = (opts.seed * 2246822519) >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(rand() * n);
  const tillId = (sqlite.prepare('SELECT id FROM tills WHERE is_this_till = 1').get() as { id: string }).id;
  const owner = sqlite.prepare("SELECT id, name FROM staff WHERE role = 'owner' LIMIT 1").get() as {
    id: string;
    name: string;
  };
  const staff = (
    sqlite.prepare("SELECT id FROM staff WHERE role <> 'owner' ORDER BY created_at").all() as Array<{
      id: string;
    }>
  ).map((r) => r.id);
  const managers = (sqlite.prepare("SELECT id FROM staff WHERE role = 'manager'").all() as Array<{ id: string }>).map(
    (r) => r.id,
  );
  const actor = { id: owner.id, name: owner.name, role: 'owner' as const };

  // the catalog through the service (a few hundred products): barcodes, opening stock moves, audit as usual
  const created: string[] = opts.productIds ? [...opts.productIds] : [];
  for (let i = 0; !opts.productIds && i < opts.products; i++) {
    const kg = i % 9 === 0;
    created.push(
      app.services.catalog.create(actor, {
        sku: `REF-${String(i + 1).padStart(5, '0')}`,
        name: `${WORDS[i % WORDS.length]} ${SIZES[Math.floor(i / WORDS.length) % SIZES.length]} #${i + 1}`,
        price: (5 + int(400)) * 100,
        unit: kg ? 'kg' : 'piece',
        active: true,
        barcodes: [`20${String(i + 1).padStart(10, '0')}`],
        openingStockMilli: 50_000_000,
      }).id,
    );
  }
  const priced = app.services.catalog.forPricing(created);
  const products: SeedProduct[] = created.map((id) => {
    const p = priced.get(id) as NonNullable<ReturnType<typeof priced.get>>;
    return {
      id,
      name: p.name,
      sku: p.sku as string,
      unit: p.unit as 'piece' | 'kg',
      price: p.price,
      taxRateBp: p.taxRateBp,
    };
  });
  const customers = sqlite
    .prepare("SELECT id, created_at AS at FROM customers WHERE status <> 'merged' ORDER BY created_at, id")
    .all() as Array<{
    id: string;
    at: number;
  }>;
  const currency = app.services.settings.store().currency;
  const start = opts.from ?? customers[0]?.at ?? Date.UTC(2024, 0, 1);
  const end = opts.to ?? customers[customers.length - 1]?.at ?? start + 2 * 365 * DAY;
  /** how many customers had been created by `t` (binary search over the creation-ordered list) */
  const customersBy = (t: number) => {
    let lo = 0;
    let hi = customers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((customers[mid] as { at: number }).at <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const voidRate = opts.voidRate ?? 0.003;
  const refundRate = opts.refundRate ?? 0.03;
  const skew = opts.regulars ?? 1;
  const hours = opts.hours;
  /** the same instant moved into opening hours: a local day's 24 hours map onto open–close, keeping their order */
  const open = (t: number) => {
    if (!hours) return t;
    const offset = offsetAt(t, hours.timeZone);
    const local = t + offset;
    const day = Math.floor(local / DAY) * DAY;
    return day + hours.open * HOUR + Math.floor(((local - day) * (hours.close - hours.open)) / 24) - offset;
  };
  const step = Math.max(1, Math.floor((end - start) / opts.orders));
  const clock = testClock(start);
  const newId = uuidv7Source(clock, seededRandom(opts.seed + 2));

  const ins = {
    order: sqlite.prepare(`INSERT INTO sales_orders (id, number, customer_id, staff_id, status, currency,
      prices_include_tax, subtotal, discount_total, tax_total, rounding, total, regular_total, paid_total,
      on_account_total, change_given, idempotency_key, request_hash, completed_at, voided_at, voided_by, void_reason,
      created_at, till_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 'seed', ?, ?, ?, ?, ?, ?)`),
    line: sqlite.prepare(`INSERT INTO sales_lines (id, sales_order_id, line_no, product_id, name, sku, unit, qty_milli,
      regular_unit_price, unit_price, price_reason, amount, line_discount_kind, line_discount_value, line_discount,
      tax_rate_bp, tax, net, total, created_at, till_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'regular', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    payment: sqlite.prepare(`INSERT INTO payments (id, sales_order_id, customer_id, method, amount, tendered, change,
      reference, note, reverses_id, staff_id, at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    move: sqlite.prepare(`INSERT INTO stock_moves (id, product_id, qty_milli, kind, reason, sales_order_id, refund_id,
      staff_id, at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    entry: sqlite.prepare(`INSERT INTO account_entries (id, customer_id, kind, amount, currency, document_no,
      sales_order_id, refund_id, payment_id, due_at, reverses_id, reason, staff_id, at, till_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    refund: sqlite.prepare(`INSERT INTO refunds (id, number, sales_order_id, customer_id, status, method, subtotal,
      tax_total, total, reason, idempotency_key, staff_id, at, created_at, till_id)
      VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    refundLine: sqlite.prepare(`INSERT INTO refund_lines (id, refund_id, sales_line_id, qty_milli, net, tax, total,
      restock, created_at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };
  const stock = new Map<string, number>();
  const balance = new Map<string, number>();
  const spent = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const counts = { salesOrders: 0, salesLines: 0, payments: 0, refunds: 0, voided: 0, accountEntries: 0 };
  let saleNo = 0;
  let refundNo = 0;
  const pending: PendingRefund[] = [];

  const writeRefund = (r: PendingRefund) => {
    clock.set(Math.max(clock.now(), r.at));
    const id = newId();
    const number = `R-${String(++refundNo).padStart(6, '0')}`;
    // one or two lines back, part or all of each
    const chosen = r.lines.filter((_, i) => i === 0 || rand() < 0.3);
    let net = 0;
    let tax = 0;
    const rows = chosen.map((l) => {
      const qty =
        l.product.unit === 'piece' ? 1000 * (1 + int(l.qtyMilli / 1000)) : Math.max(1, Math.floor(l.qtyMilli * rand()));
      const share = refundShare(
        { qtyMilli: l.qtyMilli, net: l.net, tax: l.tax, refundedQtyMilli: 0, refundedNet: 0, refundedTax: 0 },
        qty,
      );
      net += share.net;
      tax += share.tax;
      return { l, qty, share, restock: rand() < 0.8 };
    });
    const total = net + tax;
    const method = r.onAccount ? 'on_account' : 'cash';
    ins.refund.run(
      id,
      number,
      r.orderId,
      r.customerId,
      method,
      net,
      tax,
      total,
      'customer returned goods',
      `seed-${id}`,
      r.staffId,
      r.at,
      r.at,
      tillId,
    );
    for (const x of rows) {
      ins.refundLine.run(
        newId(),
        id,
        x.l.id,
        x.qty,
        x.share.net,
        x.share.tax,
        x.share.total,
        x.restock ? 1 : 0,
        r.at,
        tillId,
      );
      if (x.restock) {
        ins.move.run(
          newId(),
          x.l.product.id,
          x.qty,
          'refund',
          'customer returned goods',
          r.orderId,
          id,
          r.staffId,
          r.at,
          tillId,
        );
        add(stock, x.l.product.id, x.qty);
      }
    }
    if (r.customerId) {
      if (r.onAccount) {
        ins.entry.run(
          newId(),
          r.customerId,
          'refund',
          -total,
          currency,
          number,
          r.orderId,
          id,
          null,
          null,
          null,
          'customer returned goods',
          r.staffId,
          r.at,
          tillId,
        );
        add(balance, r.customerId, -total);
        counts.accountEntries++;
      }
      add(spent, r.customerId, -total);
    }
    counts.refunds++;
  };

  const sellOne = (k: number) => {
    {
      const at = open(start + k * step + int(step));
      while (pending.length && (pending[0] as PendingRefund).at <= at) writeRefund(pending.shift() as PendingRefund);
      clock.set(Math.max(clock.now(), at));
      const id = newId();
      const number = `S-${String(++saleNo).padStart(6, '0')}`;
      // customers who existed by now; older customers have had longer to come back
      let known = customers.length;
      if (opts.exactKnown) known = Math.max(1, customersBy(at));
      else
        while (known > 1 && (customers[known - 1] as { at: number }).at > at)
          known = Math.max(1, Math.floor(known / 2));
      const customerId = rand() < 0.85 ? (customers[Math.floor(rand() ** skew * known)]?.id ?? null) : null;
      const staffId = staff[int(staff.length)] ?? owner.id;
      const lineCount = 1 + int(5);
      let subtotal = 0;
      let discount = 0;
      let taxTotal = 0;
      const lines: SeedLine[] = [];
      const rows: unknown[][] = [];
      for (let n = 0; n < lineCount; n++) {
        const p = products[int(products.length)] as SeedProduct;
        const qtyMilli = p.unit === 'kg' ? 250 + int(3000) : 1000 * (1 + int(3));
        const amount = Math.round((p.price * qtyMilli) / 1000);
        const off = rand() < 0.1 ? Math.round(amount * 0.05) : 0;
        const total = amount - off;
        const tax = Math.round((total * p.taxRateBp) / (10_000 + p.taxRateBp));
        const lineId = newId();
        subtotal += amount;
        discount += off;
        taxTotal += tax;
        lines.push({ id: lineId, product: p, qtyMilli, net: total - tax, tax });
        rows.push([
          lineId,
          id,
          n + 1,
          p.id,
          p.name,
          p.sku,
          p.unit,
          qtyMilli,
          p.price,
          p.price,
          amount,
          off ? 'percent' : null,
          off ? 500 : null,
          off,
          p.taxRateBp,
          tax,
          total - tax,
          total,
          at,
          tillId,
        ]);
      }
      const total = subtotal - discount;
      const r = rand();
      const method = customerId && r < 0.15 ? 'on_account' : r < 0.65 ? 'cash' : r < 0.9 ? 'card' : 'mobile_money';
      const onAccount = method === 'on_account' ? total : 0;
      const tendered = method === 'cash' ? Math.ceil(total / 1000) * 1000 : null;
      const voided = rand() < voidRate;
      ins.order.run(
        id,
        number,
        customerId,
        staffId,
        voided ? 'voided' : 'completed',
        currency,
        subtotal,
        discount,
        taxTotal,
        total,
        subtotal,
        total - onAccount,
        onAccount,
        tendered === null ? 0 : tendered - total,
        `seed-${id}`,
        at,
        voided ? at + 60_000 : null,
        voided ? (managers[0] ?? owner.id) : null,
        voided ? 'rang up by mistake' : null,
        at,
        tillId,
      );
      for (const row of rows) ins.line.run(...row);
      for (const l of lines) {
        ins.move.run(newId(), l.product.id, -l.qtyMilli, 'sale', null, id, null, staffId, at, tillId);
        add(stock, l.product.id, -l.qtyMilli);
      }
      const paymentId = newId();
      ins.payment.run(
        paymentId,
        id,
        customerId,
        method,
        total,
        tendered,
        tendered === null ? null : tendered - total,
        method === 'mobile_money' ? `MM${saleNo}` : null,
        null,
        null,
        staffId,
        at,
        tillId,
      );
      counts.payments++;
      let invoiceId: string | null = null;
      if (customerId && onAccount) {
        invoiceId = newId();
        ins.entry.run(
          invoiceId,
          customerId,
          'invoice',
          onAccount,
          currency,
          number,
          id,
          null,
          paymentId,
          at + 30 * DAY,
          null,
          null,
          staffId,
          at,
          tillId,
        );
        add(balance, customerId, onAccount);
        counts.accountEntries++;
      }
      if (customerId) {
        add(spent, customerId, total);
        lastSeen.set(customerId, at);
      }
      counts.salesOrders++;
      counts.salesLines += lines.length;
      if (voided) {
        // the same reversing rows SalesService.void writes
        const by = managers[0] ?? owner.id;
        for (const l of lines) {
          ins.move.run(
            newId(),
            l.product.id,
            l.qtyMilli,
            'void',
            'rang up by mistake',
            id,
            null,
            by,
            at + 60_000,
            tillId,
          );
          add(stock, l.product.id, l.qtyMilli);
        }
        ins.payment.run(
          newId(),
          id,
          customerId,
          method,
          -total,
          null,
          null,
          null,
          'void: rang up by mistake',
          paymentId,
          by,
          at + 60_000,
          tillId,
        );
        counts.payments++;
        if (customerId) {
          if (invoiceId) {
            ins.entry.run(
              newId(),
              customerId,
              'void',
              -onAccount,
              currency,
              number,
              id,
              null,
              null,
              null,
              invoiceId,
              'rang up by mistake',
              by,
              at + 60_000,
              tillId,
            );
            add(balance, customerId, -onAccount);
            counts.accountEntries++;
          }
          add(spent, customerId, -total);
        }
        counts.voided++;
      } else if (rand() < refundRate) {
        const refund: PendingRefund = {
          at: open(at + DAY + int(14 * DAY)),
          orderId: id,
          number,
          customerId,
          onAccount: onAccount > 0,
          lines,
          staffId,
        };
        // keep the queue ordered by time (a few hundred entries: a linear insert is fine)
        let i = pending.length;
        while (i > 0 && (pending[i - 1] as PendingRefund).at > refund.at) i--;
        pending.splice(i, 0, refund);
      }
    }
  };
  const upStock = sqlite.prepare('UPDATE products SET stock_on_hand_milli = stock_on_hand_milli + ? WHERE id = ?');
  const upCustomer = sqlite.prepare(
    'UPDATE customers SET balance = balance + ?, total_spent = total_spent + ?, last_activity_at = max(coalesce(last_activity_at, 0), ?) WHERE id = ?',
  );
  /** Moves the cached figures by what this batch wrote, so each committed batch leaves cached = Σ ledger. */
  const flush = () => {
    for (const [id, q] of stock) upStock.run(q, id);
    for (const [id, v] of spent) upCustomer.run(balance.get(id) ?? 0, v, lastSeen.get(id) ?? 0, id);
    stock.clear();
    spent.clear();
    balance.clear();
    lastSeen.clear();
  };

  // batches keep the WAL and the page cache bounded (one 1M-sale transaction spilled gigabytes of WAL)
  const previousCache = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('cache_size = -262144');
  for (let from = 0; from < opts.orders; from += BATCH) {
    sqlite.transaction(() => {
      for (let k = from; k < Math.min(opts.orders, from + BATCH); k++) sellOne(k);
      flush();
    })();
    // (inside a caller's transaction, e.g. the demo shop's, there is nothing to checkpoint yet)
    if (!sqlite.inTransaction) sqlite.pragma('wal_checkpoint(TRUNCATE)');
  }
  sqlite.transaction(() => {
    // with an end given (the demo's today), refunds that would come after it never happened
    for (const r of pending.splice(0)) if (opts.to === undefined || r.at <= opts.to) writeRefund(r);
    flush();
    const counter = sqlite.prepare(
      'INSERT INTO document_counters (till_id, kind, last) VALUES (?, ?, ?) ON CONFLICT (till_id, kind) DO UPDATE SET last = excluded.last',
    );
    counter.run(tillId, 'sale', saleNo);
    counter.run(tillId, 'refund', refundNo);
    app.services.audit.record(
      { id: null, name: 'seed' },
      {
        action: 'sale.seed',
        entity: 'salesOrder',
        note: `reference dataset: ${counts.salesOrders} sales, ${counts.refunds} refunds`,
      },
    );
  })();
  sqlite.pragma(`cache_size = ${previousCache}`);
  return counts;
}
