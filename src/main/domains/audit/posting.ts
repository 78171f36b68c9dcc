import { formatMoney } from '../../../shared/money';
import type { Posting } from '../flow';
import { RECEIPT_METHOD_WORDS } from '../receivables/payments';
import type { SettingsService } from '../settings/service';
import type { AuditEntry, AuditService } from './service';

/** A completed document taken back (a sale voided, a refund cancelled): its status change, and why. */
function undone(action: string, entity: string, entityId: string, status: string, note: string): AuditEntry {
  return { action, entity, entityId, changes: [{ field: 'status', before: 'completed', after: status }], note };
}

/** The audit row of each till document: who did it, when, and what it amounted to. Last, so it sees the rest. */
export function auditPosting(audit: AuditService, settings: SettingsService): Posting {
  return {
    name: 'audit',
    sale: ({ actor, id, number, customer, order, approver, needs, input }) =>
      audit.record(actor, {
        action: 'sale.complete',
        entity: 'salesOrder',
        entityId: id,
        after: {
          number,
          customer: customer?.displayName ?? null,
          total: order.total,
          rounding: order.rounding,
          lines: order.lines.length,
          payments: order.payments.map((p) => `${p.method} ${p.amount}`),
          onAccount: order.onAccountTotal,
        },
        note: approver
          ? `approved by ${approver.name}: ${needs.map((n) => n.message).join(' ')}`
          : input.parkedId
            ? 'resumed from a parked sale'
            : null,
      }),
    saleVoid: ({ actor, order, reason }) =>
      audit.record(actor, undone('sale.void', 'salesOrder', order.id, 'voided', `${order.number}: ${reason}`)),
    refund: ({ actor, refund, order, reason }) =>
      audit.record(actor, {
        action: 'refund.create',
        entity: 'refund',
        entityId: refund.id,
        after: {
          number: refund.number,
          sale: order.number,
          customer: order.customerName,
          method: refund.method,
          total: refund.total,
          lines: refund.lines.map(
            (l) => `${l.lineNo}: ${l.qtyMilli / 1000} × ${l.name}${l.restock ? ' (restocked)' : ''}`,
          ),
        },
        note: reason,
      }),
    refundCancel: ({ actor, refund, reason }) =>
      audit.record(
        actor,
        undone('refund.cancel', 'refund', refund.id, 'cancelled', `${refund.number} (${refund.saleNumber}): ${reason}`),
      ),
    debtPayment: (p) => {
      const store = settings.store();
      // 'payment.receive' wakes the print queue once this transaction has committed
      audit.record(p.actor, {
        action: 'payment.receive',
        entity: 'customer',
        entityId: p.customer.id,
        after: {
          number: p.number,
          amount: p.amount,
          method: p.method,
          reference: p.reference,
          balanceBefore: p.customer.balance,
          balanceAfter: p.payment.balanceAfter,
          allocations: p.allocations
            .filter((a) => a.creditEntryId === p.entryId)
            .map((a) => `${a.debitEntryId} ${a.amount}`),
        },
        note: `${p.number}: ${formatMoney(p.amount, store.currency, store.locale)} ${RECEIPT_METHOD_WORDS[p.method]} from ${p.customer.name}`,
      });
    },
  };
}
