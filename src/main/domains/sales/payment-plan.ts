import type { PaymentInput } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import type { PricedCart } from './pricing';

export interface PaymentPlan {
  rows: Array<{
    method: PaymentInput['method'];
    amount: number;
    tendered: number | null;
    change: number | null;
    reference: string | null;
    note: string | null;
  }>;
  paidTotal: number;
  onAccount: number;
  change: number;
  rounding: number;
}

/**
 * How the payments settle the sale. Cash may be more than is due (the rest is change); other methods may not, because
 * change is only given in cash. Cash rounding applies when cash is part of the payment. What is not paid must be
 * put on account by the cashier, or the sale is refused naming the amount still to pay.
 */
export function planPayments(
  payments: PaymentInput[],
  priced: PricedCart,
  hasCustomer: boolean,
  enabled: readonly string[],
  money: (n: number) => string,
): PaymentPlan {
  for (const p of payments) {
    if (!enabled.includes(p.method))
      throw new AppError('VALIDATION', `${methodName(p.method)} is not a payment method this shop takes.`);
    if (p.method === 'mobile_money' && !p.reference)
      throw new AppError('VALIDATION', 'Mobile money needs the transaction reference from the customer’s message.');
    if (p.method === 'on_account' && !hasCustomer)
      throw new AppError('VALIDATION', 'On account needs a customer: attach one first (scan their card or search).');
  }
  const cash = payments.filter((p) => p.method === 'cash');
  if (cash.length > 1) throw new AppError('VALIDATION', 'Enter the cash handed over as one amount.');
  const hasCash = cash.length === 1;
  const due = hasCash ? priced.cashTotal : priced.total;
  const other = payments.filter((p) => p.method !== 'cash');
  const otherSum = other.reduce((a, p) => a + p.amount, 0);
  if (otherSum > due)
    throw new AppError(
      'VALIDATION',
      `The payments other than cash come to ${money(otherSum)}, more than the ${money(due)} due. Change is only given in cash.`,
    );
  const tendered = cash[0]?.amount ?? 0;
  const cashApplied = Math.min(tendered, due - otherSum);
  if (hasCash && cashApplied === 0)
    throw new AppError('VALIDATION', 'No cash is needed: the other payments already cover the sale.');
  const left = due - otherSum - cashApplied;
  if (left > 0)
    throw new AppError(
      'VALIDATION',
      `${money(left)} still to pay. Take another payment${hasCustomer ? ' or put the rest on account' : ''}.`,
      { stillToPay: left },
    );
  const onAccount = other.filter((p) => p.method === 'on_account').reduce((a, p) => a + p.amount, 0);
  const change = tendered - cashApplied;
  const rows: PaymentPlan['rows'] = payments.map((p) => ({
    method: p.method,
    amount: p.method === 'cash' ? cashApplied : p.amount,
    tendered: p.method === 'cash' ? tendered : null,
    change: p.method === 'cash' ? change : null,
    reference: p.reference ?? null,
    note: p.note ?? null,
  }));
  return { rows, paidTotal: due - onAccount, onAccount, change, rounding: due - priced.total };
}

const METHOD_NAMES: Record<PaymentInput['method'], string> = {
  cash: 'Cash',
  card: 'Card',
  mobile_money: 'Mobile money',
  bank_transfer: 'Bank transfer',
  on_account: 'On account',
  store_credit: 'Store credit',
  points: 'Points',
};
const methodName = (m: PaymentInput['method']) => METHOD_NAMES[m];
