import type { Guard, Posting } from '../flow';
import type { LoyaltyService } from './service';

/** A points payment needs a customer with enough points, within the program's rules. */
export function pointsGuard(loyalty: LoyaltyService): Guard {
  return {
    name: 'points available',
    sale: (d) => {
      d.pointsRedeemed = loyalty.redemptionFor({
        customerId: d.customer?.id ?? null,
        staffId: d.actor.id,
        saleTotal: d.priced.total,
        payments: d.plan.rows,
      });
    },
  };
}

/** Loyalty points: earned and redeemed by a sale, taken back and given back by voids and refunds; tiers after merges. */
export function loyaltyPosting(loyalty: LoyaltyService): Posting {
  return {
    name: 'loyalty points',
    sale: (s) => {
      s.out.points = loyalty.onSale(
        {
          actor: s.actor,
          salesOrderId: s.id,
          number: s.number,
          customerId: s.customer?.id ?? null,
          lines: s.lines,
          saleTotal: s.priced.total,
          payments: s.plan.rows,
        },
        s.pointsRedeemed,
      );
    },
    saleVoid: ({ actor, order, reason }) => loyalty.onVoid(actor, order, reason),
    refund: (r) => loyalty.onRefund(r),
    refundCancel: ({ actor, refund, reason }) => loyalty.onRefundCancel(actor, refund, reason),
    merge: ({ actor, survivorId }) => loyalty.afterMerge(actor, survivorId),
  };
}
