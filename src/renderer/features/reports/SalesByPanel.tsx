import { useState } from 'react';
import { barLabel } from '../../../shared/chart-labels';
import { SALES_BY, type SalesBy, type SalesByRow } from '../../../shared/contract/reports';
import type { MessageKey } from '../../i18n';
import type { Column } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { namedOptions } from '../../ui/SelectFields';
import { oneSeries, ordersColumn, type PanelProps, qty, ReportPanel, totalColumn, useReport } from './ReportPanel';

const WEEKDAY_KEYS = ['0', '1', '2', '3', '4', '5', '6'];

/** What sold over the days, grouped by staff, product, category, hour or weekday, the biggest drawn as bars. */
export function SalesByPanel({ query, filters }: PanelProps) {
  const [by, setBy] = useState<SalesBy>('product');
  const { t, f, r, failed } = useReport('salesBy', { ...query, by });
  const label = (row: SalesByRow) =>
    r?.by === 'weekday' && WEEKDAY_KEYS.includes(row.key) ? t(`reports.weekday.${row.key}` as MessageKey) : row.label;
  const columns: Column<SalesByRow>[] = [
    { key: 'label', header: t(`reports.by.${r?.by ?? by}` as MessageKey), cell: label },
    ordersColumn(t),
    {
      key: 'qty',
      header: t('reports.col.qty'),
      num: true,
      cell: (x) => qty(x.qtyMilli ?? 0, f.locale),
      hidden: r?.by !== 'product',
    },
    { key: 'discounts', header: t('reports.col.discounts'), num: true, cell: (x) => f.plain(x.discounts) },
    { key: 'tax', header: t('reports.col.tax'), num: true, cell: (x) => f.plain(x.tax) },
    totalColumn('total', t('reports.total'), r?.currency ?? f.currency, (x: SalesByRow) => f.plain(x.total)),
  ];
  const named = r?.by !== 'hour' && r?.by !== 'weekday';
  const top = r?.rows.slice(0, named ? 8 : 24) ?? [];
  return (
    <ReportPanel
      report="sales"
      by={by}
      query={query}
      filters={filters(
        <SelectField
          id="report-by"
          label={t('reports.by')}
          value={by}
          onChange={setBy}
          options={namedOptions(t, 'reports.by', SALES_BY)}
        />,
      )}
      title={t('reports.sales.title', {
        by: t(`reports.by.${by}` as MessageKey),
        from: query.from,
        to: query.to,
      })}
      facts={r && t('reports.averageBasket', { amount: f.money(r.averageBasket), orders: r.orders })}
      chart={
        r && top.length > 0
          ? oneSeries(
              'bar',
              top.map((x) => (named ? barLabel(label(x)) : label(x))),
              { name: t('reports.total'), values: top.map((x) => x.total) },
              r.currency,
            )
          : null
      }
      chartLabel={t('reports.chart.sales', { by: t(`reports.by.${by}` as MessageKey) })}
      table={{ rows: r?.rows, columns, rowKey: (x) => x.key, failed }}
    />
  );
}
