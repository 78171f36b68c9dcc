import { useState } from 'react';
import type { PointsReportQuery, PointsReport as Report } from '../../../shared/contract/loyalty-reports';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { ExportButtons } from '../../ui/ExportButtons';
import { SelectField } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { DateRangeFields, FilterBar, ReportFrame } from '../../ui/ReportFrame';
import { namedOptions } from '../../ui/SelectFields';

const PERIODS = ['day', 'month'] as const;

/** Points issued, redeemed, expired and outstanding (with the money owed for them) per day or month, and export. */
export function PointsReport() {
  const t = useT();
  const { store } = useShell();
  const today = useShopFormat().day(Date.now());
  const [q, setQ] = useState<PointsReportQuery>({
    from: `${today.slice(0, 8)}01`,
    to: today,
    period: 'day',
  });
  const locale = store?.locale;
  const n = (x: number) => x.toLocaleString(locale);
  const money = (x: number) =>
    formatMoney(x, (report?.currency ?? store?.currency ?? 'UGX') as CurrencyCode, locale, { code: false });

  // the query last asked for with Show (the first one on opening)
  const [asked, setAsked] = useState<PointsReportQuery>(q);
  const points = useApiQuery('loyaltyReports', 'points', asked, { keepPrevious: true });
  const report: Report | null = points.data ?? null;
  const show = () => {
    if (JSON.stringify(q) === JSON.stringify(asked)) void points.refetch();
    else setAsked({ ...q });
  };

  const cols = ['issued', 'redeemed', 'expired', 'clawedBack', 'adjusted', 'outstanding'] as const;
  type Row = Report['rows'][number];
  const columns: Column<Row>[] = [
    { key: 'period', header: t('loy.rep.col.period'), className: 'nowrap', cell: (r) => r.period },
    ...cols.map((c): Column<Row> => ({ key: c, header: t(`loy.rep.col.${c}`), num: true, cell: (r) => n(r[c]) })),
    {
      key: 'liability',
      header: t('loy.rep.col.liability', { currency: report?.currency ?? '' }),
      num: true,
      cell: (r) => money(r.liability),
    },
  ];
  return (
    <ReportFrame
      className="loy-report"
      filters={
        <FilterBar className="form-row" onApply={show}>
          <DateRangeFields
            idPrefix="lr"
            labels={[t('loy.rep.from'), t('loy.rep.to')]}
            value={q}
            onChange={(v) => setQ({ ...q, ...v })}
          />
          <SelectField
            id="lr-period"
            label={t('loy.rep.period')}
            value={q.period}
            onChange={(v) => setQ({ ...q, period: v })}
            options={namedOptions(t, 'loy.rep.period', PERIODS)}
          />
          <button type="submit" className="btn btn-primary">
            {t('loy.rep.show')}
          </button>
        </FilterBar>
      }
      exportGroup={
        <ExportButtons
          label={t('loy.rep.export')}
          fetchFile={(format) => api.loyaltyReports.export({ ...asked, format })}
        />
      }
      facts={
        report && (
          <p className="muted">
            {t('loy.rep.opening', { points: report.openingOutstanding })} ·{' '}
            {t('loy.rep.pointValue', {
              amount: formatMoney(report.pointValue, report.currency as CurrencyCode, locale),
            })}
          </p>
        )
      }
    >
      {report && (
        <DataTable
          rows={report.rows}
          columns={columns}
          rowKey={(r) => r.period}
          label={t('loy.rep.table')}
          className="loy-report-table"
          foot={[
            {
              label: t('loy.rep.total'),
              cellsAsHeaders: true,
              cells: {
                ...Object.fromEntries(cols.map((c) => [c, n(report.totals[c])])),
                liability: money(report.totals.liability),
              },
            },
          ]}
          footIn="tfoot"
        />
      )}
    </ReportFrame>
  );
}
