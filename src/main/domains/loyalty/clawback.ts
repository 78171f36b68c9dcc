import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import { mulDivFloor } from './earn';
import { postPoints } from './entries';

/** What a sale earned and redeemed, and what refunds (not cancelled) already took back or gave back. */
export interface SalePoints {
  customerId: string | null;
  earned: number;
  clawedBack: number;
  redeemed: number;
  returned: number;
  /** the money the redeemed points paid (their value at the sale) */
  redeemedAmount: number;
}

export function salePoints(deps: Deps, salesOrderId: string): SalePoints {
  const row = stmt(
    deps.sqlite,
    `SELECT
       coalesce(sum(CASE WHEN kind = 'earn' THEN points END), 0) AS earned,
       -coalesce(sum(CASE WHEN kind = 'clawback' THEN points END), 0) AS clawedBack,
       -coalesce(sum(CASE WHEN kind = 'redeem' AND refund_id IS NULL THEN points END), 0) AS redeemed,
       coalesce(sum(CASE WHEN kind = 'redeem' AND refund_id IS NOT NULL THEN points END), 0) AS returned,
       max(CASE WHEN kind IN ('earn', 'redeem') THEN customer_id END) AS customerId
     FROM points_entries WHERE sales_order_id = ?`,
  ).get(salesOrderId) as Omit<SalePoints, 'redeemedAmount'>;
  const paid = stmt(
    deps.sqlite,
    "SELECT coalesce(sum(amount), 0) AS a FROM payments WHERE sales_order_id = ? AND method = 'points' AND reverses_id IS NULL",
  ).get(salesOrderId) as { a: number };
  return { ...row, redeemedAmount: paid.a };
}

/** The sale's pre-tax total and the pre-tax amount refunds not cancelled took back (this refund not yet written). */
function netSoFar(deps: Deps, salesOrderId: string): { saleNet: number; refundedNet: number } {
  return stmt(
    deps.sqlite,
    `SELECT (SELECT coalesce(sum(net), 0) FROM sales_lines WHERE sales_order_id = @o) AS saleNet,
       (SELECT coalesce(sum(subtotal), 0) FROM refunds WHERE sales_order_id = @o AND status = 'completed') AS refundedNet`,
  ).get({ o: salesOrderId }) as { saleNet: number; refundedNet: number };
}

/** Share of `whole` for cumulative refunded `part` of `of`, rounded down; all of it once everything is refunded. */
export function cumulativeShare(whole: number, part: number, of: number): number {
  if (whole <= 0) return 0;
  if (of <= 0 || part >= of) return whole;
  return mulDivFloor(whole, Math.max(0, part), of);
}

export interface RefundPoints {
  clawback: number;
  returned: number;
  /** the money value of the returned points: the refund pays this much less in money */
  returnedAmount: number;
}

/**
 * A refund takes back earned points in proportion to the refunded pre-tax amount (cumulative over the sale's refunds,
 * rounded down, never more than earned; all of them on a full refund) and gives back redeemed points the same way.
 * The balance may go negative: a refund is never refused for points already spent. Worked out before the refund is
 * written (its own row must not count yet); writeRefundPoints writes it.
 */
export function planRefundPoints(
  deps: Deps,
  r: { salesOrderId: string; refundNet: number },
): RefundPoints & { customerId: string | null } {
  const sp = salePoints(deps, r.salesOrderId);
  if (!sp.customerId) return { customerId: null, clawback: 0, returned: 0, returnedAmount: 0 };
  const { saleNet, refundedNet } = netSoFar(deps, r.salesOrderId);
  const cum = refundedNet + r.refundNet;
  const clawback = Math.max(0, cumulativeShare(sp.earned, cum, saleNet) - sp.clawedBack);
  const returned = Math.max(0, cumulativeShare(sp.redeemed, cum, saleNet) - sp.returned);
  const returnedAmount = sp.redeemed > 0 ? mulDivFloor(returned, sp.redeemedAmount, sp.redeemed) : 0;
  return { customerId: sp.customerId, clawback, returned, returnedAmount };
}

/** The points entries of a refund planned by planRefundPoints. */
export function writeRefundPoints(
  deps: Deps,
  p: RefundPoints & { customerId: string },
  r: { refundId: string; salesOrderId: string; staffId: string | null; reason: string },
): void {
  const common = {
    customerId: p.customerId,
    salesOrderId: r.salesOrderId,
    refundId: r.refundId,
    reason: r.reason,
    staffId: r.staffId,
  };
  postPoints(deps, { ...common, kind: 'clawback', points: -p.clawback, operationId: `clawback:${r.refundId}` });
  postPoints(deps, { ...common, kind: 'redeem', points: p.returned, operationId: `redeem-back:${r.refundId}` });
}

/** A void takes back everything the sale earned and gives back everything it redeemed. */
export function pointsOnVoid(
  deps: Deps,
  v: { salesOrderId: string; staffId: string | null; reason: string },
): { clawback: number; returned: number } {
  const sp = salePoints(deps, v.salesOrderId);
  if (!sp.customerId) return { clawback: 0, returned: 0 };
  const clawback = Math.max(0, sp.earned - sp.clawedBack);
  const returned = Math.max(0, sp.redeemed - sp.returned);
  const common = { customerId: sp.customerId, salesOrderId: v.salesOrderId, reason: v.reason, staffId: v.staffId };
  postPoints(deps, { ...common, kind: 'clawback', points: -clawback, operationId: `void-clawback:${v.salesOrderId}` });
  postPoints(deps, { ...common, kind: 'redeem', points: returned, operationId: `void-redeem:${v.salesOrderId}` });
  return { clawback, returned };
}

/** Cancelling a refund undoes its points entries with opposite entries of the same kind. */
export function pointsOnRefundCancel(
  deps: Deps,
  c: { refundId: string; staffId: string | null; reason: string },
): number {
  const rows = stmt(
    deps.sqlite,
    "SELECT id, customer_id AS customerId, kind, points, sales_order_id AS salesOrderId FROM points_entries WHERE refund_id = ? AND operation_id NOT LIKE 'refund-cancel:%'",
  ).all(c.refundId) as Array<{
    id: string;
    customerId: string;
    kind: 'clawback' | 'redeem';
    points: number;
    salesOrderId: string | null;
  }>;
  let n = 0;
  for (const e of rows) {
    if (e.points === 0) continue;
    const id = postPoints(deps, {
      customerId: e.customerId,
      kind: e.kind,
      points: -e.points,
      operationId: `refund-cancel:${e.id}`,
      salesOrderId: e.salesOrderId,
      // the same refund id: its entries net to zero, so later refunds count from the sale again
      refundId: c.refundId,
      reason: `refund cancelled: ${c.reason}`,
      staffId: c.staffId,
    });
    if (id) n++;
  }
  return n;
}
