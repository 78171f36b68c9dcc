import { useCallback, useEffect, useState } from 'react';
import type { AgingDetail, AgingReport } from '../../../shared/contract/debts';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { Dialog } from '../../ui/Dialog';
import { AgingChart } from './AgingChart';
import { ExportButtons } from '../../ui/ExportButtons';
import { BUCKETS, debtFormat } from './format';

/** Debts by age as of a date: the chart, totals, one row per customer, and each customer's open invoices. */
export function AgingPanel({ onStatement }: { onStatement: (customerId: string) => void }) {
  const t = useT();
  const { onError, store } = useShell();
  const f = debtFormat(store);
  const [asOf, setAsOf] = useState('');
  const [byInvoice, setByInvoice] = useState(false);
  const [report, setReport] = useState<AgingReport | null>(null);
  const [limit, setLimit] = useState(100);
  const [drill, setDrill] = useState<AgingDetail | null>(null);

  const load = useCallback(
    (date: string, invoice: boolean, rows: number) =>
      api.debts
        .aging({ asOf: date || undefined, basis: invoice ? 'invoice' : 'due', limit: rows })
        .then((r) => {
          setReport(r);
          setAsOf(r.asOf);
        })
        .catch(onError),
    [onError],
  );
  // the first load asks for today (the shop's, from the main process), then shows that date in the picker
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening; later loads are the Show button's
  useEffect(() => {
    void load('', false, 100);
  }, []);

  const open = async (customerId: string) => {
    try {
      setDrill(await api.debts.agingOf({ customerId, asOf, basis: byInvoice ? 'invoice' : 'due' }));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <div className="debt-panel">
      <form
        className="debt-filters"
        onSubmit={(e) => {
          e.preventDefault();
          void load(asOf, byInvoice, limit);
        }}
      >
        <div className="field">
          <label htmlFor="aging-asof">{t('debt.asOf')}</label>
          <input id="aging-asof" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </div>
        <label className="check-line">
          <input type="checkbox" checked={byInvoice} onChange={(e) => setByInvoice(e.target.checked)} />
          {t('debt.byInvoiceDate')}
        </label>
        <button type="submit" className="btn btn-primary">
          {t('debt.aging.refresh')}
        </button>
      </form>
      {report && (
        <>
          <div className="debt-bar">
            <h2 className="debt-h2">
              {t('debt.aging.title', { date: f.date(Date.parse(`${report.asOf}T12:00:00Z`)) })}
            </h2>
            <ExportButtons
              label={t('debt.export')}
              fetchFile={(format) =>
                api.debts.export({ what: 'aging', format, asOf: report.asOf, basis: report.basis })
              }
            />
          </div>
          <AgingChart totals={report.totals} format={f.plain} />
          <div className="table-wrap">
            <table className="table aging-table" aria-label={t('debt.tab.aging')}>
              <thead>
                <tr>
                  <th scope="col">{t('debt.col.customer')}</th>
                  <th scope="col" className="num">
                    {t('debt.col.balance')}
                  </th>
                  {BUCKETS.map((b) => (
                    <th key={b} scope="col" className="num">
                      {t(`debt.bucket.${b}` as MessageKey)}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="sr-only">{t('debt.col.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr className="aging-total" data-testid="aging-total">
                  <th scope="row">{t('debt.aging.total')}</th>
                  <td className="num">{f.plain(report.totals.balance)}</td>
                  {BUCKETS.map((b) => (
                    <td key={b} className="num">
                      {f.plain(report.totals[b])}
                    </td>
                  ))}
                  <td />
                </tr>
                {report.customers.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td className="num">{f.plain(c.balance)}</td>
                    {BUCKETS.map((b) => (
                      <td key={b} className={c[b] ? 'num' : 'num muted'}>
                        {c[b] ? f.plain(c[b]) : '–'}
                      </td>
                    ))}
                    <td className="nowrap">
                      <button
                        type="button"
                        className="btn btn-sm"
                        onClick={() => void open(c.id)}
                        aria-label={`${t('debt.drill')}: ${c.name}`}
                      >
                        {t('debt.drill')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('debt.aging.customers', { count: report.customerCount })}</p>
          {report.customers.length < report.customerCount && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                const rows = Math.min(500, limit + 100);
                setLimit(rows);
                void load(asOf, byInvoice, rows);
              }}
            >
              {t('debt.more')}
            </button>
          )}
        </>
      )}
      {drill && (
        <Dialog
          title={t('debt.drill.title', { name: drill.name })}
          onClose={() => setDrill(null)}
          className="debt-drill"
        >
          {drill.items.length === 0 ? (
            <p>{t('debt.drill.none')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('debt.drill.doc')}</th>
                  <th scope="col">{t('debt.drill.date')}</th>
                  <th scope="col">{t('debt.drill.due')}</th>
                  <th scope="col" className="num">
                    {t('debt.drill.amount')}
                  </th>
                  <th scope="col" className="num">
                    {t('debt.drill.open')}
                  </th>
                  <th scope="col" className="num">
                    {t('debt.drill.days')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {drill.items.map((i) => (
                  <tr key={i.entryId}>
                    <td className="mono">{i.documentNo ?? i.kind}</td>
                    <td className="nowrap">{f.date(i.at)}</td>
                    <td className="nowrap">{f.date(i.dueAt)}</td>
                    <td className="num">{f.plain(i.amount)}</td>
                    <td className="num">{f.plain(i.open)}</td>
                    <td className="num">
                      {i.daysPast > 0 ? i.daysPast : ''}{' '}
                      <span className="pill pill-off">{t(`debt.bucket.${i.bucket}` as MessageKey)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {drill.credit > 0 && <p>{t('debt.drill.credit', { amount: f.money(drill.credit) })}</p>}
          <div className="row-actions">
            <button
              type="button"
              className="btn"
              onClick={() => {
                setDrill(null);
                onStatement(drill.customerId);
              }}
            >
              {t('debt.open')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setDrill(null)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
