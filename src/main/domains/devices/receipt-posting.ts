import { stmt } from '../../db/statements';
import { storeHeader } from '../../devices/printers/snapshots';
import type { Deps } from '../deps';
import type { Posting } from '../flow';
import type { SettingsService } from '../settings/service';

type Template = 'sale-receipt' | 'refund-receipt' | 'payment-receipt';

/**
 * The receipt of a sale, refund or debt payment, queued as a print job in the document's own transaction: the print
 * queue sends it after commit, and a dead printer never stops the till. Runs after the ledgers' postings, so the
 * balances it snapshots are the ones after this document.
 */
export function receiptPosting(deps: Deps, settings: SettingsService): Posting {
  const queue = (template: Template, data: unknown, at: number, ref: { salesOrderId?: string; refundId?: string }) => {
    const id = deps.newId();
    stmt(
      deps.sqlite,
      `INSERT INTO print_jobs (id, printer_id, template, data, status, attempts, sales_order_id, refund_id, created_at,
         updated_at, till_id) VALUES (?, NULL, ?, ?, 'queued', 0, ?, ?, ?, ?, ?)`,
    ).run(id, template, JSON.stringify(data), ref.salesOrderId ?? null, ref.refundId ?? null, at, at, deps.tillId());
    return id;
  };
  return {
    name: 'receipt print job',
    sale: (s) => {
      const { name, address, phone, taxId, receiptHeader, receiptFooter, currency, locale, timeZone, language } =
        settings.store();
      const store = { name, address, phone, taxId, receiptHeader, receiptFooter, currency, locale, timeZone, language };
      s.out.printJobId = queue('sale-receipt', { store, order: s.order, points: s.out.points }, s.at, {
        salesOrderId: s.id,
      });
    },
    refund: ({ refund, out }) => {
      const customer = refund.customerId
        ? (stmt(
            deps.sqlite,
            `SELECT display_name AS name, loyalty_card_no AS cardNo, balance, points_balance AS points,
               preferred_language AS language FROM customers WHERE id = ?`,
          ).get(refund.customerId) as
            | { name: string; cardNo: string | null; balance: number; points: number; language: string | null }
            | undefined)
        : undefined;
      const data = {
        store: storeHeader(settings.store(), customer?.language),
        currency: refund.currency,
        number: refund.number,
        saleNumber: refund.saleNumber,
        at: refund.at,
        staffName: refund.staffName,
        reason: refund.reason,
        method: refund.method,
        lines: refund.lines.map((l) => ({ name: l.name, qtyMilli: l.qtyMilli, total: l.total })),
        taxTotal: refund.taxTotal,
        total: refund.total,
        customer: customer
          ? {
              name: customer.name,
              cardNo: customer.cardNo,
              accountBalance: customer.balance,
              // the points balance after this refund took back (and gave back) its points
              pointsBalance: customer.points,
            }
          : null,
      };
      out.printJobId = queue('refund-receipt', data, refund.at, {
        salesOrderId: refund.salesOrderId,
        refundId: refund.id,
      });
    },
    debtPayment: (p) => {
      const language = stmt(deps.sqlite, 'SELECT preferred_language AS l FROM customers WHERE id = ?').get(
        p.customer.id,
      ) as { l: string | null } | undefined;
      const receipt = {
        store: storeHeader(settings.store(), language?.l),
        currency: settings.store().currency,
        number: p.number,
        at: p.at,
        staffName: p.actor.name,
        customer: { name: p.customer.name, cardNo: p.customer.cardNo },
        payments: [
          { method: p.method, amount: p.amount, tendered: p.tendered, change: p.change, reference: p.reference },
        ],
        balanceBefore: p.customer.balance,
      };
      p.out.printJobId = queue('payment-receipt', receipt, deps.clock.now(), {});
    },
  };
}
