import { type FormEvent, useEffect, useState } from 'react';
import type { PointsReportQuery, PointsReport as Report } from '../../../shared/contract/loyalty-reports';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { SelectField, TextField } from '../../ui/fields';

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Points issued, redeemed, expired and outstanding (with the money owed for them) per day or month, and export. */
export function PointsReport() {
  const t = useT();
  const { onError, store } = useShell();
  const today = new Date();
  const [q, setQ] = useState<PointsReportQuery>({
    from: iso(new Date(today.getFullYear(), today.getMonth(), 1, 12)),
    to: iso(today),
    period: 'day',
  });
  const [format, setFormat] = useState<'xlsx' | 'csv' | 'pdf'>('xlsx');
  const [report, setReport] = useState<Report | null>(null);
  const locale = store?.locale;
  const n = (x: number) => x.toLocaleString(locale);
  const money = (x: number) =>
    formatMoney(x, (report?.currency ?? store?.currency ?? 'UGX') as CurrencyCode, locale, { code: false });

  // the query last asked for with Show (the first one on opening)
  const [asked, setAsked] = useState<PointsReportQuery>(q);
  useEffect(() => {
    api.loyaltyReports.points(asked).then(setReport).catch(onError);
  }, [asked, onError]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    setAsked({ ...q });
  };
  const exportFile = async () => {
    try {
      const f = await api.loyaltyReports.export({ ...q, format });
      downloadBase64(f.fileName, f.mimeType, f.base64);
    } catch (err) {
      onError(err);
    }
  };

  const cols = ['issued', 'redeemed', 'expired', 'clawedBack', 'adjusted', 'outstanding'] as const;
  return (
    <div className="loy-report">
      <form className="form-row" onSubmit={show}>
        <TextField
          id="lr-from"
          label={t('loy.rep.from')}
          type="date"
          value={q.from}
          onChange={(v) => setQ({ ...q, from: v })}
        />
        <TextField
          id="lr-to"
          label={t('loy.rep.to')}
          type="date"
          value={q.to}
          onChange={(v) => setQ({ ...q, to: v })}
        />
        <SelectField
          id="lr-period"
          label={t('loy.rep.period')}
          value={q.period}
          onChange={(v) => setQ({ ...q, period: v })}
          options={[
            { value: 'day', label: t('loy.rep.period.day') },
            { value: 'month', label: t('loy.rep.period.month') },
          ]}
        />
        <button type="submit" className="btn btn-primary">
          {t('loy.rep.show')}
        </button>
        <SelectField
          id="lr-format"
          label={t('loy.rep.format')}
          value={format}
          onChange={setFormat}
          options={[
            { value: 'xlsx', label: 'Excel (xlsx)' },
            { value: 'csv', label: 'CSV' },
            { value: 'pdf', label: 'PDF' },
          ]}
        />
        <button type="button" className="btn" onClick={() => void exportFile()}>
          {t('loy.rep.export')}
        </button>
      </form>
      {report && (
        <>
          <p className="muted">
            {t('loy.rep.opening', { points: report.openingOutstanding })} ·{' '}
            {t('loy.rep.pointValue', {
              amount: formatMoney(report.pointValue, report.currency as CurrencyCode, locale),
            })}
          </p>
          <table className="table loy-report-table" aria-label={t('loy.rep.table')}>
            <thead>
              <tr>
                <th>{t('loy.rep.col.period')}</th>
                {cols.map((c) => (
                  <th key={c} className="num">
                    {t(`loy.rep.col.${c}`)}
                  </th>
                ))}
                <th className="num">{t('loy.rep.col.liability', { currency: report.currency })}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.period}>
                  <td>{r.period}</td>
                  {cols.map((c) => (
                    <td key={c} className="num">
                      {n(r[c])}
                    </td>
                  ))}
                  <td className="num">{money(r.liability)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th>{t('loy.rep.total')}</th>
                {cols.map((c) => (
                  <th key={c} className="num">
                    {n(report.totals[c])}
                  </th>
                ))}
                <th className="num">{money(report.totals.liability)}</th>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </div>
  );
}
