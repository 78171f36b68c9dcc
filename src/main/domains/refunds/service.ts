import type { CreateRefundInput, CreateRefundResult, OrderWithRefunds, Refund } from '../../../shared/contract/refunds';
import type { PaymentMethod } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { stmt } from '../../db/statements';
import { storeHeader } from '../../devices/printers/snapshots';
import type { AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { nextDocumentNumber } from '../documents';
import { postAccountEntry } from '../ledgers/account';
import { postStockMove } from '../ledgers/stock';
import type { RefundForPoints } from '../loyalty/service';
import type { SalesOrders } from '../sales/orders';
import type { SalesActor } from '../sales/service';
import { TillSettingsService } from '../sales/settings';
import type { SettingsService } from '../settings/service';
import { cashRefundAmount } from './cash-rounding';
import { type ChargedLine, RefundReads } from './read';
import { refundShare } from './shares';

const METHOD_WORDS: Record<PaymentMethod, string> = {
  cash: 'cash',
  card: 'card',
  mobile_money: 'mobile money',
  bank_transfer: 'bank transfer',
  on_account: 'on account',
  store_credit: 'store credit',
  points: 'points',
};

/**
 * Refunds against a completed sale: per line, in proportion to what the line charged, never more than was sold or
 * paid; stock back when the goods go back on the shelf; credit on the customer's account when chosen. Cancelling a
 * refund writes reversing rows and keeps the refund, marked cancelled.
 */
export class RefundService {
  readonly reads: RefundReads;
  /** loyalty points taken back and given back, inside the refund's transaction; returns the points' money value */
  pointsOnRefund: (r: RefundForPoints) => number = () => 0;
  /** undoes the refund's points, inside the cancel's transaction */
  pointsOnCancel: (
    actor: SalesActor,
    refund: { id: string; number: string; customerId: string | null },
    reason: string,
  ) => void = () => {};
  /** allocates a refund's account credit, its own sale's invoice first (inside the refund's transaction) */
  accountAfterRefund: (customerId: string, creditEntryId: string, salesOrderId: string, staffId: string) => void =
    () => {};
  /** takes a cancelled refund's credit back from what it paid (inside the cancel's transaction) */
  accountAfterCancel: (
    customerId: string,
    creditEntryId: string,
    cancelEntryId: string,
    staffId: string | null,
  ) => void = () => {};

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    orders: SalesOrders,
  ) {
    this.reads = new RefundReads(deps, orders);
  }

  start(ref: { id: string } | { number: string }): OrderWithRefunds {
    return this.reads.forOrder(ref);
  }

  get(ref: { id: string } | { number: string }): Refund {
    return this.reads.get(ref);
  }

  create(actor: SalesActor, input: CreateRefundInput): CreateRefundResult {
    if (!actor.id) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
    const staffId = actor.id;
    const replay = this.replay(input);
    if (replay) return replay;
    return this.deps.sqlite.transaction((): CreateRefundResult => {
      const again = this.replay(input);
      if (again) return again;
      const state = this.reads.forOrder({ id: input.salesOrderId });
      const { order } = state;
      if (order.status === 'voided')
        throw new AppError('CONFLICT', `${order.number} was voided, so it cannot be refunded.`);
      const money = (n: number) => formatMoney(n, order.currency, this.settings.store().locale);
      const charged = new Map(this.reads.charged(order.id).map((l) => [l.salesLineId, l]));
      const seen = new Set<string>();
      const planned = input.lines.map((l) => {
        const line = charged.get(l.salesLineId);
        if (!line)
          throw new AppError('VALIDATION', `That line is not on ${order.number}.`, { salesLineId: l.salesLineId });
        if (seen.has(l.salesLineId))
          throw new AppError('VALIDATION', `Line ${line.lineNo} (${line.name}) is listed twice: give it once.`);
        seen.add(l.salesLineId);
        checkQuantity(line, l.qtyMilli);
        return { input: l, line, share: refundShare(line, l.qtyMilli) };
      });
      const method = this.resolveMethod(input.method, order);
      if (method === 'on_account' && !order.customerId)
        throw new AppError(
          'VALIDATION',
          `${order.number} had no customer, so there is no account to credit. Refund in cash or the original way.`,
        );
      const subtotal = planned.reduce((a, p) => a + p.share.net, 0);
      const taxTotal = planned.reduce((a, p) => a + p.share.tax, 0);
      const linesTotal = subtotal + taxTotal;
      const limit = method === 'on_account' ? state.refundableTotal : state.refundableMoney;
      let total = linesTotal;
      // cash goes back in the currency's cash steps, as at a cash sale (1 = exact)
      const cashStep =
        method === 'cash' ? new TillSettingsService(this.deps, this.audit).cashIncrement(order.currency) : 1;
      if (linesTotal > limit) {
        // the sale's cash rounding, or an earlier cash refund rounded up, is the only gap allowed: the customer gets
        // back what they paid, no more
        if (
          (limit === state.refundableTotal && linesTotal - limit <= Math.abs(order.rounding)) ||
          linesTotal - limit < cashStep
        )
          total = limit;
        else if (method !== 'on_account' && state.refundableTotal >= linesTotal && order.customerId)
          throw new AppError(
            'VALIDATION',
            `Only ${money(limit)} of ${order.number} was paid at the till; the rest was on account. Credit this refund to the customer's account instead.`,
            { refundableMoney: limit },
          );
        else
          throw new AppError(
            'VALIDATION',
            `This refund (${money(linesTotal)}) is more than is left to refund on ${order.number} (${money(limit)}).`,
            { refundable: limit },
          );
      }
      const now = this.deps.clock.now();
      const tillId = this.deps.tillId();
      const id = this.deps.newId();
      const number = nextDocumentNumber(this.deps, 'refund');
      // points the sale was paid with come back as points, so the refund pays that much less in money
      total -= this.pointsOnRefund({
        actor,
        refundId: id,
        number,
        salesOrderId: order.id,
        customerId: order.customerId,
        refundNet: subtotal,
        refundTotal: linesTotal,
        reason: input.reason,
      });
      if (method === 'cash') total = cashRefundAmount(total, cashStep, limit);
      stmt(
        this.deps.sqlite,
        `INSERT INTO refunds (id, number, sales_order_id, customer_id, status, method, subtotal, tax_total, total, reason,
           idempotency_key, staff_id, at, created_at, till_id) VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        number,
        order.id,
        order.customerId,
        method,
        subtotal,
        taxTotal,
        total,
        input.reason,
        input.idempotencyKey,
        staffId,
        now,
        now,
        tillId,
      );
      const insertLine = stmt(
        this.deps.sqlite,
        `INSERT INTO refund_lines (id, refund_id, sales_line_id, qty_milli, net, tax, total, restock, created_at, till_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const p of planned) {
        insertLine.run(
          this.deps.newId(),
          id,
          p.line.salesLineId,
          p.input.qtyMilli,
          p.share.net,
          p.share.tax,
          p.share.total,
          p.input.restock ? 1 : 0,
          now,
          tillId,
        );
        if (p.input.restock)
          postStockMove(this.deps, {
            productId: p.line.productId,
            qtyMilli: p.input.qtyMilli,
            kind: 'refund',
            reason: input.reason,
            salesOrderId: order.id,
            refundId: id,
            staffId,
          });
      }
      if (order.customerId) {
        if (method === 'on_account') {
          const creditId = postAccountEntry(this.deps, {
            customerId: order.customerId,
            kind: 'refund',
            amount: -total,
            currency: order.currency,
            documentNo: number,
            salesOrderId: order.id,
            refundId: id,
            reason: input.reason,
            staffId,
          });
          this.accountAfterRefund(order.customerId, creditId, order.id, staffId);
        }
        stmt(this.deps.sqlite, 'UPDATE customers SET total_spent = total_spent - ? WHERE id = ?').run(
          total,
          order.customerId,
        );
      }
      const refund = this.reads.get({ id });
      const printJobId = this.queueReceipt(refund, now, tillId);
      this.audit.record(actor, {
        action: 'refund.create',
        entity: 'refund',
        entityId: id,
        after: {
          number,
          sale: order.number,
          customer: order.customerName,
          method,
          total,
          lines: refund.lines.map(
            (l) => `${l.lineNo}: ${l.qtyMilli / 1000} × ${l.name}${l.restock ? ' (restocked)' : ''}`,
          ),
        },
        note: input.reason,
      });
      return { refund, replayed: false, printJobId };
    })();
  }

  /** A manager takes a refund back: stock out again, the account credit reversed, the refund kept as cancelled. */
  cancel(actor: SalesActor, input: { id: string; reason: string }): Refund {
    return this.deps.sqlite.transaction(() => {
      const refund = this.reads.get({ id: input.id });
      if (refund.status === 'cancelled')
        throw new AppError(
          'CONFLICT',
          `${refund.number} was already cancelled${refund.cancelReason ? ` (${refund.cancelReason})` : ''}.`,
        );
      const products = new Map(
        this.reads.charged(refund.salesOrderId).map((l: ChargedLine) => [l.salesLineId, l.productId]),
      );
      for (const l of refund.lines) {
        if (!l.restock) continue;
        postStockMove(this.deps, {
          productId: products.get(l.salesLineId) as string,
          qtyMilli: -l.qtyMilli,
          kind: 'refund_cancel',
          reason: input.reason,
          salesOrderId: refund.salesOrderId,
          refundId: refund.id,
          staffId: actor.id,
        });
      }
      this.pointsOnCancel(actor, refund, input.reason);
      if (refund.customerId) {
        const credits = stmt(
          this.deps.sqlite,
          "SELECT id, customer_id AS customerId, amount, currency FROM account_entries WHERE refund_id = ? AND kind = 'refund'",
        ).all(refund.id) as Array<{ id: string; customerId: string; amount: number; currency: string }>;
        for (const c of credits) {
          const cancelId = postAccountEntry(this.deps, {
            // the entry's own customer: a merge may have moved it since the refund
            customerId: c.customerId,
            kind: 'refund_cancel',
            amount: -c.amount,
            currency: c.currency,
            documentNo: refund.number,
            salesOrderId: refund.salesOrderId,
            refundId: refund.id,
            reversesId: c.id,
            reason: input.reason,
            staffId: actor.id,
          });
          this.accountAfterCancel(c.customerId, c.id, cancelId, actor.id);
        }
        stmt(this.deps.sqlite, 'UPDATE customers SET total_spent = total_spent + ? WHERE id = ?').run(
          refund.total,
          refund.customerId,
        );
      }
      stmt(
        this.deps.sqlite,
        "UPDATE refunds SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?",
      ).run(this.deps.clock.now(), actor.id, input.reason, refund.id);
      this.audit.record(actor, {
        action: 'refund.cancel',
        entity: 'refund',
        entityId: refund.id,
        changes: [{ field: 'status', before: 'completed', after: 'cancelled' }],
        note: `${refund.number} (${refund.saleNumber}): ${input.reason}`,
      });
      return this.reads.get({ id: refund.id });
    })();
  }

  /** 'original' becomes the one way the sale was paid; a sale paid several ways needs the cashier to choose. */
  private resolveMethod(choice: CreateRefundInput['method'], order: OrderWithRefunds['order']): PaymentMethod {
    if (choice !== 'original') return choice;
    const methods = [...new Set(order.payments.filter((p) => !p.reversesId && p.amount > 0).map((p) => p.method))];
    if (methods.length === 1) return methods[0] as PaymentMethod;
    throw new AppError(
      'VALIDATION',
      `${order.number} was paid ${methods.map((m) => METHOD_WORDS[m]).join(' and ')}: choose cash or credit to the customer's account.`,
    );
  }

  /** The refund this key already made, or null; the same key for another refund is refused. */
  private replay(input: CreateRefundInput): CreateRefundResult | null {
    const row = stmt(this.deps.sqlite, 'SELECT id FROM refunds WHERE idempotency_key = ?').get(input.idempotencyKey) as
      | { id: string }
      | undefined;
    if (!row) return null;
    const refund = this.reads.get({ id: row.id });
    const asked = input.lines.map((l) => `${l.salesLineId}:${l.qtyMilli}:${l.restock}`).sort();
    const made = refund.lines.map((l) => `${l.salesLineId}:${l.qtyMilli}:${l.restock}`).sort();
    if (refund.salesOrderId !== input.salesOrderId || asked.join() !== made.join())
      throw new AppError(
        'CONFLICT',
        'This refund key was already used for a different refund. Start the refund again (the screen makes a new key).',
        { idempotencyKey: input.idempotencyKey },
      );
    const job = stmt(
      this.deps.sqlite,
      "SELECT id FROM print_jobs WHERE refund_id = ? AND template = 'refund-receipt' ORDER BY created_at LIMIT 1",
    ).get(row.id) as { id: string } | undefined;
    return { refund, replayed: true, printJobId: job?.id ?? null };
  }

  /** The refund receipt snapshot, queued in the refund's transaction (the devices queue prints it). */
  private queueReceipt(refund: Refund, now: number, tillId: string): string {
    const store = this.settings.store();
    const customer = refund.customerId
      ? (stmt(
          this.deps.sqlite,
          'SELECT display_name AS name, loyalty_card_no AS cardNo, balance, points_balance AS points FROM customers WHERE id = ?',
        ).get(refund.customerId) as
          | { name: string; cardNo: string | null; balance: number; points: number }
          | undefined)
      : undefined;
    const data = {
      store: storeHeader(store),
      currency: refund.currency,
      number: refund.number,
      saleNumber: refund.saleNumber,
      at: refund.at,
      staffName: refund.staffName,
      reason: refund.reason,
      method: METHOD_WORDS[refund.method],
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
    const id = this.deps.newId();
    stmt(
      this.deps.sqlite,
      `INSERT INTO print_jobs (id, printer_id, template, data, status, attempts, sales_order_id, refund_id, created_at,
         updated_at, till_id) VALUES (?, NULL, 'refund-receipt', ?, 'queued', 0, ?, ?, ?, ?, ?)`,
    ).run(id, JSON.stringify(data), refund.salesOrderId, refund.id, now, now, tillId);
    return id;
  }
}

function checkQuantity(line: ChargedLine, qtyMilli: number) {
  const left = line.qtyMilli - line.refundedQtyMilli;
  if (line.unit === 'piece' && qtyMilli % 1000 !== 0)
    throw new AppError('VALIDATION', `${line.name} is sold by the piece: refund a whole number.`);
  if (left <= 0)
    throw new AppError('VALIDATION', `Line ${line.lineNo} (${line.name}) has already been refunded in full.`);
  if (qtyMilli > left)
    throw new AppError(
      'VALIDATION',
      `Line ${line.lineNo} (${line.name}): only ${left / 1000} of ${line.qtyMilli / 1000} can still be refunded.`,
      { refundableQtyMilli: left },
    );
}
