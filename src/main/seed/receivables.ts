import type { AppCore } from '../app';

const DAY = 86_400_000;
/** entries per transaction, like the sales seed */
const BATCH = 50_000;

/**
 * Debt payments for the reference shop's on-account sales, so aging, debtors and statements have history to read:
 * most invoices are paid in full within ~45 days, some in part, some never; each payment is a `payments` row (no
 * sale), a `payment` ledger entry and one allocation to the invoice it pays, the rows ReceivePayment writes. One
 * customer also gets a long account (`bigAccountEntries` invoices and payments, typed in as imported invoices) for
 * the statement benchmark. Reads the invoices once in customer order and writes in batches; deterministic.
 */
export function seedReceivables(
  app: AppCore,
  opts: { seed: number; bigAccountEntries: number },
): { debtPayments: number; allocations: number; bigAccountCustomerId: string | null } {
  const { sqlite } = app;
  let s = (opts.seed * 2654435761) >>> 0 || 7;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(rand() * n);
  const tillId = (sqlite.prepare('SELECT id FROM tills WHERE is_this_till = 1').get() as { id: string }).id;
  const staff = (
    sqlite.prepare("SELECT id FROM staff WHERE role <> 'owner' ORDER BY created_at").all() as Array<{
      id: string;
    }>
  ).map((r) => r.id);
  const currency = app.services.settings.store().currency;
  const end =
    (sqlite.prepare('SELECT max(at) AS at FROM account_entries').get() as { at: number | null }).at ??
    Date.UTC(2026, 0, 1);
  // ids from the seed's own counter: no clock or random source shared with the other seeders
  let n = 0;
  const id = (kind: 1 | 2 | 3 | 4) => {
    n += 1;
    return `01900000-0000-7000-8${kind}00-${n.toString(16).padStart(12, '0')}`;
  };
  const ins = {
    payment: sqlite.prepare(`INSERT INTO payments (id, sales_order_id, customer_id, method, amount, tendered, change,
      reference, note, reverses_id, staff_id, at, till_id) VALUES (?, NULL, ?, ?, ?, NULL, NULL, ?, NULL, NULL, ?, ?, ?)`),
    entry: sqlite.prepare(`INSERT INTO account_entries (id, customer_id, kind, amount, currency, document_no,
      sales_order_id, refund_id, payment_id, due_at, reverses_id, reason, staff_id, at, till_id)
      VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, ?, ?, ?, ?)`),
    allocation: sqlite.prepare(`INSERT INTO account_allocations (id, customer_id, debit_entry_id, credit_entry_id,
      amount, staff_id, at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    balance: sqlite.prepare('UPDATE customers SET balance = balance + ? WHERE id = ?'),
  };
  let receiptNo = 0;
  const counts = { debtPayments: 0, allocations: 0 };
  const pay = (customerId: string, debitId: string, amount: number, at: number, staffId: string) => {
    const paymentId = id(1);
    const entryId = id(2);
    const number = `P-${String(++receiptNo).padStart(6, '0')}`;
    const method = rand() < 0.6 ? 'cash' : 'mobile_money';
    ins.payment.run(
      paymentId,
      customerId,
      method,
      amount,
      method === 'mobile_money' ? `MM-P${receiptNo}` : null,
      staffId,
      at,
      tillId,
    );
    ins.entry.run(
      entryId,
      customerId,
      'payment',
      -amount,
      currency,
      number,
      paymentId,
      null,
      null,
      staffId,
      at,
      tillId,
    );
    ins.allocation.run(id(3), customerId, debitId, entryId, amount, staffId, at, tillId);
    counts.debtPayments += 1;
    counts.allocations += 1;
  };

  const invoices = sqlite
    .prepare(
      `SELECT e.id, e.customer_id AS customerId, e.amount, e.at, e.due_at AS dueAt FROM account_entries e
       WHERE e.kind = 'invoice'
         AND e.id NOT IN (SELECT reverses_id FROM account_entries WHERE reverses_id IS NOT NULL)
       ORDER BY e.at, e.id`,
    )
    .all() as Array<{ id: string; customerId: string; amount: number; at: number; dueAt: number | null }>;
  const balances = new Map<string, number>();
  const flush = () => {
    for (const [c, v] of balances) ins.balance.run(v, c);
    balances.clear();
  };
  for (let from = 0; from < invoices.length; from += BATCH) {
    sqlite.transaction(() => {
      for (const inv of invoices.slice(from, from + BATCH)) {
        const r = rand();
        // 65% paid in full, 15% in part, 20% (and anything that would fall after the seed's end) left open
        if (r >= 0.8) continue;
        const at = inv.at + (1 + int(45)) * DAY + int(DAY);
        if (at > end) continue;
        const amount = r < 0.65 ? inv.amount : Math.max(1, Math.round(inv.amount * (0.2 + 0.6 * rand())));
        pay(inv.customerId, inv.id, amount, at, staff[int(staff.length)] ?? 'seed');
        balances.set(inv.customerId, (balances.get(inv.customerId) ?? 0) - amount);
      }
      flush();
    })();
  }

  // one long-standing wholesale account for the statement benchmark
  const big = sqlite
    .prepare(
      "SELECT customer_id AS id FROM account_entries WHERE kind = 'invoice' GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1",
    )
    .get() as { id: string } | undefined;
  if (big && opts.bigAccountEntries > 0) {
    sqlite.transaction(() => {
      const pairs = Math.floor(opts.bigAccountEntries / 2);
      const start = end - 730 * DAY;
      const step = Math.max(1, Math.floor((730 * DAY) / pairs));
      let moved = 0;
      for (let k = 0; k < pairs; k++) {
        const at = start + k * step;
        const amount = (50 + int(950)) * 100;
        const invId = id(4);
        ins.entry.run(
          invId,
          big.id,
          'invoice',
          amount,
          currency,
          `INV-${String(k + 1).padStart(5, '0')}`,
          null,
          at + 30 * DAY,
          'imported invoice',
          null,
          at,
          tillId,
        );
        moved += amount;
        const paid = k >= pairs - 20 ? 0 : k % 10 === 0 ? Math.round(amount / 2) : amount;
        if (paid) {
          pay(big.id, invId, paid, at + Math.floor(step / 2), staff[0] ?? 'seed');
          moved -= paid;
        }
      }
      ins.balance.run(moved, big.id);
    })();
  }
  // the receipts took P-000001… so the next payment the service takes numbers after them
  if (receiptNo > 0)
    sqlite
      .prepare(
        `INSERT INTO document_counters (till_id, kind, last) VALUES (?, 'payment', ?)
         ON CONFLICT (till_id, kind) DO UPDATE SET last = max(last, excluded.last)`,
      )
      .run(tillId, receiptNo);
  return { ...counts, bigAccountCustomerId: big?.id ?? null };
}
