/** What one sales line charged and what active refunds already took back from it. */
export interface LineCharged {
  qtyMilli: number;
  net: number;
  tax: number;
  refundedQtyMilli: number;
  refundedNet: number;
  refundedTax: number;
}

/**
 * The net and tax a refund of `qtyMilli` takes back from a line, in proportion to what the line charged (its discounts
 * and tax as applied, never today's price). Worked out cumulatively — the share of everything refunded so far, minus
 * what earlier refunds took — so refunding a line in any number of parts adds up to exactly the line, never more.
 */
export function refundShare(line: LineCharged, qtyMilli: number): { net: number; tax: number; total: number } {
  const cum = line.refundedQtyMilli + qtyMilli;
  if (qtyMilli <= 0 || cum > line.qtyMilli) throw new RangeError('refund quantity out of range');
  const part = (amount: number) => (cum === line.qtyMilli ? amount : Math.round((amount * cum) / line.qtyMilli));
  // a cancelled refund in between can leave earlier shares a unit above the proportion: never go below zero
  const net = Math.max(0, part(line.net) - line.refundedNet);
  const tax = Math.max(0, part(line.tax) - line.refundedTax);
  return { net, tax, total: net + tax };
}
