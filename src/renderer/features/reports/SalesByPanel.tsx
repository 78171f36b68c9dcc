import { type FormEvent, useEffect, useState } from 'react';
import { SALES_BY, type SalesBy, type SalesByReport } from '../../../shared/contract/reports';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { debtFormat, monthStart } from '../receivables/format';
import { RangeForm } from './TakingsPanel';

/** What sold over the days, grouped by staff, product, category, hour or weekday: peak hours show as long bars. */
export function SalesByPanel() {
  const t = useT();
  const { store, onError } = useShell();
  const f = debtFormat(store);
  const today = f.day(Date.now());
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [by, setBy] = useState<SalesBy>('product');
  const [report, setReport] = useState<SalesByReport | null>(null);
  const load = (a: string, b: string, g: SalesBy) =>
    api.reports.salesBy({ from: a, to: b, by: g }).then(setReport).catch(onError);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on opening; later loads are the Show button's
  useEffect(() => {
    void load(from, to, by);
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(from, to, by);
  };
  const max = report ? Math.max(1, ...report.rows.map((r) => r.total)) : 1;
  return (
    <div className="debt-panel">
      <RangeForm from={from} to={to} setFrom={setFrom} setTo={setTo} onSubmit={submit}>
        <div className="field">
          <label htmlFor="report-by">{t('reports.by')}</label>
          <select
            id="report-by"
            value={by}
            onChange={(e) => {
              const g = e.target.value as SalesBy;
              setBy(g);
              void load(from, to, g);
            }}
          >
            {SALES_BY.map((g) => (
              <option key={g} value={g}>
                {t(`reports.by.${g}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </RangeForm>
      {report && (
        <div className="table-wrap">
          <p className="muted">
            {t('reports.averageBasket', { amount: f.money(report.averageBasket), orders: report.orders })}
          </p>
          {report.rows.length === 0 ? (
            <p className="muted">{t('reports.none')}</p>
          ) : (
            <table className="table takings-table" aria-label={t('reports.tab.sales')}>
              <thead>
                <tr>
                  <th scope="col">{t(`reports.by.${report.by}` as MessageKey)}</th>
                  <th scope="col" className="num">
                    {t('reports.orders')}
                  </th>
                  {report.by === 'product' && (
                    <th scope="col" className="num">
                      {t('reports.col.qty')}
                    </th>
                  )}
                  <th scope="col" className="num">
                    {t('reports.col.discounts')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.col.tax')}
                  </th>
                  <th scope="col" className="num">
                    {t('reports.total')} ({report.currency})
                  </th>
                  <th scope="col">
                    <span className="sr-only">{t('reports.col.share')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td className="num">{r.orders}</td>
                    {report.by === 'product' && <td className="num">{(r.qtyMilli ?? 0) / 1000}</td>}
                    <td className="num">{f.plain(r.discounts)}</td>
                    <td className="num">{f.plain(r.tax)}</td>
                    <td className="num strong">{f.plain(r.total)}</td>
                    <td className="bar-cell" aria-hidden="true">
                      <span className="bar" style={{ width: `${(r.total / max) * 100}%` }} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
