import { useCallback, useEffect, useState } from 'react';
import type { CustomerListRow } from '../../../shared/contract/customers';
import type { Statement } from '../../../shared/contract/debts';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';
import { BUCKETS, debtFormat } from './format';
import { ReminderBox } from './ReminderBox';

/** One customer's statement for a period: on screen, as a PDF, on the receipt printer, and a reminder to send. */
export function StatementPanel({
  customerId,
  onCustomer,
}: {
  customerId: string | null;
  onCustomer: (id: string) => void;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, store, can } = useShell();
  const f = debtFormat(store);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [st, setSt] = useState<Statement | null>(null);
  const [text, setText] = useState('');
  const [found, setFound] = useState<CustomerListRow[]>([]);

  const show = useCallback(
    (id: string, period: { from?: string; to?: string }) =>
      api.debts
        .statement({ customerId: id, ...period })
        .then((s) => {
          setSt(s);
          setFrom(s.from);
          setTo(s.to);
        })
        .catch(onError),
    [onError],
  );
  // a customer picked elsewhere (Debtors, Aging, Alerts): this month so far, the shop's days
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new customer starts from the default period
  useEffect(() => {
    if (customerId) void show(customerId, {});
  }, [customerId]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2) return setFound([]);
    const timer = setTimeout(() => {
      api.customers
        .search({ text: q, limit: 8 })
        .then((p) => setFound(p.rows))
        .catch(onError);
    }, 200);
    return () => clearTimeout(timer);
  }, [text, onError]);

  const period = { from: from || undefined, to: to || undefined };
  const pdf = async (all: boolean) => {
    try {
      const file = all
        ? await api.debts.statementsAll({ from, to })
        : await api.debts.statementPdf({ customerId: customerId as string, ...period });
      downloadBase64(file.fileName, file.mimeType, file.base64);
    } catch (e) {
      onError(e);
    }
  };
  const print = async () => {
    try {
      await api.debts.statementPrint({ customerId: customerId as string, ...period });
      toast.success(t('debt.st.printed'));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <div className="debt-panel">
      <div className="debt-filters">
        <div className="field debt-find">
          <label htmlFor="st-find">{t('debt.st.find')}</label>
          <input id="st-find" type="search" value={text} autoComplete="off" onChange={(e) => setText(e.target.value)} />
          {found.length > 0 && (
            <ul className="debt-found" aria-label={t('debt.st.customer')}>
              {found.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className="btn btn-ghost btn-sm"
                    onClick={() => {
                      setText('');
                      setFound([]);
                      onCustomer(c.id);
                    }}
                  >
                    {c.displayName} {c.phone && <span className="muted">{c.phone}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <form
          className="debt-period"
          onSubmit={(e) => {
            e.preventDefault();
            if (customerId) void show(customerId, period);
          }}
        >
          <div className="field">
            <label htmlFor="st-from">{t('debt.st.from')}</label>
            <input id="st-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="st-to">{t('debt.st.to')}</label>
            <input id="st-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary" disabled={!customerId}>
            {t('debt.st.show')}
          </button>
          {can('reports.view') && (
            <button type="button" className="btn" disabled={!from || !to} onClick={() => void pdf(true)}>
              {t('debt.st.all')}
            </button>
          )}
        </form>
      </div>
      {!customerId && <p className="muted">{t('debt.st.pick')}</p>}
      {customerId && st && (
        <div className="statement" data-testid="statement">
          <div className="debt-bar">
            <div>
              <h2 className="debt-h2">{st.customer.name}</h2>
              <p className="muted">
                {[st.customer.code, st.customer.phone, st.customer.email, st.customer.address]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </div>
            <div className="row-actions">
              <button type="button" className="btn btn-primary" onClick={() => void pdf(false)}>
                {t('debt.st.pdf')}
              </button>
              <button type="button" className="btn" onClick={() => void print()}>
                {t('debt.st.print')}
              </button>
            </div>
          </div>
          <div className="table-wrap">
            <table className="table statement-table" aria-label={t('debt.tab.statement')}>
              <thead>
                <tr>
                  <th scope="col">{t('debt.st.date')}</th>
                  <th scope="col">{t('debt.st.details')}</th>
                  <th scope="col" className="num">
                    {t('debt.st.charges')}
                  </th>
                  <th scope="col" className="num">
                    {t('debt.st.payments')}
                  </th>
                  <th scope="col" className="num">
                    {t('debt.st.balance')}
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr className="aging-total">
                  <td />
                  <th scope="row">{t('debt.st.opening')}</th>
                  <td />
                  <td />
                  <td className="num">{f.plain(st.opening)}</td>
                </tr>
                {st.lines.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      {t('debt.st.empty')}
                    </td>
                  </tr>
                )}
                {st.lines.map((l) => (
                  <tr key={l.id}>
                    <td className="nowrap">{f.date(l.at)}</td>
                    <td>{l.description}</td>
                    <td className="num">{l.debit ? f.plain(l.debit) : ''}</td>
                    <td className="num">{l.credit ? f.plain(l.credit) : ''}</td>
                    <td className="num">{f.plain(l.balance)}</td>
                  </tr>
                ))}
                <tr className="aging-total" data-testid="statement-closing">
                  <td />
                  <th scope="row">{t('debt.st.closing')}</th>
                  <td />
                  <td />
                  <td className="num">{f.plain(st.closing)}</td>
                </tr>
              </tbody>
            </table>
          </div>
          <h3 className="debt-h3">{t('debt.st.agingLine')}</h3>
          <dl className="debt-aging-line">
            {BUCKETS.map((b) => (
              <div key={b}>
                <dt>{t(`debt.bucket.${b}` as MessageKey)}</dt>
                <dd>{f.plain(st.aging[b])}</dd>
              </div>
            ))}
          </dl>
          {st.closing > 0 && <ReminderBox customerId={customerId} />}
        </div>
      )}
    </div>
  );
}
