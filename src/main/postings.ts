import { auditPosting } from './domains/audit/posting';
import type { AuditService } from './domains/audit/service';
import { customerTotalsPosting } from './domains/customers/posting';
import type { Deps } from './domains/deps';
import { receiptPosting } from './domains/devices/receipt-posting';
import type { Flow } from './domains/flow';
import { stockPosting } from './domains/ledgers/stock';
import { loyaltyPosting, pointsGuard } from './domains/loyalty/posting';
import type { LoyaltyService } from './domains/loyalty/service';
import { offerUsesPosting } from './domains/pricing/posting';
import type { PricingService } from './domains/pricing/service';
import type { SaleCredit } from './domains/receivables/credit';
import { accountPosting, creditGuard } from './domains/receivables/posting';
import { approvalsGuard, SaleApprovals } from './domains/sales/approvals';
import { parkedSalePosting } from './domains/sales/parked';
import type { TillSettingsService } from './domains/sales/settings';
import type { SettingsService } from './domains/settings/service';
import { openShiftGuard } from './domains/shifts/guard';
import type { ShiftService } from './domains/shifts/service';
import type { StaffService } from './domains/staff/service';

export interface FlowParts {
  deps: Deps;
  audit: AuditService;
  settings: SettingsService;
  staff: StaffService;
  till: TillSettingsService;
  pricing: PricingService;
  loyalty: LoyaltyService;
  credit: SaleCredit;
  shifts: ShiftService;
}

/**
 * Every party to a sale, void, refund, refund cancel, debt payment and customer merge, in the order they act.
 *
 * Guards run inside the document's transaction before anything is written, and may refuse it. Postings run after the
 * document's own rows are written, in the same transaction: a posting that throws undoes the whole document. Order
 * matters where a posting reads what an earlier one wrote (the receipt snapshots the account and points balances
 * after them; the audit row comes last). A new capability is one more line here. See docs/decisions/0015-postings-and-guards.md.
 */
export function createFlow(p: FlowParts): Flow {
  return {
    guards: [
      approvalsGuard(new SaleApprovals(p.deps, p.staff, p.till)),
      creditGuard(p.credit),
      pointsGuard(p.loyalty),
      // cash needs an open shift on the till when the shop says so (decision 0019)
      openShiftGuard(p.shifts),
    ],
    postings: [
      stockPosting(p.deps),
      offerUsesPosting(p.pricing),
      loyaltyPosting(p.loyalty),
      accountPosting(p.deps, p.credit, p.till),
      customerTotalsPosting(p.deps),
      parkedSalePosting(p.deps),
      receiptPosting(p.deps, p.settings),
      auditPosting(p.audit, p.settings),
    ],
  };
}
