import type { OpenDebit } from '../../../shared/contract/receivables';
import type { AuditService } from '../audit/service';
import type { Deps } from '../deps';
import type { Flow } from '../flow';
import type { SettingsService } from '../settings/service';
import { residuals, settledOpenDebits } from './allocations';
import type { SaleCredit } from './credit';
import { AccountAdjustments, accountCustomer } from './entries';
import { accountHistory } from './history';
import { AccountPayments } from './payments';
import type { ReceivablesSettingsService } from './settings';

/**
 * The write side of customer accounts: debt payments and their reversal, a manager's credit notes, adjustments,
 * write-offs and opening balances, credit checks at the till. Reports over the same ledger live beside it.
 */
export class AccountService {
  readonly payments: AccountPayments;
  readonly adjustments: AccountAdjustments;

  constructor(
    private deps: Deps,
    audit: AuditService,
    store: SettingsService,
    readonly settings: ReceivablesSettingsService,
    readonly credit: SaleCredit,
    flow: Flow,
  ) {
    this.payments = new AccountPayments(deps, audit, store, flow);
    this.adjustments = new AccountAdjustments(deps, audit, store);
  }

  /** Open debits now, oldest first, with any credit not yet allocated applied as it will be at the next write. */
  openDebits(customerId: string): { balance: number; debits: OpenDebit[] } {
    const c = accountCustomer(this.deps.sqlite, customerId);
    return { balance: c.balance, debits: settledOpenDebits(residuals(this.deps.sqlite, customerId)) };
  }

  /** The customer page's list of entries, newest first, with the balance after each. */
  history(customerId: string, cursor: string | undefined, limit: number) {
    return accountHistory(this.deps.sqlite, customerId, cursor, limit);
  }
}
