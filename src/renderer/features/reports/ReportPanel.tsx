import type { ReactNode } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import type { ReportKind, ReportQuery, SalesBy } from '../../../shared/contract/reports';
import type { CurrencyCode } from '../../../shared/money';
import { type MessageKey, type TFunction, useT } from '../../i18n';
import { api } from '../../lib/api';
import { Chart } from '../../ui/Chart';
import { type Column, DataTable } from '../../ui/DataTable';
import { ExportButtons } from '../../ui/ExportButtons';
import { SelectField } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { type InputOf, useApiQuery } from '../../ui/query';
import { DateRangeFields, FilterBar, ReportFrame } from '../../ui/ReportFrame';
import { blankFirst, rowOptions } from '../../ui/SelectFields';

/** What every report panel gets from the screen: the question last asked, and the filter bar to show above it. */
export interface PanelProps {
  query: ReportQuery;
  /** the shared filters, with a panel's own fields (e.g. Group by) put before the Show button */
  filters: (extra?: ReactNode) => ReactNode;
}

/**
 * The filters every report shares: the days, the till and the member of staff. Enter in any field or Show asks
 * the question; the screen keeps it when the tab changes, so each report answers the same question.
 */
export function ReportFilterBar({
  value,
  onChange,
  onApply,
  children,
}: {
  value: ReportQuery;
  onChange: (q: ReportQuery) => void;
  onApply: () => void;
  children?: ReactNode;
}) {
  const t = useT();
  const lists = useApiQuery('reports', 'filters', null).data;
  const tills = lists?.tills ?? [];
  const staff = lists?.staff ?? [];
  return (
    <FilterBar className="debt-filters report-filters" onApply={onApply}>
      <DateRangeFields
        idPrefix="report"
        labels={[t('reports.from'), t('reports.to')]}
        value={value}
        onChange={(v) => onChange({ ...value, ...v })}
      />
      {tills.length > 1 && (
        <SelectField
          id="report-till"
          label={t('reports.till')}
          value={value.tillId ?? ''}
          onChange={(v) => onChange({ ...value, tillId: v || undefined })}
          options={blankFirst(t('reports.allTills'), rowOptions(tills))}
        />
      )}
      <SelectField
        id="report-staff"
        label={t('reports.staff')}
        value={value.staffId ?? ''}
        onChange={(v) => onChange({ ...value, staffId: v || undefined })}
        options={[
          { value: '', label: t('reports.allStaff') },
          ...staff.map((x) => ({ value: x.id, label: x.active ? x.name : t('reports.staffLeft', { name: x.name }) })),
        ]}
      />
      {children}
      <button type="submit" className="btn btn-primary">
        {t('reports.show')}
      </button>
    </FilterBar>
  );
}

/**
 * One report on the kit's frame: the filters, its title with the Excel/CSV/PDF buttons beside it, a line of facts,
 * its chart (with the figures in the table under it), then its table. The title, the chart's name and the table's
 * are the report's own words (`reports.<report>.title` over the days, `reports.chart.<report>`, its tab's name)
 * unless given.
 */
export function ReportPanel<R>({
  report,
  by,
  query,
  filters,
  title,
  facts,
  chart,
  chartLabel,
  table,
}: {
  report: ReportKind;
  by?: SalesBy;
  query: ReportQuery;
  filters: ReactNode;
  title?: string;
  facts?: ReactNode;
  /** null while loading, or when there is nothing to draw */
  chart?: ChartSpec | null;
  chartLabel?: string;
  table: Omit<ReportTableProps<R>, 'label'> & { label?: string };
}) {
  const t = useT();
  const tab = t(`reports.tab.${report}` as MessageKey);
  return (
    <ReportFrame
      className="debt-panel report-panel"
      filters={filters}
      title={title ?? t(`reports.${report}.title` as MessageKey, { from: query.from, to: query.to })}
      exportGroup={
        <ExportButtons
          label={t('reports.exportOf', { report: tab })}
          fetchFile={(format) => api.reports.export({ ...query, report, by: by ?? 'product', format })}
        />
      }
      facts={facts && <p className="muted report-facts">{facts}</p>}
      chart={
        chart && <Chart spec={chart} label={chartLabel ?? t(`reports.chart.${report}` as MessageKey)} height={220} />
      }
    >
      <ReportTable label={tab} {...table} />
    </ReportFrame>
  );
}

type ReportVerb = 'takings' | 'discounts' | 'taxes' | 'stock' | 'peaks' | 'basket' | 'salesBy';

/**
 * What every report panel reads first: its figures for the question (the last ones kept in sight until the next come),
 * whether reading them failed, and the words and shop formats it writes them in.
 */
export function useReport<V extends ReportVerb>(verb: V, query: InputOf<'reports', V>) {
  const q = useApiQuery('reports', verb, query, { keepPrevious: true });
  return { t: useT(), f: useShopFormat(), r: q.data, failed: q.isError };
}

/** The count of sales a row stands for. */
export const ordersColumn = <R extends { orders: number }>(t: TFunction): Column<R> => ({
  key: 'orders',
  header: t('reports.orders'),
  num: true,
  cell: (x) => x.orders,
});

/** A chart of one series over its categories; money in the report's currency when one is given. */
export function oneSeries(
  kind: 'bar' | 'line',
  categories: string[],
  series: { name: string; values: (number | null)[] },
  currency?: string,
): ChartSpec {
  return { kind, categories, series: [series], currency: currency as CurrencyCode | undefined };
}

/** A report's last column: its money total in the report's currency (named in the header), in bold. */
export function totalColumn<R>(key: string, header: string, currency: string, cell: (row: R) => ReactNode): Column<R> {
  return { key, header: `${header} (${currency})`, num: true, cell, className: 'strong' };
}

type ReportTableProps<R> = {
  rows: readonly R[] | null | undefined;
  columns: readonly Column<R>[];
  rowKey: (row: R) => string;
  label: string;
  empty?: string;
  failed: boolean;
  totals?: Partial<Record<string, ReactNode>> | null;
  totalsTestId?: string;
  virtual?: { above: number; height: number; rowHeight: number };
};

/**
 * A report's table: the kit's data table with the reports' loading and failure words, nothing-found line and a total
 * row at the bottom (its cells by column key) once the figures are in.
 */
function ReportTable<R>({
  rows,
  columns,
  rowKey,
  label,
  empty,
  failed,
  totals,
  totalsTestId,
  virtual,
}: ReportTableProps<R>) {
  const t = useT();
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={rowKey}
      label={label}
      className="takings-table"
      wrap
      empty={empty ?? t('reports.none')}
      loading={t('reports.loading')}
      error={failed ? t('reports.failed') : undefined}
      foot={
        totals ? [{ label: t('reports.total'), className: 'aging-total', testId: totalsTestId, cells: totals }] : []
      }
      virtual={virtual}
    />
  );
}

/** A quantity in thousandths as the shop reads it (1500 → 1.5), in the shop's locale. */
export function qty(milli: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(milli / 1000);
}

/** A rate in basis points as a percentage (1800 → 18%). */
export function rate(bp: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(bp / 100)}%`;
}

export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;
