import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import type { Posting } from '../flow';

/** The customer's cached figures: total spent (sales less refunds) and the last time they bought. */
export function customerTotalsPosting(deps: Deps): Posting {
  const spent = (customerId: string, amount: number) =>
    stmt(deps.sqlite, 'UPDATE customers SET total_spent = total_spent + ? WHERE id = ?').run(amount, customerId);
  return {
    name: 'customer totals',
    sale: (s) => {
      if (!s.customer) return;
      stmt(deps.sqlite, 'UPDATE customers SET last_activity_at = ?, total_spent = total_spent + ? WHERE id = ?').run(
        s.at,
        s.priced.total + s.plan.rounding,
        s.customer.id,
      );
    },
    saleVoid: ({ order }) => {
      if (order.customerId) spent(order.customerId, -(order.total + order.rounding));
    },
    refund: ({ refund, order }) => {
      if (order.customerId) spent(order.customerId, -refund.total);
    },
    refundCancel: ({ refund }) => {
      if (refund.customerId) spent(refund.customerId, refund.total);
    },
  };
}
