import { roundToIncrement } from '../sales/pricing';

/**
 * Cash handed back for a refund, rounded as a cash sale is (nearest multiple of the currency's cash increment, halves
 * up), so the till never owes coins it does not have; but never more than is left to refund in money: then the
 * multiple below. Refunds in other ways are exact.
 */
export function cashRefundAmount(total: number, increment: number, max: number): number {
  if (increment <= 1 || total <= 0) return total;
  const rounded = roundToIncrement(total, increment);
  return rounded <= max ? rounded : Math.floor(max / increment) * increment;
}
