import { describe, expect, it } from 'vitest';
import { addPayment, paymentProgress, suggestedAmount } from '../../src/renderer/features/till/payments';

const totals = { total: 12_450, cashTotal: 12_500 };

describe('payment progress shown in the payment dialog', () => {
  it('shows the whole total still to pay before any payment', () => {
    expect(paymentProgress(totals, [])).toEqual({ due: 12_450, covered: 0, remaining: 12_450, change: 0 });
  });

  it('uses the cash-rounded total once cash is taken, and gives change only from cash', () => {
    expect(paymentProgress(totals, [{ method: 'cash', amount: 20_000 }])).toEqual({
      due: 12_500,
      covered: 12_500,
      remaining: 0,
      change: 7_500,
    });
  });

  it('leaves the rest to pay after part cash, and covers it with an on-account payment', () => {
    const part = [{ method: 'cash' as const, amount: 5_000 }];
    expect(paymentProgress(totals, part).remaining).toBe(7_500);
    const both = [...part, { method: 'on_account' as const, amount: 7_500 }];
    expect(paymentProgress(totals, both)).toEqual({ due: 12_500, covered: 12_500, remaining: 0, change: 0 });
  });

  it('suggests the cash-rounded remainder for cash and the exact remainder for a card', () => {
    expect(suggestedAmount(totals, [], 'cash')).toBe(12_500);
    expect(suggestedAmount(totals, [], 'card')).toBe(12_450);
    expect(suggestedAmount(totals, [{ method: 'card', amount: 2_450 }], 'cash')).toBe(10_050);
  });

  it('adds a second cash amount to the first', () => {
    const p = addPayment([{ method: 'cash', amount: 5_000 }], { method: 'cash', amount: 1_000 });
    expect(p).toEqual([{ method: 'cash', amount: 6_000 }]);
    expect(addPayment(p, { method: 'card', amount: 10 })).toHaveLength(2);
  });
});
