import { useEffect, useMemo, useState } from 'react';
import type { Customer } from '../../../shared/contract/customers';
import type { AccountEntryResult, AccountHistoryRow } from '../../../shared/contract/receivables';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { useApiPages } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { ReceivePaymentDialog } from '../till/ReceivePaymentDialog';
import { ACCOUNT_CHANGED, AccountFacts, announceAccountChange, useAccountSummary } from '../till/TillAccountPanel';
import { type AccountAction, AccountEntryDialog, balanceWords, type ManagerEntry } from './AccountEntryDialog';
import { debtFormat } from './format';
import './customer-account.css';

const PAGE = 20;
const MANAGER_ENTRIES: ReadonlyArray<[ManagerEntry, MessageKey]> = [
  ['credit_note', 'acct.creditNote'],
  ['adjustment', 'acct.adjust'],
  ['write_off', 'acct.writeOff'],
  ['opening', 'acct.opening'],
];

/**
 * The customer page's Account section: what they owe, overdue and credit left (the till's figures), every entry with
 * the running balance, and for a manager the corrections: credit note, adjustment, write-off, opening balance and
 * reversing a payment. Anyone who may take money can receive a payment here too.
 */
export function CustomerAccount({ customer, onChanged }: { customer: Customer; onChanged: (c: Customer) => void }) {
  const t = useT();
  const toast = useToast();
  const { onError, store, can } = useShell();
  const f = debtFormat(store);
  const formats = { currency: f.currency, locale: store?.locale ?? 'en', money: f.money, date: f.date };
  const time = useMemo(
    () => new Intl.DateTimeFormat(store?.locale ?? 'en', { timeStyle: 'short', timeZone: store?.timeZone ?? 'UTC' }),
    [store?.locale, store?.timeZone],
  );
  const summary = useAccountSummary(customer.id);
  // newest first, read again whenever something changes this account (the account-changed event)
  const entries = useApiPages('receivables', 'entries', { customerId: customer.id, limit: PAGE });
  const rows = entries.rows ?? [];
  const more = entries.more;
  const [action, setAction] = useState<AccountAction | null>(null);
  const [receiving, setReceiving] = useState(false);
  const [fresh, setFresh] = useState<string | null>(null);
  const manage = can('receivables.manage');
  const balance = summary?.balance ?? customer.balance;

  // the page's own figures (details, history of changes) follow the account
  useEffect(() => {
    const onChange = (e: Event) => {
      if ((e as CustomEvent<{ customerId: string }>).detail?.customerId !== customer.id) return;
      api.customers.get({ id: customer.id }).then(onChanged).catch(onError);
    };
    window.addEventListener(ACCOUNT_CHANGED, onChange);
    return () => window.removeEventListener(ACCOUNT_CHANGED, onChange);
  }, [customer.id, onChanged, onError]);

  const done = (r: AccountEntryResult) => {
    setAction(null);
    setFresh(r.entryId);
    toast.success(
      `${t(`acct.done.${r.kind}` as MessageKey, { amount: f.money(Math.abs(r.amount)) })} ${balanceWords(t, 'now', customer.displayName, r.balance, f.money)}`,
    );
    announceAccountChange(customer.id);
  };

  const columns: Column<AccountHistoryRow>[] = [
    {
      key: 'date',
      header: t('debt.st.date'),
      className: 'nowrap',
      cell: (r) => (
        <>
          {f.date(r.at)} <span className="muted small">{time.format(r.at)}</span>
        </>
      ),
    },
    {
      key: 'details',
      header: t('debt.st.details'),
      cell: (r) => (
        <>
          {t(`account.kind.${r.kind}` as MessageKey)} <span className="acct-doc">{r.documentNo}</span>
          {r.reversed && <span className="pill acct-reversed">{t('acct.reversed')}</span>}
          {r.reason && r.kind !== 'invoice' && <div className="muted small">{r.reason}</div>}
        </>
      ),
    },
    { key: 'charges', header: t('debt.st.charges'), num: true, cell: (r) => (r.amount > 0 ? f.plain(r.amount) : '') },
    {
      key: 'payments',
      header: t('debt.st.payments'),
      num: true,
      cell: (r) => (r.amount < 0 ? f.plain(-r.amount) : ''),
    },
    { key: 'balance', header: t('debt.st.balance'), num: true, cell: (r) => f.plain(r.balance) },
    { key: 'by', header: t('acct.col.by'), cell: (r) => r.staffName },
    {
      key: 'action',
      header: t('acct.col.action'),
      hidden: !manage,
      cell: (r) =>
        r.reversiblePaymentId && (
          <button
            type="button"
            className="btn btn-sm"
            aria-label={t('acct.reverseRow', { doc: r.documentNo ?? '' })}
            onClick={() => setAction({ kind: 'reverse', payment: r })}
          >
            {t('acct.reverse')}
          </button>
        ),
    },
  ];

  return (
    <section className="card customer-account" aria-labelledby="h-account">
      <div className="acct-head">
        <h2 id="h-account">{t('account.title')}</h2>
        <div className="row-actions">
          {can('receivables.receive') && (
            <button type="button" className="btn btn-primary btn-sm" onClick={() => setReceiving(true)}>
              {t('account.receive')}
            </button>
          )}
          {manage &&
            MANAGER_ENTRIES.map(([kind, label]) => (
              <button
                key={kind}
                type="button"
                className="btn btn-sm"
                disabled={kind === 'write_off' && balance <= 0}
                onClick={() => setAction({ kind })}
              >
                {t(label)}
              </button>
            ))}
        </div>
      </div>
      {summary && (
        <div className="acct-facts">
          <AccountFacts s={summary} money={f.money} dateText={f.date} showLimit />
        </div>
      )}
      {!manage && <p className="muted small">{t('acct.readOnly')}</p>}

      <h3>{t('acct.entries')}</h3>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.entryId}
        label={t('acct.entries')}
        className="acct-entries"
        wrap
        empty={t('acct.empty')}
        rowClassName={(r) => (r.entryId === fresh ? 'acct-fresh' : undefined)}
      />
      {more && (
        <button type="button" className="btn btn-sm" onClick={more}>
          {t('acct.more')}
        </button>
      )}

      {/* biome-ignore lint/a11y/noStaticElementInteractions: Esc closes the dialog, not the customer page behind it */}
      <div onKeyDown={(e) => e.key === 'Escape' && e.stopPropagation()}>
        {action && (
          <AccountEntryDialog
            action={action}
            customer={customer}
            balance={balance}
            formats={formats}
            onClose={() => setAction(null)}
            onDone={done}
          />
        )}
        {receiving && (
          <ReceivePaymentDialog
            customer={customer}
            formats={{ ...formats, dateText: f.date }}
            onClose={() => setReceiving(false)}
          />
        )}
      </div>
    </section>
  );
}
