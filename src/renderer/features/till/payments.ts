// What the payment dialog shows while the cashier takes money. Display only: the server settles the sale with the
// same rules (one cash amount, change only in cash, cash rounding when cash is used) and has the last word.
import type { PaymentInput, Totals } from '../../../shared/contract/sales';

export interface PaymentProgress {
  /** the amount due: the cash-rounded total when cash is among the payments */
  due: number;
  /** what the payments cover (cash counted up to what is due) */
  covered: number;
  /** still to pay; 0 when covered */
  remaining: number;
  /** cash to hand back */
  change: number;
}

export function paymentProgress(
  totals: Pick<Totals, 'total' | 'cashTotal'>,
  payments: PaymentInput[],
): PaymentProgress {
  const hasCash = payments.some((p) => p.method === 'cash');
  const due = hasCash ? totals.cashTotal : totals.total;
  const other = payments.filter((p) => p.method !== 'cash').reduce((a, p) => a + p.amount, 0);
  const tendered = payments.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amount, 0);
  const cashApplied = Math.max(0, Math.min(tendered, due - other));
  const covered = other + cashApplied;
  return { due, covered, remaining: Math.max(0, due - covered), change: tendered - cashApplied };
}

/** The amount to suggest for the next payment by `method` (what is still due, cash-rounded for cash). */
export function suggestedAmount(
  totals: Pick<Totals, 'total' | 'cashTotal'>,
  payments: PaymentInput[],
  method: PaymentInput['method'],
): number {
  const withMethod = method === 'cash' ? [...payments, { method, amount: 0 }] : payments;
  return paymentProgress(totals, withMethod).remaining;
}

/** Adds a payment; a second cash amount is added to the first (the server takes cash handed over as one amount). */
export function addPayment(payments: PaymentInput[], p: PaymentInput): PaymentInput[] {
  if (p.method !== 'cash') return [...payments, p];
  const i = payments.findIndex((x) => x.method === 'cash');
  if (i < 0) return [...payments, p];
  return payments.map((x, j) => (j === i ? { ...x, amount: x.amount + p.amount } : x));
}
