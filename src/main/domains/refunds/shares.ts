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
 * and tax as applied, never today's price). The total is proportioned first (half of 10,000 is 5,000, not 4,238 net +
 * 763 tax), then its tax, and net is the rest. Worked out cumulatively — the share of everything refunded so far, minus
 * what earlier refunds took — so refunding a line in any number of parts adds up to exactly the line, never more.
 */
export function refundShare(line: LineCharged, qtyMilli: number): { net: number; tax: number; total: number } {
  const cum = line.refundedQtyMilli + qtyMilli;
  if (qtyMilli <= 0 || cum > line.qtyMilli) throw new RangeError('refund quantity out of range');
  const part = (amount: number) => (cum === line.qtyMilli ? amount : Math.round((amount * cum) / line.qtyMilli));
  const cumTotal = part(line.net + line.tax);
  // tax and net each stay within the line's own figures, whatever the rounding did
  const cumTax = Math.min(line.tax, cumTotal, Math.max(part(line.tax), cumTotal - line.net));
  const cumNet = cumTotal - cumTax;
  // a cancelled refund in between can leave earlier shares a unit above the proportion: never go below zero
  const net = Math.max(0, cumNet - line.refundedNet);
  const tax = Math.max(0, cumTax - line.refundedTax);
  return { net, tax, total: net + tax };
}
