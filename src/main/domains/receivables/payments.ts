import { createHash } from 'node:crypto';
import type {
  AccountEntryResult,
  AccountPayment,
  ReceiptMethod,
  ReceivePaymentInput,
  ReceivePaymentResult,
} from '../../../shared/contract/receivables';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { nextDocumentNumber } from '../documents';
import { check, type DebtPaymentDocument, type Flow, post } from '../flow';
import { postAccountEntry } from '../ledgers/account';
import type { SettingsService } from '../settings/service';
import { settleAccount, undoCredit } from './allocations';
import { accountCustomer, allocationsOut, dayStartIn } from './entries';

export const RECEIPT_METHOD_WORDS: Record<ReceiptMethod, string> = {
  cash: 'cash',
  card: 'card',
  mobile_money: 'mobile money',
  bank_transfer: 'bank transfer',
};

/** How far back a payment's own date may go when it is recorded late (a transfer seen on the statement). */
const MAX_BACKDATE_DAYS = 92;

interface PaymentRow {
  paymentId: string;
  customerId: string;
  method: ReceiptMethod;
  amount: number;
  change: number | null;
  reference: string | null;
  at: number;
  requestHash: string | null;
  entryId: string;
  number: string;
  entryAmount: number;
  reversed: number;
}

/**
 * Debt payments taken at the counter without a sale, and their reversal by a manager. A payment is a payments row
 * (the money in the drawer), a 'payment' ledger entry (the debt going down) and allocations to the debits it pays;
 * each one queues a payment receipt in its own transaction.
 */
export class AccountPayments {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    private flow: Flow,
  ) {}

  receive(actor: Actor, input: ReceivePaymentInput): ReceivePaymentResult {
    if (!actor.id) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
    const staffId = actor.id;
    const hash = requestHash(input);
    const replay = this.replay(input.idempotencyKey, hash);
    if (replay) return replay;
    if (input.method === 'mobile_money' && !input.reference)
      throw new AppError('VALIDATION', 'Mobile money needs the transaction reference from the customer’s message.');
    if (input.tendered !== undefined && input.method !== 'cash')
      throw new AppError('VALIDATION', 'Only cash is handed over with change: give the amount paid instead.');
    if (input.tendered !== undefined && input.tendered < input.amount)
      throw new AppError('VALIDATION', 'The cash handed over is less than the payment. Check the amount.');
    const store = this.settings.store();
    const now = this.deps.clock.now();
    const paidAt = input.paidOn ? dayStartIn(input.paidOn, store.timeZone) : now;
    if (paidAt > now) throw new AppError('VALIDATION', 'A payment cannot be dated in the future.');
    if (now - paidAt > MAX_BACKDATE_DAYS * 86_400_000)
      throw new AppError('VALIDATION', `A payment can be dated at most ${MAX_BACKDATE_DAYS} days back.`);

    return this.deps.sqlite.transaction((): ReceivePaymentResult => {
      const again = this.replay(input.idempotencyKey, hash);
      if (again) return again;
      const customer = accountCustomer(this.deps.sqlite, input.customerId);
      const picks = input.debitEntryIds ?? [];
      if (picks.length) {
        const found = stmt(
          this.deps.sqlite,
          'SELECT count(*) AS n FROM account_entries WHERE customer_id = ? AND amount > 0 AND id IN (SELECT value FROM json_each(?))',
        ).get(customer.id, JSON.stringify(picks)) as { n: number };
        if (found.n !== new Set(picks).size)
          throw new AppError('VALIDATION', `Some of the chosen items are not debts of ${customer.name}. Choose again.`);
      }
      check(this.flow, 'debtPayment', { method: input.method, amount: input.amount });
      const tillId = this.deps.tillId();
      const paymentId = this.deps.newId();
      const number = nextDocumentNumber(this.deps, 'payment');
      const change = input.tendered !== undefined ? input.tendered - input.amount : null;
      stmt(
        this.deps.sqlite,
        `INSERT INTO payments (id, sales_order_id, customer_id, method, amount, tendered, change, reference, note,
           reverses_id, staff_id, at, till_id, idempotency_key, request_hash)
         VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      ).run(
        paymentId,
        customer.id,
        input.method,
        input.amount,
        input.tendered ?? null,
        change,
        input.reference ?? null,
        input.note ?? null,
        staffId,
        paidAt,
        tillId,
        input.idempotencyKey,
        hash,
      );
      const entryId = postAccountEntry(this.deps, {
        customerId: customer.id,
        kind: 'payment',
        amount: -input.amount,
        currency: store.currency,
        documentNo: number,
        paymentId,
        reason: input.note ?? null,
        staffId,
      });
      const allocations = settleAccount(this.deps, customer.id, staffId, {
        prefer: { creditEntryId: entryId, debitEntryIds: picks },
      });
      const doc: DebtPaymentDocument = {
        actor,
        number,
        at: paidAt,
        customer,
        method: input.method,
        amount: input.amount,
        tendered: input.tendered ?? null,
        change,
        reference: input.reference ?? null,
        entryId,
        allocations,
        payment: this.get(paymentId),
        out: { printJobId: null },
      };
      post(this.flow, 'debtPayment', doc);
      return { payment: doc.payment, replayed: false, printJobId: doc.out.printJobId };
    })();
  }

  /** A manager takes a payment back: a payment_reversal entry, a negative payments row, its allocations undone. */
  reverse(actor: Actor, input: { paymentId: string; reason: string }): AccountEntryResult {
    return this.deps.sqlite.transaction((): AccountEntryResult => {
      const p = this.row(input.paymentId);
      if (p.reversed) throw new AppError('CONFLICT', `Payment ${p.number} was already reversed.`);
      const store = this.settings.store();
      const now = this.deps.clock.now();
      const reversalPaymentId = this.deps.newId();
      stmt(
        this.deps.sqlite,
        `INSERT INTO payments (id, sales_order_id, customer_id, method, amount, tendered, change, reference, note,
           reverses_id, staff_id, at, till_id) VALUES (?, NULL, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)`,
      ).run(
        reversalPaymentId,
        p.customerId,
        p.method,
        -p.amount,
        p.reference,
        `reversed: ${input.reason}`,
        p.paymentId,
        actor.id,
        now,
        this.deps.tillId(),
      );
      const entryId = postAccountEntry(this.deps, {
        customerId: p.customerId,
        kind: 'payment_reversal',
        amount: -p.entryAmount,
        currency: store.currency,
        documentNo: p.number,
        paymentId: reversalPaymentId,
        reversesId: p.entryId,
        reason: input.reason,
        staffId: actor.id,
      });
      const undone = undoCredit(this.deps, p.customerId, p.entryId, entryId, actor.id);
      const settled = settleAccount(this.deps, p.customerId, actor.id);
      const balance = accountCustomer(this.deps.sqlite, p.customerId).balance;
      this.audit.record(actor, {
        action: 'payment.reverse',
        entity: 'customer',
        entityId: p.customerId,
        after: { number: p.number, amount: p.amount, balance },
        note: `${p.number} reversed: ${input.reason}`,
      });
      return {
        entryId,
        customerId: p.customerId,
        kind: 'payment_reversal',
        amount: -p.entryAmount,
        balance,
        allocations: allocationsOut(this.deps.sqlite, [...undone, ...settled]),
      };
    })();
  }

  private row(paymentId: string): PaymentRow {
    const p = stmt(
      this.deps.sqlite,
      `SELECT p.id AS paymentId, p.customer_id AS customerId, p.method, p.amount, p.change, p.reference, p.at,
         p.request_hash AS requestHash, e.id AS entryId, e.document_no AS number, e.amount AS entryAmount,
         EXISTS (SELECT 1 FROM account_entries r WHERE r.reverses_id = e.id AND r.kind = 'payment_reversal') AS reversed
       FROM payments p JOIN account_entries e ON e.payment_id = p.id AND e.kind = 'payment'
       WHERE p.id = ? AND p.sales_order_id IS NULL`,
    ).get(paymentId) as PaymentRow | undefined;
    if (!p) throw new AppError('NOT_FOUND', 'That payment was not found.', { paymentId });
    return p;
  }

  /** A debt payment as the till and the receipt show it. */
  get(paymentId: string): AccountPayment {
    const p = this.row(paymentId);
    const c = accountCustomer(this.deps.sqlite, p.customerId);
    const allocations = stmt(
      this.deps.sqlite,
      `SELECT a.debit_entry_id AS debitEntryId, d.document_no AS documentNo, sum(a.amount) AS amount
       FROM account_allocations a JOIN account_entries d ON d.id = a.debit_entry_id
       WHERE a.credit_entry_id = ? GROUP BY a.debit_entry_id HAVING sum(a.amount) <> 0 ORDER BY min(a.rowid)`,
    ).all(p.entryId) as AccountPayment['allocations'];
    const before = stmt(
      this.deps.sqlite,
      'SELECT coalesce(sum(amount), 0) AS n FROM account_entries WHERE customer_id = ? AND rowid < (SELECT rowid FROM account_entries WHERE id = ?)',
    ).get(p.customerId, p.entryId) as { n: number };
    return {
      paymentId: p.paymentId,
      entryId: p.entryId,
      number: p.number,
      customerId: p.customerId,
      customerName: c.name,
      currency: this.settings.store().currency,
      method: p.method,
      amount: p.amount,
      change: p.change ?? 0,
      reference: p.reference,
      at: p.at,
      balanceBefore: before.n,
      balanceAfter: before.n + p.entryAmount,
      allocations,
      reversed: p.reversed === 1,
    };
  }

  /** The payment a key already recorded, or null; the same key with another payment is refused. */
  private replay(key: string, hash: string): ReceivePaymentResult | null {
    const row = stmt(
      this.deps.sqlite,
      'SELECT id, request_hash AS h FROM payments WHERE idempotency_key = ? AND sales_order_id IS NULL',
    ).get(key) as { id: string; h: string | null } | undefined;
    if (!row) return null;
    if (row.h !== hash)
      throw new AppError(
        'CONFLICT',
        'This payment key was already used for a different payment. Open Receive payment again (it makes a new key).',
        { idempotencyKey: key },
      );
    const payment = this.get(row.id);
    const job = stmt(
      this.deps.sqlite,
      "SELECT id FROM print_jobs WHERE template = 'payment-receipt' AND json_extract(data, '$.number') = ? LIMIT 1",
    ).get(payment.number) as { id: string } | undefined;
    return { payment, replayed: true, printJobId: job?.id ?? null };
  }
}

/** Same key, same payment: everything but the key itself. */
function requestHash(input: ReceivePaymentInput): string {
  const { idempotencyKey: _k, ...rest } = input;
  const keys = Object.keys(rest).sort() as Array<keyof typeof rest>;
  return createHash('sha256')
    .update(JSON.stringify(keys.map((k) => [k, rest[k] ?? null])))
    .digest('hex');
}
