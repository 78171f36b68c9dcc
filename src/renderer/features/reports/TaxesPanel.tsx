import { barLabel } from '../../../shared/chart-labels';
import type { DiscountsReport, StockReport, TaxesReport } from '../../../shared/contract/reports';
import type { CurrencyCode } from '../../../shared/money';
import type { Column } from '../../ui/DataTable';
import { oneSeries, ordersColumn, type PanelProps, qty, ReportPanel, rate, useReport } from './ReportPanel';

/** Discounts and price overrides given, by the member of staff who made the sale. */
export function DiscountsPanel({ query, filters }: PanelProps) {
  const { t, f, r, failed } = useReport('discounts', query);
  type Row = DiscountsReport['rows'][number];
  const money = (k: 'lineDiscounts' | 'orderDiscounts' | 'overrideAmount' | 'total', header: string) => ({
    key: k,
    header,
    num: true,
    cell: (x: Row) => f.plain(x[k]),
  });
  const columns: Column<Row>[] = [
    { key: 'name', header: t('reports.by.staff'), cell: (x) => x.name },
    ordersColumn(t),
    money('lineDiscounts', t('reports.col.lineDiscounts')),
    money('orderDiscounts', t('reports.col.orderDiscounts')),
    { key: 'overrides', header: t('reports.col.overrides'), num: true, cell: (x) => x.overrides },
    money('overrideAmount', t('reports.col.overrideAmount')),
    { key: 'approved', header: t('reports.col.approved'), num: true, cell: (x) => x.approved },
    money('total', `${t('reports.col.salesTotal')} (${r?.currency ?? f.currency})`),
  ];
  const given = r ? r.totals.lineDiscounts + r.totals.orderDiscounts + r.totals.overrideAmount : 0;
  return (
    <ReportPanel
      report="discounts"
      query={query}
      filters={filters()}
      facts={
        r && r.rows.length > 0 && t('reports.discounts.facts', { amount: f.money(given), orders: r.totals.orders })
      }
      chart={
        r && r.rows.length > 0
          ? {
              kind: 'stacked',
              categories: r.rows.map((x) => barLabel(x.name)),
              series: [
                { name: t('reports.col.lineDiscounts'), values: r.rows.map((x) => x.lineDiscounts) },
                { name: t('reports.col.orderDiscounts'), values: r.rows.map((x) => x.orderDiscounts) },
                { name: t('reports.col.overrideAmount'), values: r.rows.map((x) => x.overrideAmount) },
              ],
              currency: r.currency as CurrencyCode,
            }
          : null
      }
      table={{
        rows: r?.rows,
        columns,
        rowKey: (x) => x.staffId,
        empty: t('reports.discounts.none'),
        failed,
        totals: r && {
          orders: r.totals.orders,
          lineDiscounts: f.plain(r.totals.lineDiscounts),
          orderDiscounts: f.plain(r.totals.orderDiscounts),
          overrides: r.totals.overrides,
          overrideAmount: f.plain(r.totals.overrideAmount),
          approved: r.totals.approved,
          total: f.plain(r.totals.total),
        },
      }}
    />
  );
}

/** Tax collected by rate for the tax return: sales less refunds, before tax and the tax itself. */
export function TaxesPanel({ query, filters }: PanelProps) {
  const { t, f, r, failed } = useReport('taxes', query);
  type Row = TaxesReport['rows'][number];
  type Key = keyof TaxesReport['totals'];
  const money = (k: Key, header: string, strong = false): Column<Row> => ({
    key: k,
    header,
    num: true,
    cell: (x) => f.plain(x[k]),
    className: strong ? 'strong' : undefined,
  });
  const columns: Column<Row>[] = [
    { key: 'rate', header: t('reports.col.rate'), cell: (x) => rate(x.rateBp, f.locale) },
    money('salesNet', t('reports.col.salesNet')),
    money('salesTax', t('reports.col.salesTax')),
    money('refundsNet', t('reports.col.refundsNet')),
    money('refundsTax', t('reports.col.refundsTax')),
    money('net', t('reports.col.netTaxable')),
    money('tax', `${t('reports.col.taxDue')} (${r?.currency ?? f.currency})`, true),
  ];
  const keys: Key[] = ['salesNet', 'salesTax', 'refundsNet', 'refundsTax', 'net', 'tax'];
  return (
    <ReportPanel
      report="taxes"
      query={query}
      filters={filters()}
      facts={r && t('reports.taxes.facts', { amount: f.money(r.totals.tax), net: f.money(r.totals.net) })}
      chart={
        r && r.rows.length > 0
          ? oneSeries(
              'bar',
              r.rows.map((x) => rate(x.rateBp, f.locale)),
              { name: t('reports.col.taxDue'), values: r.rows.map((x) => x.tax) },
              r.currency,
            )
          : null
      }
      table={{
        rows: r?.rows,
        columns,
        rowKey: (x) => String(x.rateBp),
        failed,
        totals: r && Object.fromEntries(keys.map((k) => [k, f.plain(r.totals[k])])),
      }}
    />
  );
}

/** Per product: sold and returned over the days, what it came to, and on hand at their end and now. */
export function StockPanel({ query, filters }: PanelProps) {
  const { t, f, r, failed } = useReport('stock', query);
  type Row = StockReport['rows'][number];
  const n = (k: 'soldMilli' | 'returnedMilli' | 'onHandAtEndMilli' | 'onHandNowMilli', header: string) => ({
    key: k,
    header,
    num: true,
    cell: (x: Row) => qty(x[k], f.locale),
    className: (x: Row) => (x[k] < 0 ? 'neg' : undefined),
  });
  const columns: Column<Row>[] = [
    { key: 'name', header: t('reports.by.product'), cell: (x) => x.name },
    {
      key: 'sku',
      header: t('reports.col.sku'),
      cell: (x) => x.sku ?? '',
      headerClassName: 'wide-only',
      className: 'muted sku wide-only',
    },
    n('soldMilli', t('reports.col.sold')),
    n('returnedMilli', t('reports.col.returned')),
    {
      key: 'sales',
      header: `${t('reports.col.sales')} (${r?.currency ?? f.currency})`,
      num: true,
      cell: (x) => f.plain(x.sales),
    },
    n('onHandAtEndMilli', t('reports.col.onHandEnd')),
    n('onHandNowMilli', t('reports.col.onHandNow')),
  ];
  const top = r?.rows.filter((x) => x.soldMilli > 0).slice(0, 8) ?? [];
  return (
    <ReportPanel
      report="stock"
      query={query}
      filters={filters()}
      facts={
        r &&
        t('reports.stock.facts', {
          sold: top.length ? r.rows.filter((x) => x.soldMilli > 0).length : 0,
          count: r.rows.length,
        })
      }
      chart={
        top.length > 0
          ? oneSeries(
              'bar',
              top.map((x) => barLabel(x.name)),
              { name: t('reports.col.sold'), values: top.map((x) => Math.round(x.soldMilli / 1000)) },
            )
          : null
      }
      table={{
        rows: r?.rows,
        columns,
        rowKey: (x) => x.productId,
        empty: t('reports.stock.none'),
        failed,
        virtual: { above: 200, height: 520, rowHeight: 37 },
      }}
    />
  );
}
