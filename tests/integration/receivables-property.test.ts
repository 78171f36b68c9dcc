import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/shared/clock';
import type { ReceivePaymentResult } from '../../src/shared/contract/receivables';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { ledgerMismatches } from '../helpers';
import { allocationOverruns, CLIENTS, type ReceivablesShop, receivablesShop } from './receivables-fixture';

const C = CLIENTS.cashier;

const op = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    who: fc.nat(2),
    pieces: fc.integer({ min: 1, max: 6 }),
    split: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('pay' as const),
    who: fc.nat(2),
    amount: fc.integer({ min: 1, max: 40_000 }),
    pick: fc.option(fc.nat(), { nil: null }),
  }),
  fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('creditNote' as const), who: fc.nat(2), amount: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({
    kind: fc.constant('adjust' as const),
    who: fc.nat(2),
    amount: fc.integer({ min: -15_000, max: 15_000 }),
  }),
  fc.record({ kind: fc.constant('writeOff' as const), who: fc.nat(2), part: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('storeCredit' as const), who: fc.nat(2) }),
  fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 40 }) }),
);

type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Random sequences of everything that moves a customer account, checked against the ledger after each sequence. */
describe('property: the customer account ledger and its allocations', () => {
  let s: ReceivablesShop;
  let customers: string[];
  const sales: CompleteResult['order'][] = [];
  const payments: string[] = [];

  beforeAll(async () => {
    s = await receivablesShop();
    customers = [await s.customer(), await s.customer(), await s.customer()];
  });
  afterAll(() => s.app.dispose());

  const stored = (customerId: string) => {
    const rows = s.app.sqlite
      .prepare(
        `SELECT e.id, e.amount, abs(e.amount) - coalesce((SELECT sum(a.amount) FROM account_allocations a
           WHERE (CASE WHEN e.amount > 0 THEN a.debit_entry_id ELSE a.credit_entry_id END) = e.id), 0) AS left
         FROM account_entries e WHERE e.customer_id = ? ORDER BY e.at, e.id`,
      )
      .all(customerId) as Array<{ id: string; amount: number; left: number }>;
    const open = rows.filter((r) => r.amount > 0 && r.left > 0).map((r) => [r.id, r.left] as const);
    const unapplied = rows.filter((r) => r.amount < 0).reduce((a, r) => a + r.left, 0);
    return { open, unapplied };
  };

  const run = async (o: Op) => {
    const who = 'who' in o ? (customers[o.who] as string) : '';
    switch (o.kind) {
      case 'sale': {
        const total = o.pieces * 4_500;
        const payments = o.split
          ? [
              { method: 'card', amount: 2_000 },
              { method: 'on_account', amount: total - 2_000 },
            ]
          : undefined;
        sales.push((await s.ok<CompleteResult>('sales.complete', s.sale(who, o.pieces, payments), C)).order);
        return;
      }
      case 'pay': {
        const debits = stored(who).open;
        const pick = o.pick === null || !debits.length ? [] : [debits[o.pick % debits.length]?.[0]];
        const r = await s.ok<ReceivePaymentResult>(
          'receivables.receivePayment',
          { customerId: who, amount: o.amount, method: 'cash', debitEntryIds: pick, idempotencyKey: s.nextKey('p') },
          C,
        );
        payments.push(r.payment.paymentId);
        return;
      }
      case 'reverse': {
        const id = payments.splice(o.pick % Math.max(1, payments.length), 1)[0];
        if (id) await s.ok('receivables.reversePayment', { paymentId: id, reason: 'property' });
        return;
      }
      case 'creditNote':
        await s.ok('receivables.creditNote', { customerId: who, amount: o.amount, reason: 'property' });
        return;
      case 'adjust':
        if (o.amount !== 0) await s.ok('receivables.adjust', { customerId: who, amount: o.amount, reason: 'property' });
        return;
      case 'writeOff': {
        const owed = s.balance(who);
        if (owed > 0)
          await s.ok('receivables.writeOff', {
            customerId: who,
            amount: Math.max(1, Math.floor((owed * o.part) / 100)),
            reason: 'property',
          });
        return;
      }
      case 'refund': {
        const sale = sales[o.pick % Math.max(1, sales.length)];
        if (!sale) return;
        const res = await s.app.call(
          'refunds.create',
          {
            salesOrderId: sale.id,
            lines: [{ salesLineId: sale.lines[0]?.id, qtyMilli: 1000, restock: true }],
            method: 'on_account',
            reason: 'property',
            idempotencyKey: s.nextKey('r'),
          },
          CLIENTS.manager,
        );
        // a voided or fully refunded sale says so; anything else is a failure
        if (!res.ok) expect(res.error.code === 'CONFLICT' || res.error.code === 'VALIDATION').toBe(true);
        return;
      }
      case 'void': {
        const sale = sales[o.pick % Math.max(1, sales.length)];
        if (!sale) return;
        const res = await s.app.call('sales.void', { id: sale.id, reason: 'property' }, CLIENTS.manager);
        if (!res.ok) expect(res.error.code).toBe('CONFLICT');
        return;
      }
      case 'storeCredit': {
        const credit = -s.balance(who);
        if (credit >= 4_500)
          sales.push(
            (
              await s.ok<CompleteResult>(
                'sales.complete',
                s.sale(who, 1, [{ method: 'store_credit', amount: 4_500 }]),
                C,
              )
            ).order,
          );
        return;
      }
      case 'wait':
        await s.advance(o.days * DAY_MS);
        return;
    }
  };

  it('balance = Σ entries = cached balance; allocations never exceed a debit or a credit; no credit idles while a debit is open; a reversal restores every open amount', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 10 }),
        fc.nat(2),
        fc.integer({ min: 1, max: 50_000 }),
        async (ops, who, amount) => {
          for (const o of ops) await run(o);
          expect(ledgerMismatches(s.app.sqlite).balances).toEqual([]);
          expect(allocationOverruns(s.app.sqlite)).toEqual([]);
          for (const c of customers) {
            const { open, unapplied } = stored(c);
            const openSum = open.reduce((a, [, n]) => a + n, 0);
            expect(openSum - unapplied).toBe(s.balance(c));
            expect(openSum === 0 || unapplied === 0).toBe(true);
          }
          const c = customers[who] as string;
          const before = stored(c);
          const r = await s.ok<ReceivePaymentResult>(
            'receivables.receivePayment',
            { customerId: c, amount, method: 'card', idempotencyKey: s.nextKey('p') },
            C,
          );
          await s.ok('receivables.reversePayment', { paymentId: r.payment.paymentId, reason: 'property' });
          expect(stored(c)).toEqual(before);
        },
      ),
      { numRuns: 30 },
    );
  }, 240_000);
});
