import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../src/shared/contract/catalog';
import type { CreateRefundResult } from '../../src/shared/contract/refunds';
import type { CompleteResult, SalesOrder } from '../../src/shared/contract/sales';
import type { CashMovement, Shift, ShiftReport } from '../../src/shared/contract/shifts';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;

describe('cash drawer shifts', () => {
  let app: TestApp;
  const C = 'cashier-client';
  const M = 'manager-client';
  const O = 'owner-client';
  let managerId: string;
  let sugar: Product;
  let customerId: string;
  let key = 0;
  const ok = async <T>(name: string, input: unknown = null, client = C): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const fails = async (name: string, input: unknown = null, client = C) => {
    const res = await app.call(name, input, client);
    if (res.ok) throw new Error(`${name} should have failed`);
    return res.error;
  };
  /** four sugar (UGX 5,000 each in the demo shop: 20,000) paid as given */
  const sell = async (payments: unknown[], qty = 4, customer: string | null = null) => {
    app.clock.advance(60_000);
    return (
      await ok<CompleteResult>('sales.complete', {
        cart: { customerId: customer, lines: [{ productId: sugar.id, qtyMilli: qty * 1000 }] },
        payments,
        idempotencyKey: `shift-test-${++key}`,
      })
    ).order;
  };

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, C);
    managerId = await signInAs(app.call, DEMO.manager, DEMO.managerPin, M);
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, O);
    sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
    customerId = (
      await ok<{ customer: { id: string } }>(
        'customers.create',
        { type: 'individual', firstName: 'Grace', lastName: 'Atim', creditLimit: 1_000_000 },
        M,
      )
    ).customer.id;
  });
  afterEach(() => app.dispose());

  it('opens a shift with a float counted note by note, numbers it Z-000001 and audits it', async () => {
    const shift = await ok<Shift>('shifts.open', {
      float: {
        counts: [
          { value: 10_000, kind: 'note', qty: 5 },
          { value: 500, kind: 'coin', qty: 10 },
        ],
      },
    });
    expect(shift).toMatchObject({ number: 'Z-000001', status: 'open', openingFloat: 55_000, openedBy: DEMO.cashier });
    expect(shift.expectedCash).toBe(55_000);
    expect((await fails('shifts.open', { float: { amount: 1 } })).message).toMatch(/Z-000001 is still open/);
    const audit = app.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'shift.open'").get() as {
      n: number;
    };
    expect(audit.n).toBe(1);
    expect((await fails('shifts.open', { float: { counts: [{ value: 7, kind: 'coin', qty: 1 }] } })).code).toBe(
      'VALIDATION',
    );
  });

  it('works out expected cash from the float, cash sales net of change, cash refunds, debt payments and pay-ins/outs', async () => {
    await ok<Shift>('shifts.open', { float: { amount: 50_000 } });
    const cash1 = await sell([{ method: 'cash', amount: 50_000 }]); // 20,000 due: 30,000 change
    await sell([{ method: 'cash', amount: 20_000 }]);
    await sell([{ method: 'card', amount: 20_000 }]);
    await sell([{ method: 'on_account', amount: 20_000 }], 4, customerId);
    app.clock.advance(1000);
    await ok<CreateRefundResult>(
      'refunds.create',
      {
        salesOrderId: cash1.id,
        lines: [{ salesLineId: cash1.lines[0]?.id, qtyMilli: 1000, restock: true }],
        method: 'cash',
        reason: 'damaged',
        idempotencyKey: 'refund-1',
      },
      M,
    );
    app.clock.advance(1000);
    await ok('receivables.receivePayment', {
      customerId,
      method: 'cash',
      amount: 5_000,
      idempotencyKey: 'debt-payment-1',
    });
    await ok<CashMovement>('shifts.move', { kind: 'pay_out', amount: 3_000, reason: 'bought milk for the shop' });
    await ok<CashMovement>('shifts.move', { kind: 'pay_in', amount: 1_000, reason: 'owner topped up coins' });
    await ok<CashMovement>('shifts.noSale', { reason: 'change for the bank' });
    const x = await ok<ShiftReport>('shifts.report', {});
    expect(x.kind).toBe('X');
    expect(x.cash).toEqual({
      float: 50_000,
      sales: 40_000,
      voids: 0,
      refunds: 5_000,
      debtPayments: 5_000,
      payIns: 1_000,
      payOuts: 3_000,
      expected: 50_000 + 40_000 - 5_000 + 5_000 + 1_000 - 3_000,
      counted: null,
      difference: null,
    });
    expect(x.sales).toEqual({ count: 4, total: 80_000 });
    expect(x.payments).toEqual([
      { method: 'cash', count: 2, amount: 40_000 },
      { method: 'card', count: 1, amount: 20_000 },
      { method: 'on_account', count: 1, amount: 20_000 },
    ]);
    expect(x.refunds).toMatchObject({ count: 1, total: 5_000 });
    expect(x.debtCollected).toMatchObject({ count: 1, total: 5_000 });
    expect(x.noSales).toBe(1);
    expect(x.changeGiven).toBe(30_000);
    expect(x.taxes.reduce((a, t) => a + t.net + t.tax, 0)).toBe(80_000 - 5_000);
    const slips = app.sqlite.prepare("SELECT count(*) AS n FROM print_jobs WHERE template = 'cash-slip'").get() as {
      n: number;
    };
    expect(slips.n).toBe(3);
  });

  it('closes short with a required note, freezes the Z report, and later sales do not change it', async () => {
    await ok<Shift>('shifts.open', { float: { amount: 50_000 } });
    await sell([{ method: 'cash', amount: 20_000 }]);
    const short = await fails('shifts.close', { counted: { amount: 65_000 } });
    expect(short.code).toBe('VALIDATION');
    expect(short.message).toMatch(/5,000 short\. Write a note/);
    const closed = await ok<Shift>('shifts.close', {
      counted: {
        counts: [
          { value: 20_000, kind: 'note', qty: 3 },
          { value: 5_000, kind: 'note', qty: 1 },
        ],
      },
      note: 'gave wrong change once',
    });
    expect(closed).toMatchObject({ status: 'closed', expectedCash: 70_000, countedCash: 65_000, difference: -5_000 });
    expect(closed.report?.kind).toBe('Z');
    const z = await ok<ShiftReport>('shifts.report', { id: closed.id }, M);
    app.clock.advance(60_000);
    await ok('shifts.open', { float: { amount: 10_000 } });
    await sell([{ method: 'cash', amount: 20_000 }]);
    expect(await ok<ShiftReport>('shifts.report', { id: closed.id }, M)).toEqual(z);
    expect(z.cash).toMatchObject({ expected: 70_000, counted: 65_000, difference: -5_000 });
  });

  it('refuses to change or delete a closed shift or its cash movements in the database itself', async () => {
    const open = await ok<Shift>('shifts.open', { float: { amount: 1_000 } });
    await ok('shifts.move', { kind: 'pay_in', amount: 500, reason: 'coins' });
    await ok<Shift>('shifts.close', { counted: { amount: 1_500 } });
    expect(() => app.sqlite.prepare('UPDATE shifts SET counted_cash = 1 WHERE id = ?').run(open.id)).toThrow(
      /closed shift cannot change/,
    );
    expect(() => app.sqlite.prepare("UPDATE shifts SET report = '{}' WHERE id = ?").run(open.id)).toThrow();
    expect(() => app.sqlite.prepare('DELETE FROM shifts WHERE id = ?').run(open.id)).toThrow(/cannot be deleted/);
    expect(() => app.sqlite.prepare('UPDATE cash_movements SET amount = 1').run()).toThrow(/append-only/);
    expect(() =>
      app.sqlite
        .prepare(
          "INSERT INTO cash_movements (id, shift_id, kind, amount, staff_id, at, till_id) VALUES ('x', ?, 'pay_in', 1, 's', 1, 't')",
        )
        .run(open.id),
    ).toThrow(/open shift/);
    // the manager's review is the one thing added, once
    const reviewed = await ok<Shift>('shifts.review', { id: open.id, note: 'checked' }, M);
    expect(reviewed.reviewNote).toBe('checked');
    expect((await fails('shifts.review', { id: open.id }, M)).message).toMatch(/already reviewed/);
    expect((await fails('shifts.review', { id: open.id }, C)).code).toBe('FORBIDDEN');
  });

  it('needs a manager PIN for a pay-out above the limit, and refuses more than the drawer holds', async () => {
    await ok<Shift>('shifts.open', { float: { amount: 200_000 } });
    const refused = await fails('shifts.move', { kind: 'pay_out', amount: 60_000, reason: 'owner took cash' });
    expect(refused).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.message).toMatch(/manager's PIN is needed: a pay-out over UGX 50,000/);
    const wrong = await fails('shifts.move', {
      kind: 'pay_out',
      amount: 60_000,
      reason: 'owner took cash',
      approval: { staffId: managerId, pin: '0000' },
    });
    expect(wrong.code).not.toBe('VALIDATION');
    const approved = await ok<CashMovement>('shifts.move', {
      kind: 'pay_out',
      amount: 60_000,
      reason: 'owner took cash',
      approval: { staffId: managerId, pin: DEMO.managerPin },
    });
    expect(approved.approvedByName).toBe(DEMO.manager);
    const tooMuch = await fails('shifts.move', { kind: 'pay_out', amount: 150_000, reason: 'x'.repeat(3) }, M);
    expect(tooMuch.message).toMatch(/drawer should hold only UGX 140,000/);
  });

  it('hides the expected cash of a blind shift from the cashier until the drawer is counted', async () => {
    await ok('shifts.updateSettings', { blindClose: true }, O);
    await ok<Shift>('shifts.open', { float: { amount: 10_000 } });
    const mine = await ok<Shift>('shifts.current');
    expect(mine.blind).toBe(true);
    expect(mine.expectedCash).toBeNull();
    expect((await ok<Shift>('shifts.current', null, M)).expectedCash).toBe(10_000);
    const closed = await ok<Shift>('shifts.close', { counted: { amount: 10_000 } });
    expect(closed).toMatchObject({ expectedCash: 10_000, difference: 0 });
  });

  it('refuses a cash sale without an open shift when the shop requires one, and still takes card', async () => {
    // the default: sales go on as before shifts existed
    await sell([{ method: 'cash', amount: 20_000 }]);
    await ok('shifts.updateSettings', { requireOpenShift: true }, O);
    const refused = await fails('sales.complete', {
      cart: { customerId: null, lines: [{ productId: sugar.id, qtyMilli: 1000 }] },
      payments: [{ method: 'cash', amount: 10_000 }],
      idempotencyKey: 'no-shift',
    });
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { reason: 'noOpenShift' } });
    expect(refused.message).toMatch(/No shift is open on this till/);
    const card: SalesOrder = await sell([{ method: 'card', amount: 20_000 }]);
    expect(card.status).toBe('completed');
    await ok('shifts.open', { float: { amount: 0 } });
    await sell([{ method: 'cash', amount: 20_000 }]);
  });

  it('refuses a cash refund and a cash debt payment without an open shift when the shop requires one', async () => {
    const cash = await sell([{ method: 'cash', amount: 20_000 }]);
    const card = await sell([{ method: 'card', amount: 20_000 }]);
    await sell([{ method: 'on_account', amount: 20_000 }], 4, customerId);
    await ok('shifts.updateSettings', { requireOpenShift: true }, O);
    const refund = (order: SalesOrder, method: string, k: string) =>
      app.call(
        'refunds.create',
        {
          salesOrderId: order.id,
          lines: [{ salesLineId: order.lines[0]?.id, qtyMilli: 1000, restock: true }],
          method,
          reason: 'damaged',
          idempotencyKey: k,
        },
        M,
      );
    const refused = await refund(cash, 'cash', 'guard-refund-1');
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'noOpenShift' } } });
    expect(!refused.ok && refused.error.message).toMatch(/cannot pay cash back/);
    const pay = (method: string, k: string) =>
      app.call('receivables.receivePayment', { customerId, method, amount: 5_000, idempotencyKey: k }, C);
    const noCash = await pay('cash', 'guard-pay-1');
    expect(noCash).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'noOpenShift' } } });
    // nothing was written: no refund, no payment, no document number used up
    const count = (sql: string) => (app.sqlite.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM refunds')).toBe(0);
    expect(count('SELECT count(*) AS n FROM payments WHERE sales_order_id IS NULL')).toBe(0);
    // money that does not touch the drawer goes on
    const byCard = await refund(card, 'original', 'guard-refund-2');
    if (!byCard.ok) throw new Error(byCard.error.message);
    expect(await pay('card', 'guard-pay-2')).toMatchObject({ ok: true });
    // and with a shift open, cash too
    await ok('shifts.open', { float: { amount: 20_000 } });
    expect(await refund(cash, 'cash', 'guard-refund-3')).toMatchObject({ ok: true });
    expect(await pay('cash', 'guard-pay-3')).toMatchObject({ ok: true });
    const x = await ok<ShiftReport>('shifts.report', {});
    expect(x.cash).toMatchObject({ float: 20_000, debtPayments: 5_000, expected: 20_000 });
    expect(Math.abs(x.cash.refunds)).toBe(5_000);
  });

  it('counts a void of an earlier sale as cash handed back in the shift it happens in', async () => {
    await ok('shifts.open', { float: { amount: 0 } });
    const sale = await sell([{ method: 'cash', amount: 20_000 }]);
    await ok('shifts.close', { counted: { amount: 20_000 } });
    app.clock.advance(1000);
    await ok('shifts.open', { float: { amount: 20_000 } });
    await ok('sales.void', { id: sale.id, reason: 'rang up twice' }, M);
    const x = await ok<ShiftReport>('shifts.report', {});
    expect(x.voids).toEqual({ count: 1, total: 20_000 });
    expect(x.cash).toMatchObject({ sales: 0, voids: -20_000, expected: 0 });
  });

  it('prints the report through the print queue and saves it as a PDF', async () => {
    await ok('shifts.open', { float: { amount: 5_000 } });
    await sell([{ method: 'cash', amount: 20_000 }]);
    const { printJobId } = await ok<{ printJobId: string }>('shifts.print', {});
    const job = app.sqlite.prepare('SELECT template, status FROM print_jobs WHERE id = ?').get(printJobId);
    expect(job).toEqual({ template: 'shift-report', status: 'queued' });
    const closed = await ok<Shift>('shifts.close', { counted: { amount: 25_000 } });
    const pdf = await ok<{ fileName: string; base64: string }>('shifts.pdf', { id: closed.id });
    expect(pdf.fileName).toBe('Z-report-Z-000001.pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
