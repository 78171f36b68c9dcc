import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompleteResult, SalesOrder } from '../../src/shared/contract/sales';
import type { Shift, ShiftReport } from '../../src/shared/contract/shifts';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

/**
 * Random days at the till: shifts opened and closed, cash, card and split sales, cash refunds, voids, cash debt
 * payments and pay-ins/outs. Every movement happens inside a shift (the shop requires one for cash).
 */
describe('property: the shifts account for every cash movement in the ledgers, and a Z report never changes', () => {
  let app: TestApp;
  let products: string[];
  let customer: string;
  let n = 0;
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await app.call(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };

  beforeAll(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    await ok('shifts.updateSettings', { requireOpenShift: true, noteThreshold: 1_000_000_000 });
    products = (
      app.sqlite.prepare("SELECT id FROM products WHERE unit = 'piece' ORDER BY sku LIMIT 10").all() as Array<{
        id: string;
      }>
    ).map((p) => p.id);
    customer = (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: 'Ann',
        lastName: 'Shift',
        creditLimit: 100_000_000,
      })
    ).customer.id;
  });
  afterAll(() => app.dispose());

  const step = fc.oneof(
    fc.record({
      kind: fc.constant('sale' as const),
      product: fc.nat(9),
      qty: fc.integer({ min: 1, max: 5 }),
      pay: fc.constantFrom('cash', 'cash', 'card', 'split', 'account'),
      extra: fc.integer({ min: 0, max: 30_000 }),
    }),
    fc.record({ kind: fc.constant('refund' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('debt' as const), amount: fc.integer({ min: 100, max: 20_000 }) }),
    fc.record({
      kind: fc.constant('move' as const),
      out: fc.boolean(),
      amount: fc.integer({ min: 100, max: 40_000 }),
    }),
    fc.record({
      kind: fc.constant('shift' as const),
      float: fc.integer({ min: 0, max: 100_000 }),
      off: fc.integer({ min: -5_000, max: 5_000 }),
    }),
  );

  it('Σ over shifts of (expected − float) = Σ cash payments − cash refunds + pay-ins − pay-outs; Z reports read back the same', async () => {
    const zs = new Map<string, ShiftReport>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        const sold: SalesOrder[] = [];
        if (!(await ok<Shift | null>('shifts.current', null))) await ok('shifts.open', { float: { amount: 20_000 } });
        for (const s of steps) {
          app.clock.advance(30_000);
          const key = `property-${++n}`;
          if (s.kind === 'sale') {
            const cart = {
              customerId: s.pay === 'account' ? customer : null,
              lines: [{ productId: products[s.product], qtyMilli: s.qty * 1000 }],
            };
            const quote = await ok<{ total: number; cashTotal: number }>('sales.quote', { cart });
            const payments =
              s.pay === 'cash'
                ? [{ method: 'cash', amount: quote.cashTotal + s.extra }]
                : s.pay === 'card'
                  ? [{ method: 'card', amount: quote.total }]
                  : s.pay === 'account'
                    ? [{ method: 'on_account', amount: quote.total }]
                    : [
                        { method: 'card', amount: Math.floor(quote.cashTotal / 2) },
                        { method: 'cash', amount: quote.cashTotal - Math.floor(quote.cashTotal / 2) + s.extra },
                      ];
            const res = await app.call('sales.complete', { cart, payments, idempotencyKey: key });
            if (res.ok) sold.push((res.data as CompleteResult).order);
            else if (res.error.code !== 'VALIDATION') throw new Error(res.error.message);
          } else if (s.kind === 'refund' && sold.length) {
            const o = sold[s.pick % sold.length] as SalesOrder;
            const line = o.lines[0];
            await app.call('refunds.create', {
              salesOrderId: o.id,
              lines: [{ salesLineId: line?.id, qtyMilli: 1000, restock: true }],
              method: 'cash',
              reason: 'property test',
              idempotencyKey: key,
            });
          } else if (s.kind === 'void' && sold.length) {
            const o = sold[s.pick % sold.length] as SalesOrder;
            await app.call('sales.void', { id: o.id, reason: 'property test' });
          } else if (s.kind === 'debt') {
            await app.call('receivables.receivePayment', {
              customerId: customer,
              method: 'cash',
              amount: s.amount,
              idempotencyKey: `debt-${key}`,
            });
          } else if (s.kind === 'move') {
            // refused when it would take more than the drawer holds: that is part of what is checked
            await app.call('shifts.move', { kind: s.out ? 'pay_out' : 'pay_in', amount: s.amount, reason: 'property' });
          } else if (s.kind === 'shift') {
            const open = (await ok<Shift | null>('shifts.current', null)) as Shift;
            const closed = await ok<Shift>('shifts.close', {
              counted: { amount: Math.max(0, (open.expectedCash ?? 0) + s.off) },
              note: 'counted',
            });
            zs.set(closed.id, closed.report as ShiftReport);
            await ok('shifts.open', { float: { amount: s.float } });
          }
        }
        // close whatever is open so every movement sits in a Z report
        const open = (await ok<Shift | null>('shifts.current', null)) as Shift;
        const closed = await ok<Shift>('shifts.close', { counted: { amount: open.expectedCash ?? 0 } });
        zs.set(closed.id, closed.report as ShiftReport);

        const q = (sql: string) => (app.sqlite.prepare(sql).get() as { v: number }).v;
        const ledger =
          q("SELECT coalesce(sum(amount), 0) AS v FROM payments WHERE method = 'cash'") -
          q("SELECT coalesce(sum(total), 0) AS v FROM refunds WHERE method = 'cash'") +
          q("SELECT coalesce(sum(total), 0) AS v FROM refunds WHERE method = 'cash' AND status = 'cancelled'") +
          q("SELECT coalesce(sum(amount), 0) AS v FROM cash_movements WHERE kind = 'pay_in'") -
          q("SELECT coalesce(sum(amount), 0) AS v FROM cash_movements WHERE kind = 'pay_out'");
        let fromShifts = 0;
        for (const [id, z] of zs) {
          fromShifts += z.cash.expected - z.cash.float;
          // read back later: the same figures, from the stored report
          expect(await ok<ShiftReport>('shifts.report', { id })).toEqual(z);
          expect(z.cash.expected).toBe(
            z.cash.float +
              z.cash.sales +
              z.cash.voids -
              z.cash.refunds +
              z.cash.debtPayments +
              z.cash.payIns -
              z.cash.payOuts,
          );
          expect(z.cash.expected).toBeGreaterThanOrEqual(0);
        }
        expect(fromShifts).toBe(ledger);
        // and the ledger sums are the per-category sums of the reports
        const sum = (f: (z: ShiftReport) => number) => [...zs.values()].reduce((a, z) => a + f(z), 0);
        expect(sum((z) => z.cash.debtPayments)).toBe(
          q("SELECT coalesce(sum(amount), 0) AS v FROM payments WHERE method = 'cash' AND sales_order_id IS NULL"),
        );
        expect(sum((z) => z.cash.payOuts)).toBe(
          q("SELECT coalesce(sum(amount), 0) AS v FROM cash_movements WHERE kind = 'pay_out'"),
        );
        await ok('shifts.open', { float: { amount: 20_000 } });
      }),
      { numRuns: 15, seed: 20 },
    );
    // the draws did reach every kind of movement
    const count = (sql: string) => (app.sqlite.prepare(sql).get() as { n: number }).n;
    expect(
      count("SELECT count(*) AS n FROM payments WHERE method = 'cash' AND sales_order_id IS NOT NULL"),
    ).toBeGreaterThan(10);
    expect(count("SELECT count(*) AS n FROM refunds WHERE method = 'cash'")).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM payments WHERE reverses_id IS NOT NULL')).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM cash_movements WHERE kind = 'pay_out'")).toBeGreaterThan(0);
    expect(count('SELECT count(*) AS n FROM shifts')).toBeGreaterThan(15);
  });
});
