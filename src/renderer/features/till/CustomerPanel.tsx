import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import type { DuplicateMatch } from '../../../shared/contract/customers';
import type { TillCustomer } from '../../../shared/contract/sales';
import { useT } from '../../i18n';
import { ApiError, api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { InlineError } from '../../ui/DialogParts';
import { TextField } from '../../ui/fields';
import { TillInsightHint } from '../insights/CustomerAnalysis';
import { TillDebtAlert } from '../receivables/TillDebtAlert';
import { TillFollowUps } from '../relationships/TillFollowUps';
import { looksLikeCode } from './ScanBox';
import { comboboxOf, SearchResults } from './SearchResults';
import { useCustomerSearch } from './useCustomerSearch';
import { tillCustomerOf } from './useSale';

type PanelProps = {
  customer: TillCustomer | null;
  onAttach: (c: TillCustomer) => void;
  onDetach: () => void;
  onCode: (code: string) => void;
  money: (n: number) => string;
  dateText: (ms: number) => string;
  /** bumped by F3 to put the cursor in the customer search */
  focusKey: number;
  /** more about the attached customer (the loyalty panel) */
  extra?: ReactNode;
  /** the customer's account from receivables (balance, overdue, credit left); replaces the plain balance */
  account?: ReactNode;
};

/**
 * Who the sale is for: attach by card (scan, or type the number), by name or phone, or add a new customer with just a
 * name and phone. Once attached it shows what the cashier should know before taking money.
 */
export function CustomerPanel(props: PanelProps) {
  const { customer, onAttach, onCode, focusKey } = props;
  const t = useT();
  const { onError, can } = useShell();
  const [text, setText] = useState('');
  const search = useCustomerSearch(text, onError);
  const { rows, sel, setSel, clear } = search;
  const [adding, setAdding] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusKey && !customer) input.current?.focus();
  }, [focusKey, customer]);

  const attachById = async (id: string) => {
    try {
      const c = await api.customers.get({ id });
      clear();
      setText('');
      onAttach(tillCustomerOf(c));
    } catch (e) {
      onError(e);
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const q = text.trim();
    if (e.key === 'ArrowDown') setSel((s) => Math.min(rows.length - 1, s + 1));
    else if (e.key === 'ArrowUp') setSel((s) => Math.max(0, s - 1));
    else if (e.key === 'Enter') {
      const row = rows[sel];
      if (/^\d{8,20}$/.test(q) && !row) {
        setText('');
        onCode(q);
      } else if (row) void attachById(row.id);
      else if (q && looksLikeCode(q)) {
        setText('');
        onCode(q);
      } else return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  if (customer) return <AttachedCustomer {...props} customer={customer} />;

  return (
    <section className="till-panel till-customer" aria-labelledby="till-cust-h">
      <h2 id="till-cust-h" className="till-panel-title">
        {t('till.customer')} <kbd>F3</kbd>
      </h2>
      <div className="field">
        <label htmlFor="till-cust-search">{t('till.findCustomer')}</label>
        <input
          ref={input}
          id="till-cust-search"
          {...comboboxOf('till-cust-results', rows.length > 0, rows[sel] ? `till-cust-${rows[sel].id}` : undefined)}
          placeholder={t('till.findCustomerPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
      </div>
      <SearchResults
        id="till-cust-results"
        label={t('till.customerResults')}
        search={search}
        optionId={(r) => `till-cust-${r.id}`}
        onPick={(r) => void attachById(r.id)}
      >
        {(r) => (
          <>
            <span className="till-result-name">{r.displayName}</span>
            <span className="muted">{r.phone ?? r.cardNo ?? ''}</span>
          </>
        )}
      </SearchResults>
      {can('customers.edit') &&
        (adding ? (
          <QuickAdd
            onDone={(c) => {
              setAdding(false);
              onAttach(c);
            }}
            onUse={(id) => {
              setAdding(false);
              void attachById(id);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button type="button" className="btn btn-sm" onClick={() => setAdding(true)}>
            {t('till.quickAdd')}
          </button>
        ))}
    </section>
  );
}

function AttachedCustomer({
  customer: c,
  onDetach,
  money,
  dateText,
  extra,
  account,
}: Pick<PanelProps, 'onDetach' | 'money' | 'dateText' | 'extra' | 'account'> & { customer: TillCustomer }) {
  const t = useT();
  const creditLeft = c.creditLimit == null ? null : c.creditLimit - c.balance;
  return (
    <section className="till-panel till-customer" aria-labelledby="till-cust-h">
      <h2 id="till-cust-h" className="till-panel-title">
        {t('till.customer')}
      </h2>
      <p className="till-cust-name" data-testid="till-customer-name">
        {c.displayName}
        {c.categoryName && <span className="pill pill-ok till-cust-cat">{c.categoryName}</span>}
      </p>
      <TillDebtAlert customerId={c.id} balance={c.balance} />
      <TillFollowUps customerId={c.id} />
      <TillInsightHint customerId={c.id} />
      {c.notesImportant && c.notes && (
        <p className="notice till-cust-note" role="note">
          <strong>{t('till.importantNote')}</strong> {c.notes}
        </p>
      )}
      <dl className="till-facts">
        {c.phonePrimary && (
          <>
            <dt>{t('till.phone')}</dt>
            <dd>{c.phonePrimary}</dd>
          </>
        )}
        {c.loyaltyCardNo && (
          <>
            <dt>{t('till.card')}</dt>
            <dd className="mono">{c.loyaltyCardNo}</dd>
          </>
        )}
        <dt>{t('till.lastVisit')}</dt>
        <dd>{c.lastActivityAt ? dateText(c.lastActivityAt) : t('till.firstVisit')}</dd>
        {!account && (
          <>
            <dt>{t('till.balance')}</dt>
            <dd className={c.balance > 0 ? 'till-owes' : undefined}>{money(c.balance)}</dd>
          </>
        )}
        {!account && creditLeft != null && (
          <>
            <dt>{t('till.creditLeft')}</dt>
            <dd className={creditLeft <= 0 ? 'till-owes' : undefined}>{money(Math.max(0, creditLeft))}</dd>
          </>
        )}
        {!extra && c.pointsBalance > 0 && (
          <>
            <dt>{t('till.points')}</dt>
            <dd>{c.pointsBalance}</dd>
          </>
        )}
      </dl>
      {account}
      {extra}
      <button type="button" className="btn btn-sm" onClick={onDetach}>
        {t('till.detach')}
      </button>
    </section>
  );
}

/** A new customer from the counter: name and phone, with a warning when the phone is already someone's. */
function QuickAdd({
  onDone,
  onUse,
  onCancel,
}: {
  onDone: (c: TillCustomer) => void;
  onUse: (id: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const { onError } = useShell();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [dupes, setDupes] = useState<DuplicateMatch[] | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (anyway: boolean) => {
    const words = name.trim().split(/\s+/).filter(Boolean);
    if (!words.length) return setError(t('till.quickAddName'));
    if (anyway && !reason.trim()) return setError(t('till.dupReasonNeeded'));
    setError(null);
    setBusy(true);
    try {
      const res = await api.customers.create({
        type: 'individual',
        firstName: words[0] ?? null,
        lastName: words.slice(1).join(' ') || null,
        phones: phone.trim() ? [{ number: phone.trim(), label: 'mobile', isPrimary: true }] : [],
        ...(anyway ? { allowDuplicate: true, duplicateReason: reason.trim() } : {}),
      });
      onDone(tillCustomerOf(res.customer));
    } catch (err) {
      const matches = (err instanceof ApiError &&
        err.code === 'CONFLICT' &&
        (err.details as { matches?: unknown })?.matches) as DuplicateMatch[] | undefined;
      if (Array.isArray(matches) && matches.length) setDupes(matches);
      else onError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(dupes != null);
  };

  return (
    <form
      className="till-quick-add"
      aria-label={t('till.quickAdd')}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <TextField id="till-qa-name" label={t('till.qaName')} value={name} onChange={setName} autoFocus required />
      <TextField id="till-qa-phone" label={t('till.qaPhone')} value={phone} onChange={setPhone} inputMode="tel" />
      <InlineError error={error} />
      {dupes && (
        <div className="dup-panel" role="alert">
          <p className="dup-title">{t('till.dupFound')}</p>
          <ul className="dup-list">
            {dupes.map((d) => (
              <li key={d.id}>
                {d.displayName}{' '}
                <button type="button" className="btn btn-sm btn-primary" onClick={() => onUse(d.id)}>
                  {t('till.useThis', { name: d.displayName })}
                </button>
              </li>
            ))}
          </ul>
          <TextField id="till-qa-reason" label={t('till.dupReason')} value={reason} onChange={setReason} />
        </div>
      )}
      <div className="row-actions">
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
          {dupes ? t('till.addAnyway') : t('till.addCustomer')}
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
