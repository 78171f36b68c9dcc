import type { TillAccountSummary } from '../../../shared/contract/receivables';
import type { ApprovalNeed, SalesOrder } from '../../../shared/contract/sales';
import { useT } from '../../i18n';
import { ApiError } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useApiQuery } from '../../ui/query';
import './account.css';

/** Fired on window when a payment changed a customer's account, so every panel showing it reads it again. */
export const ACCOUNT_CHANGED = 'counterline:account-changed';
export function announceAccountChange(customerId: string): void {
  window.dispatchEvent(new CustomEvent(ACCOUNT_CHANGED, { detail: { customerId } }));
}

/** The manager approval a sale over a customer's credit limit is waiting for, from sales.complete's refusal. */
export function creditApprovalNeeds(err: unknown): ApprovalNeed[] | null {
  if (!(err instanceof ApiError) || err.code !== 'CREDIT_LIMIT') return null;
  const needs = (err.details as { approvalsNeeded?: ApprovalNeed[] } | undefined)?.approvalsNeeded;
  return Array.isArray(needs) && needs.length ? needs : null;
}

/**
 * A customer's account summary from main (for those who may see accounts), read again whenever a payment changes an
 * account (the query cache hears ACCOUNT_CHANGED).
 */
export function useAccountSummary(customerId: string | null): TillAccountSummary | null {
  const { can } = useShell();
  const q = useApiQuery(
    'receivables',
    'tillSummary',
    { customerId: customerId ?? '' },
    { enabled: !!customerId && can('receivables.view') },
  );
  return (customerId && q.data) || null;
}

/**
 * The attached customer's account, read from main: what they owe (or their store credit), how much of it is overdue
 * and since when, and how much more may go on account before their limit. F10 takes a payment.
 */
export function TillAccountPanel({
  customerId,
  money,
  dateText,
  onReceive,
}: {
  customerId: string;
  money: (n: number) => string;
  dateText: (ms: number) => string;
  onReceive: () => void;
}) {
  const t = useT();
  const { can } = useShell();
  const s = useAccountSummary(customerId);
  if (!s) return null;
  return (
    <div className="till-account" data-testid="till-account">
      <AccountFacts s={s} money={money} dateText={dateText} />
      {can('receivables.receive') && (
        <button type="button" className="btn btn-sm till-account-receive" onClick={onReceive} aria-keyshortcuts="F10">
          {t('account.receive')} <kbd>F10</kbd>
        </button>
      )}
    </div>
  );
}

/** What an account stands at: owed or store credit, overdue since when, credit left (and the limit, when asked). */
export function AccountFacts({
  s,
  money,
  dateText,
  showLimit = false,
}: {
  s: TillAccountSummary;
  money: (n: number) => string;
  dateText: (ms: number) => string;
  showLimit?: boolean;
}) {
  const t = useT();
  const overLimit = s.creditLimit !== null && s.balance > s.creditLimit;
  return (
    <dl className="till-facts">
      <dt>{s.balance < 0 ? t('account.storeCredit') : t('account.owes')}</dt>
      <dd
        className={s.balance > 0 ? 'till-owes' : s.balance < 0 ? 'till-account-credit' : undefined}
        data-testid="account-balance"
      >
        {s.balance === 0 ? t('account.settled') : money(Math.abs(s.balance))}
      </dd>
      {s.overdue > 0 && (
        <>
          <dt>{t('account.overdue')}</dt>
          <dd className="till-owes" data-testid="account-overdue">
            {money(s.overdue)}
          </dd>
          {s.oldestDueAt !== null && (
            <>
              <dt>{t('account.oldestDue')}</dt>
              <dd>{dateText(s.oldestDueAt)}</dd>
            </>
          )}
        </>
      )}
      {showLimit && (
        <>
          <dt>{t('account.creditLimit')}</dt>
          <dd data-testid="account-credit-limit">
            {s.creditLimit === null
              ? t('account.noLimit')
              : t(s.limitSource === 'store' ? 'account.limit.store' : 'account.limit.own', {
                  amount: money(s.creditLimit),
                })}
          </dd>
        </>
      )}
      <dt>{t('account.creditLeft')}</dt>
      <dd className={overLimit || s.creditLeft === 0 ? 'till-owes' : undefined} data-testid="account-credit-left">
        {s.creditLimit === null
          ? t('account.noLimit')
          : s.creditLimit === 0
            ? t('account.noCredit')
            : overLimit
              ? `${t('account.overLimit')} (${money(s.balance - s.creditLimit)})`
              : money(s.creditLeft ?? 0)}
      </dd>
    </dl>
  );
}

/** After a sale put something on account: what the customer owes now, and a payment offered straight away. */
export function AfterSaleAccountOffer({
  order,
  money,
  onReceive,
}: {
  order: SalesOrder;
  money: (n: number) => string;
  onReceive: () => void;
}) {
  const t = useT();
  const { can } = useShell();
  const s = useAccountSummary(order.onAccountTotal > 0 ? order.customerId : null);
  const owes = s?.balance ?? 0;
  if (owes <= 0 || !can('receivables.receive')) return null;
  return (
    <p className="till-after-sale" data-testid="after-sale-offer">
      {t('account.afterSale', { name: order.customerName ?? '', amount: money(owes) })}{' '}
      <button type="button" className="btn btn-sm" onClick={onReceive} aria-keyshortcuts="F10">
        {t('account.takeNow')} <kbd>F10</kbd>
      </button>
    </p>
  );
}
