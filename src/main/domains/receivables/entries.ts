import type { AccountEntryResult, Allocation } from '../../../shared/contract/receivables';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { type AccountEntryKind, postAccountEntry } from '../ledgers/account';
import type { SettingsService } from '../settings/service';
import { offsetAt } from '../zone';
import { type PlannedAllocation, settleAccount } from './allocations';

export interface AccountCustomer {
  id: string;
  name: string;
  balance: number;
  cardNo: string | null;
  status: string;
}

/** The customer whose account is written; merged customers are refused with where their account went. */
export function accountCustomer(sqlite: Sqlite, id: string): AccountCustomer {
  const c = stmt(
    sqlite,
    `SELECT id, display_name AS name, balance, loyalty_card_no AS cardNo, status, merged_into_id AS mergedIntoId
     FROM customers WHERE id = ?`,
  ).get(id) as (AccountCustomer & { mergedIntoId: string | null }) | undefined;
  if (!c) throw new AppError('NOT_FOUND', 'That customer was not found. Search for them again.', { id });
  if (c.status === 'merged')
    throw new AppError('CONFLICT', `${c.name} was merged into another customer; use that customer's account.`, {
      mergedIntoId: c.mergedIntoId,
    });
  return c;
}

/** The instant a shop day (YYYY-MM-DD) begins in the shop's time zone: a date typed at the counter is the shop's. */
export function dayStartIn(ymd: string, timeZone: string): number {
  const utc = Date.parse(`${ymd}T00:00:00Z`);
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== ymd)
    throw new AppError('VALIDATION', `"${ymd}" is not a date on the calendar.`);
  // the zone's offset at that moment (twice, for a daylight-saving day)
  const first = utc - offsetAt(utc, timeZone);
  return utc - offsetAt(first, timeZone);
}

/** Net allocations per debit with the debit's document number, for answers and audits. */
export function allocationsOut(sqlite: Sqlite, planned: readonly PlannedAllocation[]): Allocation[] {
  const net = new Map<string, number>();
  for (const a of planned) net.set(a.debitEntryId, (net.get(a.debitEntryId) ?? 0) + a.amount);
  const out: Allocation[] = [];
  for (const [debitEntryId, amount] of net) {
    if (amount === 0) continue;
    const d = stmt(sqlite, 'SELECT document_no AS documentNo FROM account_entries WHERE id = ?').get(debitEntryId) as
      | { documentNo: string | null }
      | undefined;
    out.push({ debitEntryId, documentNo: d?.documentNo ?? null, amount });
  }
  return out;
}

const KIND_WORDS: Partial<Record<AccountEntryKind, string>> = {
  credit_note: 'Credit note',
  adjustment: 'Adjustment',
  write_off: 'Write-off',
  opening: 'Opening balance',
};

/**
 * A manager's own entries on an account: credit notes, adjustments, write-offs and typed-in opening balances. Each is
 * one ledger row with a reason, settled against the open debits (oldest first) in the same transaction, and audited.
 */
export class AccountAdjustments {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
  ) {}

  creditNote(actor: Actor, input: { customerId: string; amount: number; reason: string }): AccountEntryResult {
    return this.post(actor, input.customerId, 'credit_note', -input.amount, input.reason, null);
  }

  adjust(actor: Actor, input: { customerId: string; amount: number; reason: string }): AccountEntryResult {
    return this.post(actor, input.customerId, 'adjustment', input.amount, input.reason, null);
  }

  /** Gives up on what is owed: the whole balance unless an amount is given, never more than is owed. */
  writeOff(
    actor: Actor,
    input: { customerId: string; amount?: number | undefined; reason: string },
  ): AccountEntryResult {
    return this.deps.sqlite.transaction(() => {
      const c = accountCustomer(this.deps.sqlite, input.customerId);
      const amount = input.amount ?? c.balance;
      if (c.balance <= 0) throw new AppError('VALIDATION', `${c.name} owes nothing, so there is nothing to write off.`);
      if (amount > c.balance)
        throw new AppError(
          'VALIDATION',
          `${c.name} owes ${this.money(c.balance)}; a write-off of ${this.money(amount)} is more than that.`,
          { balance: c.balance },
        );
      return this.post(actor, c.id, 'write_off', -amount, input.reason, null);
    })();
  }

  /** A balance from before Counterline: + owed (due on the given day, else now), − the customer's credit. */
  opening(
    actor: Actor,
    input: { customerId: string; amount: number; dueOn?: string | undefined; reason?: string | undefined },
  ): AccountEntryResult {
    const dueAt = input.dueOn ? dayStartIn(input.dueOn, this.settings.store().timeZone) : null;
    return this.post(actor, input.customerId, 'opening', input.amount, input.reason ?? 'opening balance', dueAt);
  }

  private money(n: number): string {
    const store = this.settings.store();
    return formatMoney(n, store.currency, store.locale);
  }

  private post(
    actor: Actor,
    customerId: string,
    kind: AccountEntryKind,
    amount: number,
    reason: string,
    dueAt: number | null,
  ): AccountEntryResult {
    return this.deps.sqlite.transaction((): AccountEntryResult => {
      const c = accountCustomer(this.deps.sqlite, customerId);
      const entryId = postAccountEntry(this.deps, {
        customerId: c.id,
        kind,
        amount,
        currency: this.settings.store().currency,
        dueAt,
        reason,
        staffId: actor.id,
      });
      const planned = settleAccount(this.deps, c.id, actor.id);
      const balance = c.balance + amount;
      this.audit.record(actor, {
        action: `account.${kind}`,
        entity: 'customer',
        entityId: c.id,
        changes: [{ field: 'balance', before: c.balance, after: balance }],
        note: `${KIND_WORDS[kind] ?? kind} of ${this.money(Math.abs(amount))} (balance ${this.money(c.balance)} → ${this.money(balance)}): ${reason}`,
      });
      return {
        entryId,
        customerId: c.id,
        kind,
        amount,
        balance,
        allocations: allocationsOut(this.deps.sqlite, planned),
      };
    })();
  }
}
