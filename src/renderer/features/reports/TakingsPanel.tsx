import type { ChartSpec } from '../../../shared/charts';
import type { Takings, TakingsDay } from '../../../shared/contract/reports';
import type { PaymentMethod } from '../../../shared/contract/sales';
import type { CurrencyCode } from '../../../shared/money';
import type { MessageKey } from '../../i18n';
import type { Column } from '../../ui/DataTable';
import { ordersColumn, type PanelProps, ReportPanel, totalColumn, useReport } from './ReportPanel';

const amountOf = (rows: TakingsDay['sales'], m: PaymentMethod) => rows.find((r) => r.method === m)?.amount ?? 0;
const sumOf = (rows: TakingsDay['sales']) => rows.reduce((a, r) => a + r.amount, 0);

/** Each day's sales stacked by how they were paid: busy days and the cash share stand out. */
function takingsChart(r: Takings, name: (m: PaymentMethod) => string): ChartSpec | null {
  if (r.totals.orders === 0) return null;
  return {
    kind: 'stacked',
    categories: r.days.map((d) => d.day.slice(5)),
    series: r.methods.map((m) => ({ name: name(m), values: r.days.map((d) => amountOf(d.sales, m)) })),
    currency: r.currency as CurrencyCode,
  };
}

/** What came in each day, by payment method, refunds and debt payments apart. */
export function TakingsPanel({ query, filters }: PanelProps) {
  const { t, f, r, failed } = useReport('takings', query);
  const method = (m: PaymentMethod) => t(`method.${m}` as MessageKey);
  const money = (v: number) => (v ? f.plain(v) : '–');
  type Row = Omit<TakingsDay, 'day'>;
  const columns: Column<TakingsDay>[] = [
    { key: 'day', header: t('reports.day'), cell: (d) => d.day, className: 'day' },
    ordersColumn(t),
    ...(r?.methods ?? []).map(
      (m): Column<TakingsDay> => ({
        key: m,
        header: method(m),
        num: true,
        cell: (d) => money(amountOf(d.sales, m)),
        className: (d) => (amountOf(d.sales, m) ? undefined : 'muted'),
      }),
    ),
    { key: 'refunds', header: t('reports.refunds'), num: true, cell: (d) => money(-sumOf(d.refunds)) },
    { key: 'debt', header: t('reports.debt'), num: true, cell: (d) => money(sumOf(d.debt)) },
    totalColumn('taken', t('reports.taken'), r?.currency ?? f.currency, (d) => f.plain(d.taken)),
  ];
  const totals = (x: Row) => ({
    orders: x.orders,
    ...Object.fromEntries((r?.methods ?? []).map((m) => [m, f.plain(amountOf(x.sales, m))])),
    refunds: f.plain(-sumOf(x.refunds)),
    debt: f.plain(sumOf(x.debt)),
    taken: f.plain(x.taken),
  });
  return (
    <ReportPanel
      report="takings"
      query={query}
      filters={filters()}
      facts={r && t('reports.takings.facts', { amount: f.money(r.totals.taken), orders: r.totals.orders })}
      chart={r && takingsChart(r, method)}
      table={{
        rows: r?.days,
        columns,
        rowKey: (d) => d.day,
        failed,
        totals: r && totals(r.totals),
        totalsTestId: 'takings-total',
      }}
    />
  );
}
