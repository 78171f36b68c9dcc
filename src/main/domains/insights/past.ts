import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';

/**
 * What may happen without changing any sale or refund already written: the till's everyday work adds new sales and
 * refunds at the present time, payments, points, prints and messages. Any other audited action (a void, a refund
 * cancelled, a merge, an erasure, an import, a seed, or one this list does not know yet) throws every kept result away.
 */
const KEEPS = `action IN ('sale.complete', 'sale.approvalChecked', 'refund.create', 'payment.receive', 'payment.reverse',
    'customer.view', 'customer.create', 'customer.update', 'customer.reactivate', 'customer.deactivate',
    'customerCategory.create', 'customerCategory.update', 'interaction.log', 'snooze', 'pause', 'deny',
    'reports.export', 'customers.export', 'customer.dataExport', 'history.export')
  OR action GLOB 'print.*' OR action GLOB 'message.*' OR action GLOB 'messaging.*' OR action GLOB 'statement.*'
  OR action GLOB 'shift.*' OR action GLOB 'loyalty.*' OR action GLOB 'account.*' OR action GLOB 'credit.*'
  OR action GLOB 'product.*' OR action GLOB 'productCategory.*' OR action GLOB 'priceList.*' OR action GLOB 'offer.*'
  OR action GLOB 'settings.*' OR action GLOB 'taxRate.*' OR action GLOB 'staff.*' OR action GLOB 'template.*'
  OR action GLOB 'followup.*'`;

const MARKS = `SELECT (SELECT coalesce(max(rowid), 0) FROM sales_orders), (SELECT coalesce(max(rowid), 0) FROM refunds),
  (SELECT coalesce(max(rowid), 0) FROM audit_log)`;
const CHANGED = `SELECT 1 FROM audit_log WHERE rowid > ? AND NOT (${KEEPS}) LIMIT 1`;
/** a customer added, edited, merged, imported or erased: what changes a name (looking at one changes nothing) */
const CUSTOMERS_CHANGED = `SELECT 1 FROM audit_log WHERE rowid > ? AND action GLOB 'customer*'
  AND action NOT IN ('customer.view', 'customer.dataExport', 'customers.export') LIMIT 1`;
/** the earliest time among rows added since: a sale or refund dated before a kept result's end invalidates it */
const EARLIEST = `SELECT min(coalesce((SELECT min(completed_at) FROM sales_orders WHERE rowid > :sales), :none),
  coalesce((SELECT min(at) FROM refunds WHERE rowid > :refunds), :none))`;

type Marks = [sales: number, refunds: number, audit: number];

/**
 * Report parts over whole past days, worked out once and kept while nothing under them changes (decision 0032).
 * A report over a window that ends today reads its past days from here and only today's rows from the database, so
 * the dashboard and RFM of 1M sales answer in milliseconds after the day's first call. What could change the past
 * shows in the database itself: rows added since are found by rowid, rows changed by their audit entry (every
 * mutation of a sale, refund or customer is audited in its own transaction), so the till's thread and the reports'
 * thread need not tell each other anything.
 */
export class PastCache {
  private entries = new Map<string, { until: number; customers: boolean; value: unknown }>();
  private marks: Marks | null = null;

  constructor(
    private sqlite: Sqlite,
    private size = 24,
  ) {}

  /**
   * The kept value of `key`, or `compute()` kept for next time: a result over the sales and refunds before `until`,
   * or (`customers`) over the customers' own rows. The database's marks are read before computing, so a change that
   * lands meanwhile is seen at the next call.
   */
  get<T>(key: string, compute: () => T, over: { until: number } | { customers: true }): T {
    this.check();
    const hit = this.entries.get(key);
    if (hit) return hit.value as T;
    const value = compute();
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(
      key,
      'until' in over ? { until: over.until, customers: false, value } : { until: 0, customers: true, value },
    );
    return value;
  }

  private check(): void {
    const now = stmt(this.sqlite, MARKS).raw().get() as Marks;
    const before = this.marks;
    this.marks = now;
    if (!before || this.entries.size === 0) return;
    if (now[2] < before[2] || now[0] < before[0] || now[1] < before[1] || stmt(this.sqlite, CHANGED).get(before[2])) {
      this.entries.clear();
      return;
    }
    if (now[2] !== before[2] && stmt(this.sqlite, CUSTOMERS_CHANGED).get(before[2]))
      for (const [key, e] of this.entries) if (e.customers) this.entries.delete(key);
    if (now[0] === before[0] && now[1] === before[1]) return;
    const earliest = stmt(this.sqlite, EARLIEST)
      .pluck()
      .get({ sales: before[0], refunds: before[1], none: Number.MAX_SAFE_INTEGER }) as number;
    for (const [key, e] of this.entries) if (earliest < e.until) this.entries.delete(key);
  }
}
