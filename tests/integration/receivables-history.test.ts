import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountHistoryRow, ReceivePaymentResult } from '../../src/shared/contract/receivables';
import { CLIENTS, type ReceivablesShop, receivablesShop } from './receivables-fixture';

const C = CLIENTS.cashier;
type History = { rows: AccountHistoryRow[]; nextCursor: string | null };

describe("the customer page's account entries (receivables.entries)", () => {
  let s: ReceivablesShop;
  beforeAll(async () => {
    s = await receivablesShop();
  });
  afterAll(() => s.app.dispose());

  const history = (customerId: string, extra: object = {}) =>
    s.ok<History>('receivables.entries', { customerId, ...extra }, C);

  /** invoices of 4,500 and 9,000, a 10,000 cash payment, a 500 credit note, each a minute apart */
  const account = async () => {
    const id = await s.customer();
    for (const n of [1, 2]) {
      await s.ok('sales.complete', s.sale(id, n), C);
      await s.advance(60_000);
    }
    const paid = await s.ok<ReceivePaymentResult>(
      'receivables.receivePayment',
      { customerId: id, amount: 10_000, method: 'cash', idempotencyKey: s.nextKey('pay') },
      C,
    );
    await s.advance(60_000);
    await s.ok('receivables.creditNote', { customerId: id, amount: 500, reason: 'bruised bag' });
    return { id, paymentId: paid.payment.paymentId };
  };

  it('lists entries newest first with the balance after each, and who made them', async () => {
    const { id, paymentId } = await account();
    const h = await history(id);
    expect(h.rows.map((r) => [r.kind, r.amount, r.balance])).toEqual([
      ['credit_note', -500, 3_000],
      ['payment', -10_000, 3_500],
      ['invoice', 9_000, 13_500],
      ['invoice', 4_500, 4_500],
    ]);
    expect(h.rows[0]).toMatchObject({ reason: 'bruised bag', staffName: 'Moses Okello', reversiblePaymentId: null });
    expect(h.rows[1]).toMatchObject({ reversiblePaymentId: paymentId, reversed: false });
    expect(h.rows[1]?.documentNo).toMatch(/^P-\d{6}$/);
    expect(h.rows[2]?.documentNo).toMatch(/^S-\d+/);
    expect(h.nextCursor).toBeNull();
    expect(h.rows[0]?.balance).toBe(s.balance(id));
  });

  it('pages on with the running balance carried over from the newer page', async () => {
    const { id } = await account();
    const first = await history(id, { limit: 3 });
    expect(first.rows).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await history(id, { limit: 3, cursor: first.nextCursor });
    expect(second.rows.map((r) => [r.kind, r.amount, r.balance])).toEqual([['invoice', 4_500, 4_500]]);
    expect(second.nextCursor).toBeNull();
  });

  it('marks a reversed payment and offers no second reversal; the reversal is listed with the debt back', async () => {
    const { id, paymentId } = await account();
    await s.ok('receivables.reversePayment', { paymentId, reason: 'cheque bounced' });
    const h = await history(id);
    expect(h.rows[0]).toMatchObject({ kind: 'payment_reversal', amount: 10_000, balance: 13_000 });
    const payment = h.rows.find((r) => r.kind === 'payment');
    expect(payment).toMatchObject({ reversed: true, reversiblePaymentId: null });
    expect(h.rows[0]?.balance).toBe(s.balance(id));
  });

  it('refuses a made-up page and an unknown customer in words', async () => {
    const { id } = await account();
    expect((await s.fails('receivables.entries', { customerId: id, cursor: 'yesterday' }, C)).code).toBe('VALIDATION');
    const unknown = await s.fails('receivables.entries', { customerId: '01900000-0000-7000-8000-000000000000' }, C);
    expect(unknown.code).toBe('NOT_FOUND');
  });
});
