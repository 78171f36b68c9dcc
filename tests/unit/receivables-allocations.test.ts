import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSettlement, type Residual } from '../../src/main/domains/receivables/allocations';

const row = (id: string, amount: number, left = Math.abs(amount), reversesId: string | null = null): Residual => ({
  id,
  kind: amount > 0 ? 'invoice' : 'payment',
  amount,
  at: Number(id.slice(1)),
  dueAt: Number(id.slice(1)),
  documentNo: null,
  reversesId,
  left,
});

describe('planSettlement', () => {
  it('pays the oldest debits first', () => {
    const plan = planSettlement([row('d1', 100), row('d2', 50), row('c3', -120)]);
    expect(plan).toEqual([
      { debitEntryId: 'd1', creditEntryId: 'c3', amount: 100 },
      { debitEntryId: 'd2', creditEntryId: 'c3', amount: 20 },
    ]);
  });

  it('lets a preferred credit pay its chosen debits first, and pairs an entry with its reversal before anything', () => {
    const plan = planSettlement([row('d1', 100), row('d2', 50), row('c3', -50), row('c4', -30, 30, 'd1')], {
      prefer: { creditEntryId: 'c3', debitEntryIds: ['d2'] },
    });
    expect(plan).toEqual([
      { debitEntryId: 'd1', creditEntryId: 'c4', amount: 30 },
      { debitEntryId: 'd2', creditEntryId: 'c3', amount: 50 },
    ]);
  });

  const rows = fc
    .array(
      fc.record({
        amount: fc.integer({ min: -10_000, max: 10_000 }).filter((n) => n !== 0),
        used: fc.integer({ min: 0, max: 100 }),
        reverses: fc.option(fc.nat(), { nil: null }),
      }),
      { maxLength: 12 },
    )
    .map((xs) =>
      xs.map((x, i) => {
        const left = Math.abs(x.amount) - Math.floor((Math.abs(x.amount) * x.used) / 100);
        const target = x.reverses === null || i === 0 ? null : `e${String(x.reverses % i).padStart(3, '0')}`;
        return row(`e${String(i).padStart(3, '0')}`, x.amount, left, target);
      }),
    );

  it('never allocates more than is left of a debit or a credit, and leaves no credit unused while a debit is open', () => {
    fc.assert(
      fc.property(rows, (rs) => {
        const plan = planSettlement(rs);
        const used = new Map<string, number>();
        for (const a of plan) {
          expect(a.amount).toBeGreaterThan(0);
          used.set(a.debitEntryId, (used.get(a.debitEntryId) ?? 0) + a.amount);
          used.set(a.creditEntryId, (used.get(a.creditEntryId) ?? 0) + a.amount);
        }
        let openDebit = 0;
        let unusedCredit = 0;
        for (const r of rs) {
          const u = used.get(r.id) ?? 0;
          expect(u).toBeLessThanOrEqual(r.left);
          if (r.amount > 0) openDebit += r.left - u;
          else unusedCredit += r.left - u;
        }
        expect(openDebit === 0 || unusedCredit === 0).toBe(true);
      }),
    );
  });
});
