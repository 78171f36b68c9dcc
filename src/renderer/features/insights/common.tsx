import { type ReactNode, useState } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import type { RfmSegment } from '../../../shared/contract/insights';
import type { CustomerListSource, InsightsExportInput } from '../../../shared/contract/insights-files';
import { type MessageKey, type TFunction, useT } from '../../i18n';
import { api } from '../../lib/api';
import { Chart } from '../../ui/Chart';
import { type Column, DataTable, type DataTableProps } from '../../ui/DataTable';
import { ExportButtons } from '../../ui/ExportButtons';
import type { TextSpec } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { DateRangeFields, FilterBar, ReportFrame } from '../../ui/ReportFrame';

/** The message key of an RFM segment's name: "Can't lose" → ins.segment.cantLose. */
export function segmentKey(s: RfmSegment | string): MessageKey {
  const words = s.replace(/[^A-Za-z ]/g, '').split(' ');
  const slug = words.map((w, i) => (i ? w.charAt(0).toUpperCase() + w.slice(1) : w.toLowerCase())).join('');
  return `ins.segment.${slug}` as MessageKey;
}
export const segmentName = (t: TFunction, s: string) => t(segmentKey(s));

/** What the screens do with a report's customers: open one, or open them all as a list. */
export interface Drill {
  openCustomer: (id: string) => void;
  openList: (source: CustomerListSource, title: string) => void;
}

/** A customer's name that opens their page (mouse and keyboard alike). */
export function CustomerLink({ id, name, onOpen }: { id: string; name: string; onOpen: (id: string) => void }) {
  const t = useT();
  return (
    <button type="button" className="ins-link" onClick={() => onOpen(id)} aria-label={t('ins.openCustomer', { name })}>
      {name || '—'}
    </button>
  );
}

/** The first column of a report over customers: their name, opening their page. */
export function customerColumn<R extends { id: string; name: string }>(t: TFunction, drill: Drill): Column<R> {
  return {
    key: 'name',
    header: t('ins.col.customer'),
    cell: (c) => <CustomerLink id={c.id} name={c.name} onOpen={drill.openCustomer} />,
  };
}

/** "Open as a customer list" for a report's current rows. */
export function ListButton({ onClick, children }: { onClick: () => void; children?: ReactNode }) {
  const t = useT();
  return (
    <button type="button" className="btn btn-sm" onClick={onClick}>
      {children ?? t('ins.asList')}
    </button>
  );
}

/** The states every report shows before its rows: reading, failed. */
export function ReportState({ loading, error }: { loading: boolean; error: boolean }) {
  const t = useT();
  if (error)
    return (
      <p className="muted" role="alert">
        {t('ins.failed')}
      </p>
    );
  if (loading) return <p className="muted">{t('ins.loading')}</p>;
  return null;
}

/** YYYY-MM-DD n days before/after a day (calendar arithmetic in UTC: days have no time here). */
export function shiftDay(ymd: string, n: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
/** the first of the month `back` months before the day's month */
export function monthsBack(ymd: string, back: number): string {
  const d = new Date(Date.parse(`${ymd.slice(0, 7)}-01T00:00:00Z`));
  d.setUTCMonth(d.getUTCMonth() - back);
  return d.toISOString().slice(0, 10);
}
/** a shop day written the shop's way */
export const dayText = (date: (ms: number) => string, ymd: string) => date(Date.parse(`${ymd}T12:00:00Z`));

/** A filter's count of days (up to ten years back), from `min`. */
export const daysSpec = <K extends string>(key: K, id: string, label: string, min = 1): TextSpec<K> => ({
  key,
  id,
  label,
  type: 'number',
  min,
  max: 3660,
});
/** The day a report is read as of (blank: today). */
export const asOfSpec = (t: TFunction, id: string): TextSpec<'asOf'> => ({
  key: 'asOf',
  id,
  label: t('ins.filter.asOf'),
  type: 'date',
});

/** a sideways bar chart tall enough for every name beside its bar */
export const barsHeight = (spec: ChartSpec) =>
  spec.kind === 'heatmap' ? 300 : Math.max(180, spec.categories.length * 28 + 40);

/** A report's chart with words saying what it measures (the table below holds the same figures). */
export function ChartFigure({ spec, caption }: { spec: ChartSpec; caption: string }) {
  return (
    <figure className="ins-figure">
      <figcaption className="muted">{caption}</figcaption>
      <Chart spec={spec} label={caption} height={barsHeight(spec)} />
    </figure>
  );
}

/**
 * A report's from–to filter, from the first of the month `monthsAgo` months back to today, with its two date fields;
 * `valid` once both days are set and in order.
 */
export function useRangeFilter(idPrefix: string, monthsAgo: number) {
  const t = useT();
  const f = useShopFormat();
  const [range, setRange] = useState(() => {
    const today = f.day(Date.now());
    return { from: monthsBack(today, monthsAgo), to: today };
  });
  const fields = (
    <DateRangeFields
      idPrefix={idPrefix}
      labels={[t('ins.filter.from'), t('ins.filter.to')]}
      value={range}
      onChange={setRange}
    />
  );
  return { range, valid: Boolean(range.from && range.to && range.from <= range.to), fields };
}

/** A report's table: scrolled sideways when wide, named as the report's list unless told. */
type ReportTable<Row> = Omit<DataTableProps<Row>, 'label'> & { label?: string };
/** the key of a row that has an id (most report rows: customers) */
export const byId = (row: { id: string }) => row.id;

/** an export's input without its format (each report's own shape kept) */
type Exported = InsightsExportInput extends infer I ? (I extends unknown ? Omit<I, 'format'> : never) : never;

/**
 * One insights report: its filters with Show, the title with the export buttons (and "as a list" where the report's
 * customers can be opened as one), the facts and chart, then the rows once they are read.
 */
export function InsightPanel<R, Row = unknown>({
  source,
  list,
  onApply,
  filters,
  q,
  title,
  facts,
  chart,
  table,
  children,
}: {
  /** the report and question the export buttons (and the list) are for */
  source: Exported;
  list?: { drill: Drill; title: string };
  onApply: () => void;
  filters: ReactNode;
  q: { data: R | undefined; isLoading: boolean; isError: boolean };
  title: (r: R) => ReactNode;
  facts?: (r: R) => ReactNode;
  chart?: ReactNode;
  /** the report's one table (named as its list unless told), or `children` for anything else */
  table?: (r: R) => ReportTable<Row>;
  children?: (r: R) => ReactNode;
}) {
  const t = useT();
  const r = q.data;
  const exportButtons = r && (
    <ExportButtons
      label={t('ins.export')}
      fetchFile={(format) => api.insights.export({ ...source, format } as InsightsExportInput)}
    />
  );
  return (
    <ReportFrame
      className="debt-panel ins-panel"
      filters={
        <FilterBar className="debt-filters" onApply={onApply}>
          {filters}
          <button type="submit" className="btn btn-primary">
            {t('ins.show')}
          </button>
        </FilterBar>
      }
      title={r ? title(r) : undefined}
      exportGroup={
        exportButtons &&
        (list ? (
          <div className="ins-actions">
            <ListButton onClick={() => list.drill.openList(source as CustomerListSource, list.title)} />
            {exportButtons}
          </div>
        ) : (
          exportButtons
        ))
      }
      facts={r ? facts?.(r) : undefined}
      chart={chart}
    >
      {r ? (
        table ? (
          <DataTable label={list?.title} wrap {...table(r)} />
        ) : (
          children?.(r)
        )
      ) : (
        <ReportState loading={q.isLoading} error={q.isError} />
      )}
    </ReportFrame>
  );
}
