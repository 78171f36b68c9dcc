import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountEntryResult, ReceivePaymentResult } from '../../src/shared/contract/receivables';
import { ledgerMismatches } from '../helpers';
import { allocationOverruns, CLIENTS, type ReceivablesShop, receivablesShop } from './receivables-fixture';

const C = CLIENTS.cashier;

describe('debt payments and manager entries on the account', () => {
  let s: ReceivablesShop;
  beforeAll(async () => {
    s = await receivablesShop();
  });
  afterAll(() => {
    expect(ledgerMismatches(s.app.sqlite).balances).toEqual([]);
    expect(allocationOverruns(s.app.sqlite)).toEqual([]);
    s.app.dispose();
  });

  /** a customer with invoices of 1, 2 and 3 flour (4,500 / 9,000 / 13,500) a minute apart, oldest first */
  const threeInvoices = async () => {
    const id = await s.customer();
    for (const n of [1, 2, 3]) {
      await s.ok('sales.complete', s.sale(id, n), C);
      await s.advance(60_000);
    }
    return { id, invoices: s.entries(id).filter((e) => e.kind === 'invoice') };
  };
  const open = async (customerId: string) =>
    (
      await s.ok<{ debits: Array<{ entryId: string; open: number }> }>('receivables.openDebits', { customerId }, C)
    ).debits.map((d) => [d.entryId, d.open]);
  const receive = (customerId: string, amount: number, extra: object = {}) =>
    s.ok<ReceivePaymentResult>(
      'receivables.receivePayment',
      { customerId, amount, method: 'cash', idempotencyKey: s.nextKey('pay'), ...extra },
      C,
    );

  describe('receiving a payment', () => {
    it('pays the oldest invoices first and leaves the rest open', async () => {
      const { id, invoices } = await threeInvoices();
      const [a, b, c] = invoices.map((i) => i.id) as [string, string, string];
      const r = await receive(id, 10_000);
      expect(r.payment).toMatchObject({ amount: 10_000, balanceBefore: 27_000, balanceAfter: 17_000, reversed: false });
      expect(r.payment.number).toMatch(/^P-\d{6}$/);
      expect(r.payment.allocations.map((x) => [x.debitEntryId, x.amount])).toEqual([
        [a, 4_500],
        [b, 5_500],
      ]);
      expect(await open(id)).toEqual([
        [b, 3_500],
        [c, 13_500],
      ]);
      expect(s.balance(id)).toBe(17_000);
    });

    it('pays the debits the cashier picks first, in the order picked, then the oldest', async () => {
      const { id, invoices } = await threeInvoices();
      const [a, b, c] = invoices.map((i) => i.id) as [string, string, string];
      const r = await receive(id, 15_000, { debitEntryIds: [c] });
      expect(r.payment.allocations.map((x) => [x.debitEntryId, x.amount])).toEqual([
        [c, 13_500],
        [a, 1_500],
      ]);
      expect(await open(id)).toEqual([
        [a, 3_000],
        [b, 9_000],
      ]);
    });

    it('refuses picks that are not this customer’s debts, writing nothing', async () => {
      const { id } = await threeInvoices();
      const other = await threeInvoices();
      const before = s.count('payments');
      const err = await s.fails(
        'receivables.receivePayment',
        {
          customerId: id,
          amount: 1_000,
          method: 'cash',
          debitEntryIds: [other.invoices[0]?.id],
          idempotencyKey: s.nextKey('pay'),
        },
        C,
      );
      expect(err.message).toMatch(/not debts of/);
      expect(s.count('payments')).toBe(before);
    });

    it('turns an over-payment into credit (a negative balance) that the next sale uses', async () => {
      const { id } = await threeInvoices();
      await receive(id, 30_000);
      expect(s.balance(id)).toBe(-3_000);
      expect(await open(id)).toEqual([]);
      await s.ok('sales.complete', s.sale(id, 1), C);
      expect(s.balance(id)).toBe(1_500);
      const inv = s
        .entries(id)
        .filter((e) => e.kind === 'invoice')
        .at(-1);
      expect(await open(id)).toEqual([[inv?.id, 1_500]]);
    });

    it('queues a payment receipt in the same transaction, with what was owed before', async () => {
      const { id } = await threeInvoices();
      const r = await receive(id, 5_000, { tendered: 10_000 });
      expect(r.payment.change).toBe(5_000);
      const job = s.app.sqlite
        .prepare('SELECT template, status, data FROM print_jobs WHERE id = ?')
        .get(r.printJobId) as {
        template: string;
        status: string;
        data: string;
      };
      expect(job.template).toBe('payment-receipt');
      expect(job.status).toBe('queued');
      expect(JSON.parse(job.data)).toMatchObject({
        number: r.payment.number,
        balanceBefore: 27_000,
        payments: [{ method: 'cash', amount: 5_000, tendered: 10_000, change: 5_000 }],
      });
    });

    it('a retry with the same key returns the same payment and writes nothing; a different payment with it is refused', async () => {
      const { id } = await threeInvoices();
      const input = { customerId: id, amount: 2_000, method: 'card', idempotencyKey: s.nextKey('pay') };
      const first = await s.ok<ReceivePaymentResult>('receivables.receivePayment', input, C);
      const counts = [s.count('payments'), s.count('account_entries'), s.count('account_allocations')];
      const again = await s.ok<ReceivePaymentResult>('receivables.receivePayment', input, C);
      expect(again.replayed).toBe(true);
      expect(again.payment.paymentId).toBe(first.payment.paymentId);
      expect(again.printJobId).toBe(first.printJobId);
      expect([s.count('payments'), s.count('account_entries'), s.count('account_allocations')]).toEqual(counts);
      const err = await s.fails('receivables.receivePayment', { ...input, amount: 2_500 }, C);
      expect(err.code).toBe('CONFLICT');
      expect(s.balance(id)).toBe(25_000);
    });

    it('says what is wrong with a bad payment: mobile money without its reference, a date in the future', async () => {
      const { id } = await threeInvoices();
      const base = { customerId: id, amount: 1_000, idempotencyKey: s.nextKey('pay') };
      expect((await s.fails('receivables.receivePayment', { ...base, method: 'mobile_money' }, C)).message).toMatch(
        /needs the transaction reference/,
      );
      expect(
        (await s.fails('receivables.receivePayment', { ...base, method: 'cash', paidOn: '2099-01-01' }, C)).message,
      ).toMatch(/future/);
      expect(s.balance(id)).toBe(27_000);
    });
  });

  describe('reversing a payment', () => {
    it('is for managers, writes a payment_reversal entry and opens the same debits again with their own amounts', async () => {
      const { id, invoices } = await threeInvoices();
      const [a, b, c] = invoices.map((i) => i.id) as [string, string, string];
      await receive(id, 2_000);
      const before = await open(id);
      const r = await receive(id, 10_000);
      expect(
        (await s.fails('receivables.reversePayment', { paymentId: r.payment.paymentId, reason: 'bounced' }, C)).code,
      ).toBe('FORBIDDEN');
      const rev = await s.ok<AccountEntryResult>('receivables.reversePayment', {
        paymentId: r.payment.paymentId,
        reason: 'cheque bounced',
      });
      expect(rev).toMatchObject({ kind: 'payment_reversal', amount: 10_000, balance: 25_000 });
      expect(await open(id)).toEqual(before);
      expect(before).toEqual([
        [a, 2_500],
        [b, 9_000],
        [c, 13_500],
      ]);
      const e = s.entries(id).find((x) => x.kind === 'payment_reversal');
      expect(e?.reversesId).toBe(r.payment.entryId);
      const audit = s.app.sqlite
        .prepare("SELECT note FROM audit_log WHERE action = 'payment.reverse' AND entity_id = ?")
        .get(id) as { note: string };
      expect(audit.note).toBe(`${r.payment.number} reversed: cheque bounced`);
      const again = await s.fails('receivables.reversePayment', { paymentId: r.payment.paymentId, reason: 'twice' });
      expect(again.code).toBe('CONFLICT');
    });

    it('an over-payment reversed takes the customer’s credit back too', async () => {
      const { id } = await threeInvoices();
      const r = await receive(id, 30_000);
      await s.ok('receivables.reversePayment', { paymentId: r.payment.paymentId, reason: 'wrong customer' });
      expect(s.balance(id)).toBe(27_000);
      expect((await open(id)).map(([, n]) => n)).toEqual([4_500, 9_000, 13_500]);
    });
  });

  describe("a manager's entries", () => {
    it('a credit note and a write-off pay the oldest debits; a write-off is never more than is owed', async () => {
      const { id, invoices } = await threeInvoices();
      const [a, b, c] = invoices.map((i) => i.id) as [string, string, string];
      expect((await s.fails('receivables.creditNote', { customerId: id, amount: 1_000, reason: 'x' }, C)).code).toBe(
        'FORBIDDEN',
      );
      const note = await s.ok<AccountEntryResult>('receivables.creditNote', {
        customerId: id,
        amount: 6_000,
        reason: 'short delivery',
      });
      expect(note.allocations.map((x) => [x.debitEntryId, x.amount])).toEqual([
        [a, 4_500],
        [b, 1_500],
      ]);
      const tooMuch = await s.fails('receivables.writeOff', { customerId: id, amount: 30_000, reason: 'gone' });
      expect(tooMuch.message).toMatch(/owes UGX 21,000; a write-off of UGX 30,000 is more than that/);
      const off = await s.ok<AccountEntryResult>('receivables.writeOff', { customerId: id, reason: 'moved away' });
      expect(off).toMatchObject({ kind: 'write_off', amount: -21_000, balance: 0 });
      expect(off.allocations.map((x) => [x.debitEntryId, x.amount])).toEqual([
        [b, 7_500],
        [c, 13_500],
      ]);
      const audit = s.app.sqlite
        .prepare("SELECT note FROM audit_log WHERE action = 'account.write_off' AND entity_id = ?")
        .get(id) as { note: string };
      expect(audit.note).toBe('Write-off of UGX 21,000 (balance UGX 21,000 → UGX 0): moved away');
    });

    it('an adjustment up is a new debit; an adjustment down pays the oldest', async () => {
      const id = await s.customer();
      const up = await s.ok<AccountEntryResult>('receivables.adjust', {
        customerId: id,
        amount: 8_000,
        reason: 'crate deposit',
      });
      expect(up).toMatchObject({ kind: 'adjustment', balance: 8_000, allocations: [] });
      const down = await s.ok<AccountEntryResult>('receivables.adjust', {
        customerId: id,
        amount: -3_000,
        reason: 'crate returned',
      });
      expect(down.allocations).toEqual([expect.objectContaining({ debitEntryId: up.entryId, amount: 3_000 })]);
      expect(await open(id)).toEqual([[up.entryId, 5_000]]);
    });

    it('a typed-in opening balance is due on the day given, else at once; a negative one is credit', async () => {
      const id = await s.customer();
      const r = await s.ok<AccountEntryResult>('receivables.openingBalance', {
        customerId: id,
        amount: 50_000,
        dueOn: '2025-12-31',
        reason: 'from the old book',
      });
      const e = s.entries(id).find((x) => x.id === r.entryId);
      // Africa/Kampala is UTC+3: the shop's midnight
      expect(e).toMatchObject({ kind: 'opening', amount: 50_000, dueAt: Date.UTC(2025, 11, 30, 21) });
      const sum = await s.ok<{ overdue: number }>('receivables.tillSummary', { customerId: id }, C);
      expect(sum.overdue).toBe(50_000);
      const credit = await s.customer();
      await s.ok('receivables.openingBalance', { customerId: credit, amount: -2_000 });
      expect(s.balance(credit)).toBe(-2_000);
    });
  });
});
