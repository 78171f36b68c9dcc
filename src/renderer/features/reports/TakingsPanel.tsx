import { type FormEvent, useEffect, useState } from 'react';
import type { Takings, TakingsDay } from '../../../shared/contract/reports';
import type { PaymentMethod } from '../../../shared/contract/sales';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { debtFormat, monthStart } from '../receivables/format';

const amountOf = (rows: TakingsDay['sales'], m: PaymentMethod) => rows.find((r) => r.method === m)?.amount ?? 0;
const sumOf = (rows: TakingsDay['sales']) => rows.reduce((a, r) => a + r.amount, 0);

/** What came in each day, by payment method, with a bar for the day's money so busy days stand out. */
export function TakingsPanel() {
  const t = useT();
  const { store, onError } = useShell();
  const f = debtFormat(store);
  const today = f.day(Date.now());
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [report, setReport] = useState<Takings | null>(null);
  const load = (a: string, b: string) => api.reports.takings({ from: a, to: b }).then(setReport).catch(onError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening; later loads are the Show button's
  useEffect(() => {
    void load(from, to);
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(from, to);
  };
  const max = report ? Math.max(1, ...report.days.map((d) => d.taken)) : 1;
  const cell = (rows: TakingsDay['sales'], m: PaymentMethod) => {
    const v = amountOf(rows, m);
    return (
      <td key={m} className={v ? 'num' : 'num muted'}>
        {v ? f.plain(v) : '–'}
      </td>
    );
  };
  return (
    <div className="debt-panel">
      <RangeForm from={from} to={to} setFrom={setFrom} setTo={setTo} onSubmit={submit} />
      {report && (
        <div className="table-wrap">
          <h2 className="debt-h2">{t('reports.takings.title', { from: report.from, to: report.to })}</h2>
          <table className="table takings-table" aria-label={t('reports.tab.takings')}>
            <thead>
              <tr>
                <th scope="col">{t('reports.day')}</th>
                <th scope="col" className="num">
                  {t('reports.orders')}
                </th>
                {report.methods.map((m) => (
                  <th key={m} scope="col" className="num">
                    {t(`method.${m}` as MessageKey)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('reports.refunds')}
                </th>
                <th scope="col" className="num">
                  {t('reports.debt')}
                </th>
                <th scope="col" className="num">
                  {t('reports.taken')} ({report.currency})
                </th>
                <th scope="col">
                  <span className="sr-only">{t('reports.col.share')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {report.days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td className="num">{d.orders}</td>
                  {report.methods.map((m) => cell(d.sales, m))}
                  <td className="num">{sumOf(d.refunds) ? f.plain(-sumOf(d.refunds)) : '–'}</td>
                  <td className="num">{sumOf(d.debt) ? f.plain(sumOf(d.debt)) : '–'}</td>
                  <td className="num strong">{f.plain(d.taken)}</td>
                  <td className="bar-cell" aria-hidden="true">
                    <span className="bar" style={{ width: `${Math.max(0, (d.taken / max) * 100)}%` }} />
                  </td>
                </tr>
              ))}
              <tr className="aging-total" data-testid="takings-total">
                <th scope="row">{t('reports.total')}</th>
                <td className="num">{report.totals.orders}</td>
                {report.methods.map((m) => cell(report.totals.sales, m))}
                <td className="num">{f.plain(-sumOf(report.totals.refunds))}</td>
                <td className="num">{f.plain(sumOf(report.totals.debt))}</td>
                <td className="num strong">{f.plain(report.totals.taken)}</td>
                <td />
              </tr>
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function RangeForm({
  from,
  to,
  setFrom,
  setTo,
  onSubmit,
  children,
}: {
  from: string;
  to: string;
  setFrom: (v: string) => void;
  setTo: (v: string) => void;
  onSubmit: (e: FormEvent) => void;
  children?: React.ReactNode;
}) {
  const t = useT();
  return (
    <form className="debt-filters" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor="report-from">{t('reports.from')}</label>
        <input id="report-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="report-to">{t('reports.to')}</label>
        <input id="report-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
      </div>
      {children}
      <button type="submit" className="btn btn-primary">
        {t('reports.show')}
      </button>
    </form>
  );
}
