import type { PointsEntry } from '../../../shared/contract/loyalty';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';

export type PointsKind = PointsEntry['kind'];

export interface NewPoints {
  customerId: string;
  kind: PointsKind;
  points: number;
  /** unique per business operation: writing it again is a no-op, so a retried sale or refund never counts twice */
  operationId: string;
  salesOrderId?: string | null;
  refundId?: string | null;
  expiresAt?: number | null;
  reason?: string | null;
  staffId: string | null;
}

/**
 * Appends one points entry and moves the cached balance with it, in the caller's transaction. Returns the new entry's
 * id, or null when the operation was already recorded (or the points are zero).
 */
export function postPoints(deps: Deps, e: NewPoints): string | null {
  if (e.points === 0) return null;
  const id = deps.newId();
  // the unique operation id is the check: an operation already recorded inserts nothing
  const { changes } = stmt(
    deps.sqlite,
    `INSERT INTO points_entries (id, customer_id, kind, points, sales_order_id, refund_id, operation_id, expires_at,
       reason, staff_id, at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (operation_id) DO NOTHING`,
  ).run(
    id,
    e.customerId,
    e.kind,
    e.points,
    e.salesOrderId ?? null,
    e.refundId ?? null,
    e.operationId,
    e.expiresAt ?? null,
    e.reason ?? null,
    e.staffId,
    deps.clock.now(),
    deps.tillId(),
  );
  if (changes === 0) return null;
  stmt(deps.sqlite, 'UPDATE customers SET points_balance = points_balance + ? WHERE id = ?').run(
    e.points,
    e.customerId,
  );
  return id;
}

export function pointsBalance(deps: Deps, customerId: string): number {
  const row = stmt(deps.sqlite, 'SELECT points_balance AS b FROM customers WHERE id = ?').get(customerId) as
    | { b: number }
    | undefined;
  return row?.b ?? 0;
}

export interface LedgerRow {
  id: string;
  kind: PointsKind;
  points: number;
  operationId: string;
  expiresAt: number | null;
  at: number;
}

/** Points still held from one credit entry (an earn, a birthday bonus, an opening balance, points given back…). */
export interface Lot {
  id: string;
  at: number;
  expiresAt: number | null;
  remaining: number;
}

export const EXPIRE_PREFIX = 'expire:';

/**
 * Which credits still hold points, derived from the ledger alone (no lots table): credits pay off any negative balance
 * first, then form lots; an expire entry empties the lot it names; every other debit takes from the oldest lot still
 * valid at the debit's time. Σ lots − debt = the balance.
 */
export function replayLots(rows: readonly LedgerRow[]): { lots: Lot[]; debt: number } {
  const lots: Lot[] = [];
  const byId = new Map<string, Lot>();
  let debt = 0;
  for (const r of rows) {
    if (r.points > 0) {
      const payOff = Math.min(debt, r.points);
      debt -= payOff;
      const lot = { id: r.id, at: r.at, expiresAt: r.expiresAt, remaining: r.points - payOff };
      lots.push(lot);
      byId.set(r.id, lot);
      continue;
    }
    let need = -r.points;
    if (r.kind === 'expire' && r.operationId.startsWith(EXPIRE_PREFIX)) {
      const lot = byId.get(r.operationId.slice(EXPIRE_PREFIX.length));
      if (lot) {
        const take = Math.min(lot.remaining, need);
        lot.remaining -= take;
        need -= take;
      }
    }
    for (const lot of lots) {
      if (need === 0) break;
      if (lot.remaining === 0 || (lot.expiresAt !== null && lot.expiresAt <= r.at)) continue;
      const take = Math.min(lot.remaining, need);
      lot.remaining -= take;
      need -= take;
    }
    debt += need;
  }
  return { lots: lots.filter((l) => l.remaining > 0), debt };
}

export function ledgerRows(deps: Deps, customerId: string): LedgerRow[] {
  return stmt(
    deps.sqlite,
    `SELECT id, kind, points, operation_id AS operationId, expires_at AS expiresAt, at FROM points_entries
     WHERE customer_id = ? ORDER BY at, id`,
  ).all(customerId) as LedgerRow[];
}

export function lotsOf(deps: Deps, customerId: string): { lots: Lot[]; debt: number } {
  return replayLots(ledgerRows(deps, customerId));
}
