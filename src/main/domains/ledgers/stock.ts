import type { STOCK_MOVE_KINDS } from '../../db/schema';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import type { Posting } from '../flow';

export type StockMoveKind = (typeof STOCK_MOVE_KINDS)[number];

export interface StockMoveInput {
  productId: string;
  /** signed milli-units */
  qtyMilli: number;
  kind: StockMoveKind;
  reason?: string | null;
  salesOrderId?: string | null;
  refundId?: string | null;
  staffId?: string | null;
}

/** Writes one stock move and the cached stock on hand together; the caller holds the transaction. */
export function postStockMove(deps: Deps, m: StockMoveInput): string {
  const id = deps.newId();
  stmt(
    deps.sqlite,
    `INSERT INTO stock_moves (id, product_id, qty_milli, kind, reason, sales_order_id, refund_id, staff_id, at, till_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    m.productId,
    m.qtyMilli,
    m.kind,
    m.reason ?? null,
    m.salesOrderId ?? null,
    m.refundId ?? null,
    m.staffId ?? null,
    deps.clock.now(),
    deps.tillId(),
  );
  stmt(deps.sqlite, 'UPDATE products SET stock_on_hand_milli = stock_on_hand_milli + ? WHERE id = ?').run(
    m.qtyMilli,
    m.productId,
  );
  return id;
}

export function stockFromMoves(deps: Pick<Deps, 'sqlite'>, productId: string): number {
  return (
    stmt(deps.sqlite, 'SELECT coalesce(sum(qty_milli), 0) AS n FROM stock_moves WHERE product_id = ?').get(
      productId,
    ) as { n: number }
  ).n;
}

/** Stock on hand: a sale takes its lines off the shelf, a void and a restocked refund put them back. */
export function stockPosting(deps: Deps): Posting {
  return {
    name: 'stock',
    sale: (s) => {
      for (const l of s.lines)
        postStockMove(deps, {
          productId: l.productId,
          qtyMilli: -l.qtyMilli,
          kind: 'sale',
          salesOrderId: s.id,
          staffId: s.staffId,
        });
    },
    saleVoid: ({ actor, order, reason }) => {
      for (const l of order.lines)
        postStockMove(deps, {
          productId: l.productId,
          qtyMilli: l.qtyMilli,
          kind: 'void',
          reason,
          salesOrderId: order.id,
          staffId: actor.id,
        });
    },
    refund: ({ refund, lines, staffId, reason }) => {
      for (const l of lines)
        if (l.restock)
          postStockMove(deps, {
            productId: l.productId,
            qtyMilli: l.qtyMilli,
            kind: 'refund',
            reason,
            salesOrderId: refund.salesOrderId,
            refundId: refund.id,
            staffId,
          });
    },
    refundCancel: ({ actor, refund, products, reason }) => {
      for (const l of refund.lines)
        if (l.restock)
          postStockMove(deps, {
            productId: products.get(l.salesLineId) as string,
            qtyMilli: -l.qtyMilli,
            kind: 'refund_cancel',
            reason,
            salesOrderId: refund.salesOrderId,
            refundId: refund.id,
            staffId: actor.id,
          });
    },
  };
}
