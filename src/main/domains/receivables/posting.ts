import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import type { Guard, Posting } from '../flow';
import { postAccountEntry } from '../ledgers/account';
import type { TillSettingsService } from '../sales/settings';
import type { SaleCredit } from './credit';

const DAY_MS = 86_400_000;

/** The on-account and store-credit parts of a sale within the customer's credit (or approved over it). */
export function creditGuard(credit: SaleCredit): Guard {
  return {
    name: 'credit limit',
    sale: (d) => {
      d.credit = credit.beforeSale(d.actor, {
        customerId: d.customer?.id ?? null,
        onAccount: d.plan.onAccount,
        storeCredit: d.plan.rows.reduce((a, p) => a + (p.method === 'store_credit' ? p.amount : 0), 0),
        approve: d.approve,
      });
    },
  };
}

/**
 * The customer account: a sale's on-account part is an invoice due by the customer's terms, a void reverses it, a
 * refund to the account is a credit, a cancelled refund takes that credit back; each then settles the allocations.
 */
export function accountPosting(deps: Deps, credit: SaleCredit, till: TillSettingsService): Posting {
  return {
    name: 'customer account',
    sale: (s) => {
      if (s.customer && s.plan.onAccount > 0) {
        const terms = s.customer.paymentTermsDays ?? s.customer.categoryTermsDays ?? till.get().defaultPaymentTermsDays;
        postAccountEntry(deps, {
          customerId: s.customer.id,
          kind: 'invoice',
          amount: s.plan.onAccount,
          currency: s.currency,
          documentNo: s.number,
          salesOrderId: s.id,
          paymentId: s.payments.find((p) => p.method === 'on_account')?.id ?? null,
          dueAt: s.at + terms * DAY_MS,
          staffId: s.staffId,
        });
      }
      credit.afterSale(s.actor, s.credit, {
        id: s.id,
        number: s.number,
        currency: s.currency,
        storeCreditPaymentId: s.payments.find((p) => p.method === 'store_credit')?.id ?? null,
      });
    },
    saleVoid: ({ actor, order, reason }) => {
      if (!order.customerId) return;
      const invoices = stmt(
        deps.sqlite,
        "SELECT id, amount, currency FROM account_entries WHERE sales_order_id = ? AND kind = 'invoice'",
      ).all(order.id) as Array<{ id: string; amount: number; currency: string }>;
      for (const inv of invoices)
        postAccountEntry(deps, {
          customerId: order.customerId,
          kind: 'void',
          amount: -inv.amount,
          currency: inv.currency,
          documentNo: order.number,
          salesOrderId: order.id,
          reversesId: inv.id,
          reason,
          staffId: actor.id,
        });
      credit.afterVoid(order.customerId, actor.id);
    },
    refund: ({ refund, order, staffId, reason }) => {
      if (!order.customerId || refund.method !== 'on_account') return;
      const creditId = postAccountEntry(deps, {
        customerId: order.customerId,
        kind: 'refund',
        amount: -refund.total,
        currency: order.currency,
        documentNo: refund.number,
        salesOrderId: order.id,
        refundId: refund.id,
        reason,
        staffId,
      });
      credit.afterRefundCredit(order.customerId, creditId, order.id, staffId);
    },
    refundCancel: ({ actor, refund, reason }) => {
      if (!refund.customerId) return;
      const credits = stmt(
        deps.sqlite,
        "SELECT id, customer_id AS customerId, amount, currency FROM account_entries WHERE refund_id = ? AND kind = 'refund'",
      ).all(refund.id) as Array<{ id: string; customerId: string; amount: number; currency: string }>;
      for (const c of credits) {
        const cancelId = postAccountEntry(deps, {
          // the entry's own customer: a merge may have moved it since the refund
          customerId: c.customerId,
          kind: 'refund_cancel',
          amount: -c.amount,
          currency: c.currency,
          documentNo: refund.number,
          salesOrderId: refund.salesOrderId,
          refundId: refund.id,
          reversesId: c.id,
          reason,
          staffId: actor.id,
        });
        credit.afterRefundCancel(c.customerId, c.id, cancelId, actor.id);
      }
    },
  };
}
