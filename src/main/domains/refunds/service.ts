import type { CreateRefundInput, CreateRefundResult, OrderWithRefunds, Refund } from '../../../shared/contract/refunds';
import type { PaymentMethod } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { stmt } from '../../db/statements';
import type { AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { nextDocumentNumber } from '../documents';
import { check, type Flow, post, type RefundDocument } from '../flow';
import { planRefundPoints } from '../loyalty/clawback';
import type { SalesOrders } from '../sales/orders';
import type { SalesActor } from '../sales/service';
import { TillSettingsService } from '../sales/settings';
import type { SettingsService } from '../settings/service';
import { cashRefundAmount } from './cash-rounding';
import { type ChargedLine, RefundReads } from './read';
import { refundShare } from './shares';

export const METHOD_WORDS: Record<PaymentMethod, string> = {
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
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    orders: SalesOrders,
    private flow: Flow,
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
      const points = planRefundPoints(this.deps, { salesOrderId: order.id, refundNet: subtotal });
      total -= points.returnedAmount;
      if (method === 'cash') total = cashRefundAmount(total, cashStep, limit);
      check(this.flow, 'refund', { method, amount: total });
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
      for (const p of planned)
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
      const doc: RefundDocument = {
        actor,
        staffId,
        refund: this.reads.get({ id }),
        order,
        linesTotal,
        lines: planned.map((p) => ({
          salesLineId: p.line.salesLineId,
          productId: p.line.productId,
          qtyMilli: p.input.qtyMilli,
          restock: p.input.restock,
        })),
        points,
        reason: input.reason,
        out: { printJobId: null },
      };
      post(this.flow, 'refund', doc);
      return { refund: doc.refund, replayed: false, printJobId: doc.out.printJobId };
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
      stmt(
        this.deps.sqlite,
        "UPDATE refunds SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?",
      ).run(this.deps.clock.now(), actor.id, input.reason, refund.id);
      post(this.flow, 'refundCancel', { actor, refund, products, reason: input.reason });
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
