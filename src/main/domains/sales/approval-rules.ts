import type { ApprovalNeed } from '../../../shared/contract/sales';
import type { Role } from '../../../shared/permissions';
import type { RoleMatrix } from '../staff/roles';
import type { PricedCart } from './pricing';

/** Discounts beyond the cashier's limit, per line and for the whole sale. */
export function discountNeeds(priced: PricedCart, limitBp: number): ApprovalNeed[] {
  const needs: ApprovalNeed[] = [];
  const over = (discount: number, base: number) => base > 0 && discount * 10_000 > base * limitBp;
  for (const l of priced.lines) {
    if (over(l.lineDiscount, l.amount))
      needs.push({ kind: 'discount', lineNo: l.lineNo, message: `Line ${l.lineNo}: a discount over your limit.` });
  }
  // the whole-sale check catches an order discount (or many small ones) the line checks do not
  // a whole-order offer is the shop's own rule, not the cashier's discount
  if (needs.length === 0 && over(priced.discountTotal - priced.offerDiscount, priced.subtotal))
    needs.push({ kind: 'discount', lineNo: null, message: 'The sale: a discount over your limit.' });
  return needs;
}

/** What an approver's role cannot cover among the needs (their own discount limit, the override permission). */
export function approverMissing(
  role: Role,
  needs: ApprovalNeed[],
  priced: PricedCart,
  limitBp: number,
  roles: Pick<RoleMatrix, 'can'>,
): string[] {
  const out: string[] = [];
  if (needs.some((n) => n.kind === 'priceOverride') && !roles.can(role, 'sales.overridePrice'))
    out.push('changing prices needs a manager.');
  if (needs.some((n) => n.kind === 'discount') && discountNeeds(priced, limitBp).length)
    out.push('the discount is over their limit too.');
  return out;
}
