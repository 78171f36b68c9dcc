import type { Approval, ApprovalNeed, Cart } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import type { Role } from '../../../shared/permissions';
import type { Deps } from '../deps';
import type { Guard } from '../flow';
import { rolesOf } from '../staff/roles';
import type { StaffService } from '../staff/service';
import { approvalGrants } from './approval-grants';
import { approverMissing } from './approval-rules';
import type { PricedCart } from './pricing';
import type { SalesActor } from './service';
import type { TillSettingsService } from './settings';

export interface ApprovalScope {
  actor: SalesActor;
  cart: Cart;
  /** the completing sale's key: a token is used up by it (null for a quote) */
  useKey: string | null;
}

/** A manager's approval of what a cashier may not do alone: a PIN typed now, or a token given for this cart. */
export class SaleApprovals {
  constructor(
    private deps: Deps,
    private staff: StaffService,
    private till: TillSettingsService,
  ) {}

  /**
   * Checks an approval against what is needed; returns the approver, or throws saying what is needed. A token is
   * checked against the cashier, cart and needs it was given for (and used up by the completing sale); a PIN is
   * checked as typed.
   */
  approve(
    needs: ApprovalNeed[],
    approval: Approval | undefined,
    priced: PricedCart,
    scope: ApprovalScope,
  ): { id: string; name: string; role: Role } | null {
    if (needs.length === 0) return null;
    if (!approval || !(approval.pin || approval.token))
      throw new AppError('FORBIDDEN', `A manager's PIN is needed: ${needs.map((n) => n.message).join(' ')}`, {
        approvalsNeeded: needs,
      });
    if (approval.token)
      return approvalGrants(this.deps).redeem(approval.token, {
        actorId: scope.actor.id ?? null,
        cart: scope.cart,
        needs,
        useKey: scope.useKey,
      });
    const approver = this.staff.verifyApprover(approval.staffId, approval.pin as string);
    refuseUncovered(this.deps, this.till, approver, needs, priced, { approvalsNeeded: needs });
    return approver;
  }
}

/** Throws FORBIDDEN, naming what, when the approver's role may not approve all the cart needs (with `details`). */
export function refuseUncovered(
  deps: Deps,
  till: TillSettingsService,
  approver: { name: string; role: Role },
  needs: ApprovalNeed[],
  priced: PricedCart,
  details?: unknown,
): void {
  const refused = approverMissing(
    approver.role,
    needs,
    priced,
    till.discountLimitBp(approver.role),
    rolesOf(deps.sqlite),
  );
  if (refused.length)
    throw new AppError(
      'FORBIDDEN',
      `${approver.name} (${approver.role}) cannot approve this: ${refused.join(' ')}`,
      details,
    );
}

/** Discounts and price changes beyond the cashier's limits need the approval sent with the sale. */
export function approvalsGuard(approvals: SaleApprovals): Guard {
  return {
    name: 'approvals',
    cart: (d) => {
      const scope = { actor: d.actor, cart: d.input.cart, useKey: d.input.idempotencyKey };
      d.approver = approvals.approve(d.needs, d.input.approval, d.priced, scope);
      const approval = d.input.approval;
      // over the credit limit, the same approval is checked like any other (by the credit guard)
      if (approval) d.approve = (need) => approvals.approve([need], approval, d.priced, scope);
    },
  };
}
