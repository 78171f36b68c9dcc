import type { ExportFormat } from '../../../shared/contract/customers';
import type { HistoryOrderRow, HistorySummary, OrdersQuery, RefundsQuery } from '../../../shared/contract/history';
import type { OrderWithRefunds, RefundRow } from '../../../shared/contract/refunds';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { REFUND_SQL, type RefundReads } from '../refunds/read';
import type { SettingsService } from '../settings/service';
import { exportHistory, type HistoryExport } from './export';

interface Page<T> {
  rows: T[];
  nextCursor: string | null;
  totals: { count: number; amount: number };
}

/** Keyset cursor: the last row's time and id, newest first. */
function decodeCursor(cursor: string | undefined): [number, string] | null {
  if (!cursor) return null;
  const m = /^(\d+):([0-9a-f-]{36})$/.exec(cursor);
  if (!m) throw new AppError('VALIDATION', 'That page link is no longer valid; open the history again.');
  return [Number(m[1]), m[2] as string];
}

/**
 * Builds the WHERE of a customer's history list over (customer_id, time) — both tables have that index — with the
 * optional date range and status.
 */
function where(alias: string, timeCol: string, q: OrdersQuery | RefundsQuery) {
  const parts = [`${alias}.customer_id = ?`];
  const params: unknown[] = [q.customerId];
  if (q.from !== undefined) {
    parts.push(`${alias}.${timeCol} >= ?`);
    params.push(q.from);
  }
  if (q.to !== undefined) {
    parts.push(`${alias}.${timeCol} < ?`);
    params.push(q.to);
  }
  if (q.status !== 'any') {
    parts.push(`${alias}.status = ?`);
    params.push(q.status);
  }
  return { parts, params };
}

const ORDER_ROW = `SELECT o.id, o.number, o.status, o.completed_at AS completedAt, o.total + o.rounding AS total,
  o.on_account_total AS onAccountTotal,
  (SELECT count(*) FROM sales_lines l WHERE l.sales_order_id = o.id) AS lineCount,
  (SELECT coalesce(sum(r.total), 0) FROM refunds r WHERE r.sales_order_id = o.id AND r.status = 'completed') AS refunded
  FROM sales_orders o`;

/** A customer's sales and refunds for their page: summary card, filtered lists newest first, one sale opened. */
export class CustomerHistory {
  constructor(
    private deps: Deps,
    private settings: SettingsService,
    private refunds: RefundReads,
    private audit: AuditService,
  ) {}

  export(actor: Actor, input: { customerId: string; what: HistoryExport; format: ExportFormat }) {
    return exportHistory({ deps: this.deps, audit: this.audit, settings: this.settings }, actor, input);
  }

  summary(customerId: string): HistorySummary {
    const s = stmt(
      this.deps.sqlite,
      `SELECT count(*) AS orders, coalesce(sum(total + rounding), 0) AS spent, min(completed_at) AS firstAt,
         max(completed_at) AS lastAt FROM sales_orders WHERE customer_id = ? AND status = 'completed'`,
    ).get(customerId) as { orders: number; spent: number; firstAt: number | null; lastAt: number | null };
    const r = stmt(
      this.deps.sqlite,
      `SELECT count(*) AS n, coalesce(sum(total), 0) AS total FROM refunds WHERE customer_id = ? AND status = 'completed'`,
    ).get(customerId) as { n: number; total: number };
    return {
      currency: this.settings.store().currency,
      totalSpent: s.spent - r.total,
      orders: s.orders,
      averageOrder: s.orders ? Math.round(s.spent / s.orders) : 0,
      firstPurchaseAt: s.firstAt,
      lastPurchaseAt: s.lastAt,
      refundsTotal: r.total,
      refunds: r.n,
    };
  }

  orders(q: OrdersQuery): Page<HistoryOrderRow> {
    const { parts, params } = where('o', 'completed_at', q);
    const totals = stmt(
      this.deps.sqlite,
      `SELECT count(*) AS count, coalesce(sum(CASE WHEN o.status = 'completed' THEN o.total + o.rounding ELSE 0 END), 0)
         AS amount FROM sales_orders o WHERE ${parts.join(' AND ')}`,
    ).get(...params) as { count: number; amount: number };
    const after = decodeCursor(q.cursor);
    const pageParts = after ? [...parts, '(o.completed_at, o.id) < (?, ?)'] : parts;
    const rows = stmt(
      this.deps.sqlite,
      `${ORDER_ROW} WHERE ${pageParts.join(' AND ')} ORDER BY o.completed_at DESC, o.id DESC LIMIT ?`,
    ).all(...params, ...(after ?? []), q.limit + 1) as HistoryOrderRow[];
    return this.page(rows, q.limit, (r) => `${r.completedAt}:${r.id}`, totals);
  }

  refundsOf(q: RefundsQuery): Page<RefundRow> {
    const { parts, params } = where('r', 'at', q);
    const totals = stmt(
      this.deps.sqlite,
      `SELECT count(*) AS count, coalesce(sum(CASE WHEN r.status = 'completed' THEN r.total ELSE 0 END), 0) AS amount
         FROM refunds r WHERE ${parts.join(' AND ')}`,
    ).get(...params) as { count: number; amount: number };
    const after = decodeCursor(q.cursor);
    const pageParts = after ? [...parts, '(r.at, r.id) < (?, ?)'] : parts;
    const rows = stmt(
      this.deps.sqlite,
      `${REFUND_SQL} WHERE ${pageParts.join(' AND ')} ORDER BY r.at DESC, r.id DESC LIMIT ?`,
    ).all(...params, ...(after ?? []), q.limit + 1) as RefundRow[];
    return this.page(rows, q.limit, (r) => `${r.at}:${r.id}`, totals);
  }

  order(id: string): OrderWithRefunds {
    return this.refunds.forOrder({ id });
  }

  private page<T>(rows: T[], limit: number, key: (r: T) => string, totals: Page<T>['totals']): Page<T> {
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    return { rows: shown, nextCursor: more ? key(shown[shown.length - 1] as T) : null, totals };
  }
}
