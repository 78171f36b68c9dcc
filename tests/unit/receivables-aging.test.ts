import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS, ageItems, bucketOf, daysPast } from '../../src/main/domains/debts/aging';
import { type ResidualRow, settleCustomer } from '../../src/main/domains/debts/open-items';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

/** A ledger for one customer: signed amounts, some credits reversing earlier debits (voids) and the other way. */
const ledgerArb = fc
  .array(
    fc.record({
      amount: fc.integer({ min: -50_000, max: 80_000 }).filter((n) => n !== 0),
      day: fc.nat(200),
      terms: fc.constantFrom(0, 7, 30, 60),
      allocatedPart: fc.double({ min: 0, max: 1, noNaN: true }),
      reverses: fc.option(fc.nat(), { nil: null }),
    }),
    { maxLength: 30 },
  )
  .map((xs) => {
    const rows: ResidualRow[] = xs
      .map((x, i) => ({ ...x, i }))
      .sort((a, b) => a.day - b.day || a.i - b.i)
      .map((x, i) => ({
        id: `e${String(i).padStart(3, '0')}`,
        customerId: 'c',
        kind: x.amount > 0 ? 'invoice' : 'payment',
        amount: x.amount,
        at: T0 + x.day * DAY,
        dueAt: T0 + (x.day + x.terms) * DAY,
        documentNo: null,
        reversesId: null,
        left: Math.abs(x.amount),
      }));
    // pair each allocation: a part of a credit allocated to an earlier debit, equally on both sides
    xs.forEach((x, i) => {
      const r = rows[i] as ResidualRow;
      if (x.reverses !== null && i > 0) {
        const o = rows[x.reverses % i] as ResidualRow;
        if (o.amount > 0 !== r.amount > 0 && !rows.some((q) => q.reversesId === o.id)) r.reversesId = o.id;
      }
    });
    for (let i = 0; i < rows.length; i++) {
      const c = rows[i] as ResidualRow;
      if (c.amount >= 0) continue;
      const d = rows.find((q) => q.amount > 0 && q.left > 0 && q.at <= c.at);
      if (!d) continue;
      const x = Math.min(d.left, Math.floor(c.left * (xs[i]?.allocatedPart ?? 0)));
      d.left -= x;
      c.left -= x;
    }
    return rows;
  });

describe('aging of one customer', () => {
  it('puts each open amount in the bucket of its days past due', () => {
    const end = T0 + 100 * DAY;
    expect(bucketOf(daysPast(end, end + DAY))).toBe('current');
    expect(bucketOf(daysPast(end, end - 1))).toBe('current');
    expect(bucketOf(daysPast(end, end - DAY))).toBe('d1_30');
    expect(bucketOf(daysPast(end, end - 30 * DAY))).toBe('d1_30');
    expect(bucketOf(daysPast(end, end - 31 * DAY))).toBe('d31_60');
    expect(bucketOf(daysPast(end, end - 61 * DAY))).toBe('d61_90');
    expect(bucketOf(daysPast(end, end - 91 * DAY))).toBe('over90');
  });

  it('applies unallocated credit to the oldest debit first and leaves the newest open', () => {
    const row = (id: string, amount: number, day: number): ResidualRow => ({
      id,
      customerId: 'c',
      kind: amount > 0 ? 'invoice' : 'refund',
      amount,
      at: T0 + day * DAY,
      dueAt: T0 + day * DAY,
      documentNo: id,
      reversesId: null,
      left: Math.abs(amount),
    });
    const items = settleCustomer('c', [row('a', 1000, 0), row('b', 500, 40), row('r', -1200, 50)]);
    expect(items.open.map((o) => [o.entryId, o.open])).toEqual([['b', 300]]);
    expect(items.balance).toBe(300);
  });

  it('lets a void close its own invoice rather than the oldest one', () => {
    const rows: ResidualRow[] = [
      {
        id: 'a',
        customerId: 'c',
        kind: 'invoice',
        amount: 1000,
        at: T0,
        dueAt: T0,
        documentNo: 'S-1',
        reversesId: null,
        left: 1000,
      },
      {
        id: 'b',
        customerId: 'c',
        kind: 'invoice',
        amount: 700,
        at: T0 + DAY,
        dueAt: T0 + DAY,
        documentNo: 'S-2',
        reversesId: null,
        left: 700,
      },
      {
        id: 'v',
        customerId: 'c',
        kind: 'void',
        amount: -700,
        at: T0 + DAY,
        dueAt: T0 + DAY,
        documentNo: 'S-2',
        reversesId: 'b',
        left: 700,
      },
    ];
    const items = settleCustomer('c', rows);
    expect(items.open.map((o) => o.entryId)).toEqual(['a']);
  });

  it('a customer in credit has the negative remainder in Current', () => {
    const items = settleCustomer('c', [
      {
        id: 'p',
        customerId: 'c',
        kind: 'payment',
        amount: -400,
        at: T0,
        dueAt: T0,
        documentNo: null,
        reversesId: null,
        left: 400,
      },
    ]);
    const b = ageItems(items, T0 + 10 * DAY);
    expect(b).toEqual({ current: -400, d1_30: 0, d31_60: 0, d61_90: 0, over90: 0 });
  });

  it('Σ buckets = balance, and no open amount is negative or above its debit (by due and by invoice date)', () => {
    fc.assert(
      fc.property(ledgerArb, fc.nat(400), fc.constantFrom('due' as const, 'invoice' as const), (rows, day, basis) => {
        const items = settleCustomer('c', rows);
        const end = T0 + day * DAY;
        const b = ageItems(items, end, basis);
        const sum = AGING_BUCKETS.reduce((n, k) => n + b[k], 0);
        const ledger = rows.reduce((n, r) => n + r.amount, 0);
        expect(items.balance).toBe(ledger);
        expect(sum).toBe(ledger);
        for (const o of items.open) {
          expect(o.open).toBeGreaterThan(0);
          expect(o.open).toBeLessThanOrEqual(o.amount);
        }
        expect(items.credit).toBeGreaterThanOrEqual(0);
        // credit only remains when every debit is paid
        if (items.credit > 0) expect(items.open).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
