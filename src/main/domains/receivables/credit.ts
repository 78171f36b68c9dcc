import type { CreditPolicy, TillAccountSummary } from '../../../shared/contract/receivables';
import type { ApprovalNeed } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import type { Role } from '../../../shared/permissions';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { postAccountEntry } from '../ledgers/account';
import type { SettingsService } from '../settings/service';
import { rolesOf } from '../staff/roles';
import { residuals, settleAccount, settledOpenDebits, undoCredit } from './allocations';
import type { ReceivablesSettingsService } from './settings';

type SaleActor = Actor & { role?: Role };

interface CustomerCredit {
  id: string;
  name: string;
  balance: number;
  creditLimit: number | null;
}

/** The limit in force for a customer: their own, else the store default (null = no limit). */
export function effectiveLimit(
  own: number | null,
  storeDefault: number | null,
): { limit: number | null; source: 'customer' | 'store' | 'none' } {
  if (own !== null) return { limit: own, source: 'customer' };
  if (storeDefault !== null) return { limit: storeDefault, source: 'store' };
  return { limit: null, source: 'none' };
}

/** By how much a sale putting `onAccount` on the account takes the balance over the limit (0 = within it). */
export function overLimitBy(balanceAfter: number, onAccount: number, limit: number | null): number {
  if (onAccount <= 0 || limit === null) return 0;
  return Math.max(0, balanceAfter - limit);
}

/** What the credit checks decided for one sale, carried from before the sale is written to after it. */
export interface CreditDecision {
  customerId: string;
  customerName: string;
  overBy: number;
  limit: number | null;
  policy: CreditPolicy;
  approver: { id: string; name: string } | null;
  storeCredit: number;
  /** the cached balance before the sale: ≥ 0 means no credit is waiting to be used (allocations settle eagerly) */
  balanceBefore: number;
}

/**
 * The account side of a sale: credit limits and store credit checked inside the sale's transaction before anything is
 * written, then the store-credit entry and the allocations after the sale's own ledger rows. Refunds and voids call
 * back here so their credit goes to their own sale's invoice first.
 */
export class SaleCredit {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    private credit: ReceivablesSettingsService,
  ) {}

  private money(n: number): string {
    const store = this.settings.store();
    return formatMoney(n, store.currency, store.locale);
  }

  private customer(id: string): CustomerCredit {
    const c = stmt(
      this.deps.sqlite,
      'SELECT id, display_name AS name, balance, credit_limit AS creditLimit FROM customers WHERE id = ?',
    ).get(id) as CustomerCredit | undefined;
    if (!c) throw new AppError('NOT_FOUND', 'That customer was not found. Search for them again.', { id });
    return c;
  }

  /**
   * Checks the on-account and store-credit parts of a sale; throws with words the cashier can act on. Runs inside
   * the sale's transaction, so the balance it reads is the one the sale will move.
   */
  beforeSale(
    actor: SaleActor,
    input: {
      customerId: string | null;
      onAccount: number;
      storeCredit: number;
      /** the manager's approval sent with the sale, checked for this need by the sales service (absent: none sent) */
      approve?: ((need: ApprovalNeed) => { id: string; name: string; role: Role } | null) | undefined;
    },
  ): CreditDecision | null {
    if (!input.customerId) {
      if (input.storeCredit > 0)
        throw new AppError(
          'VALIDATION',
          'Store credit needs a customer: attach one first (scan their card or search).',
        );
      return null;
    }
    if (input.onAccount <= 0 && input.storeCredit <= 0) return null;
    const c = this.customer(input.customerId);
    const available = Math.max(0, -c.balance);
    if (input.storeCredit > available)
      throw new AppError(
        'VALIDATION',
        available === 0
          ? `${c.name} has no store credit to spend. Choose another payment.`
          : `${c.name} has ${this.money(available)} store credit; ${this.money(input.storeCredit)} is more than that.`,
        { storeCredit: available },
      );
    const settings = this.credit.get();
    const { limit } = effectiveLimit(c.creditLimit, settings.defaultCreditLimit);
    const after = c.balance + input.storeCredit + input.onAccount;
    const overBy = overLimitBy(after, input.onAccount, limit);
    const decision: CreditDecision = {
      customerId: c.id,
      customerName: c.name,
      overBy,
      limit,
      policy: settings.creditPolicy,
      approver: null,
      storeCredit: input.storeCredit,
      balanceBefore: c.balance,
    };
    if (overBy === 0 || settings.creditPolicy === 'warn') return decision;
    const over = `Over credit limit by ${this.money(overBy)}`;
    const details = { overBy, limit, balance: c.balance, onAccount: input.onAccount };
    if (settings.creditPolicy === 'block')
      throw new AppError(
        'CREDIT_LIMIT',
        `${over} (${c.name}'s limit is ${this.money(limit ?? 0)}). This shop does not sell on account over the limit: take another payment for the rest.`,
        details,
      );
    // a manager selling needs nobody else's PIN; a cashier needs a manager's
    if (actor.id && actor.role && rolesOf(this.deps.sqlite).can(actor.role, 'receivables.manage') && !input.approve) {
      decision.approver = { id: actor.id, name: actor.name };
      return decision;
    }
    const need: ApprovalNeed = { kind: 'creditLimit', lineNo: null, message: `${over} — a manager can approve.` };
    const approver = input.approve?.(need);
    if (!approver)
      throw new AppError('CREDIT_LIMIT', `${over} — a manager can approve.`, { ...details, approvalsNeeded: [need] });
    if (!rolesOf(this.deps.sqlite).can(approver.role, 'receivables.manage'))
      throw new AppError('FORBIDDEN', `${approver.name} (${approver.role}) cannot approve credit over the limit.`, {
        approvalsNeeded: [need],
      });
    decision.approver = { id: approver.id, name: approver.name };
    return decision;
  }

  /** After the sale's rows: the store-credit entry, allocations, and the audit of a sale over the limit. */
  afterSale(
    actor: SaleActor,
    decision: CreditDecision | null,
    sale: { id: string; number: string; currency: string; storeCreditPaymentId: string | null },
  ): void {
    if (!decision) return;
    const staffId = actor.id ?? null;
    let storeCreditEntry: string | null = null;
    if (decision.storeCredit > 0)
      // the part paid from credit is charged to the account and at once settled by that credit
      storeCreditEntry = postAccountEntry(this.deps, {
        customerId: decision.customerId,
        kind: 'invoice',
        amount: decision.storeCredit,
        currency: sale.currency,
        documentNo: sale.number,
        salesOrderId: sale.id,
        paymentId: sale.storeCreditPaymentId,
        dueAt: this.deps.clock.now(),
        reason: 'paid from store credit',
        staffId,
      });
    // a customer who owed or was square has no credit to settle the new invoice with: every credit is allocated as
    // soon as a debit is open (tests/integration/receivables-property.test.ts), so nothing needs reading
    if (decision.balanceBefore < 0) settleAccount(this.deps, decision.customerId, staffId, {});
    if (storeCreditEntry) this.audit.record(actor, this.creditAudit('credit.storeCreditUsed', decision, sale.number));
    if (decision.overBy > 0)
      this.audit.record(
        actor,
        this.creditAudit(
          decision.policy === 'warn' ? 'credit.overLimitWarned' : 'credit.overLimitApproved',
          decision,
          sale.number,
        ),
      );
  }

  private creditAudit(action: string, d: CreditDecision, number: string) {
    const note =
      action === 'credit.storeCreditUsed'
        ? `${this.money(d.storeCredit)} of store credit paid towards ${number}`
        : `${number}: ${this.money(d.overBy)} over the credit limit of ${this.money(d.limit ?? 0)}${
            d.approver ? `, approved by ${d.approver.name}` : ' (shop policy: warn only)'
          }`;
    return {
      action,
      entity: 'customer',
      entityId: d.customerId,
      after: { sale: number, overBy: d.overBy, limit: d.limit, storeCredit: d.storeCredit, approvedBy: d.approver?.id },
      note,
    };
  }

  /** A voided sale's reversing entries close its own invoice (paired by reverses_id), the rest goes oldest first. */
  afterVoid(customerId: string, staffId: string | null): void {
    settleAccount(this.deps, customerId, staffId);
  }

  /** A refund credited to the account pays the refunded sale's own invoice first. */
  afterRefundCredit(customerId: string, creditEntryId: string, salesOrderId: string, staffId: string | null): void {
    const invoices = stmt(
      this.deps.sqlite,
      "SELECT id FROM account_entries WHERE sales_order_id = ? AND kind = 'invoice' AND amount > 0 ORDER BY at, id",
    ).all(salesOrderId) as Array<{ id: string }>;
    settleAccount(this.deps, customerId, staffId, {
      prefer: { creditEntryId, debitEntryIds: invoices.map((i) => i.id) },
    });
  }

  /** A cancelled refund takes its credit back from whatever it paid, then the account settles again. */
  afterRefundCancel(customerId: string, creditEntryId: string, cancelEntryId: string, staffId: string | null): void {
    undoCredit(this.deps, customerId, creditEntryId, cancelEntryId, staffId);
    settleAccount(this.deps, customerId, staffId);
  }

  /** What the till shows beside an attached customer. */
  summary(customerId: string): TillAccountSummary {
    const c = this.customer(customerId);
    const settings = this.credit.get();
    const now = this.deps.clock.now();
    const open = settledOpenDebits(residuals(this.deps.sqlite, customerId));
    let overdue = 0;
    let oldestDueAt: number | null = null;
    for (const d of open) {
      if (d.dueAt < now) overdue += d.open;
      if (oldestDueAt === null || d.dueAt < oldestDueAt) oldestDueAt = d.dueAt;
    }
    const { limit, source } = effectiveLimit(c.creditLimit, settings.defaultCreditLimit);
    return {
      customerId: c.id,
      currency: this.settings.store().currency,
      balance: c.balance,
      overdue,
      oldestDueAt,
      creditLimit: limit,
      limitSource: source,
      creditLeft: limit === null ? null : Math.max(0, limit - c.balance),
      storeCredit: Math.max(0, -c.balance),
      policy: settings.creditPolicy,
    };
  }
}
