import type { BasketReport, PeaksReport } from '../../../shared/contract/reports';
import type { MessageKey } from '../../i18n';
import type { Column } from '../../ui/DataTable';
import {
  hourLabel,
  oneSeries,
  ordersColumn,
  type PanelProps,
  qty,
  ReportPanel,
  totalColumn,
  useReport,
} from './ReportPanel';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

/** When the shop is busy: money taken by hour of day (bars) and, in the table, by hour and weekday. */
export function PeaksPanel({ query, filters }: PanelProps) {
  const { t, f, r, failed } = useReport('peaks', query);
  const day = (wd: number) => t(`reports.weekday.${wd}` as MessageKey);
  const busy = r?.hours.filter((h) => h.orders > 0) ?? [];
  const first = busy[0]?.hour ?? 0;
  const last = busy.at(-1)?.hour ?? 0;
  const shown = r?.hours.filter((h) => h.hour >= first && h.hour <= last) ?? [];
  const cell = (wd: number, h: number) => r?.cells.find((c) => c.weekday === wd && c.hour === h)?.total ?? 0;
  type Hour = PeaksReport['hours'][number];
  const columns: Column<Hour>[] = [
    { key: 'hour', header: t('reports.col.hour'), cell: (h) => hourLabel(h.hour) },
    ordersColumn(t),
    ...WEEKDAYS.map(
      (wd): Column<Hour> => ({
        key: `wd${wd}`,
        header: day(wd),
        num: true,
        cell: (h) => (cell(wd, h.hour) ? f.plain(cell(wd, h.hour)) : '–'),
        className: (h) => (cell(wd, h.hour) ? undefined : 'muted'),
      }),
    ),
    totalColumn('total', t('reports.total'), r?.currency ?? f.currency, (h: Hour) => f.plain(h.total)),
  ];
  const top = busy.reduce<Hour | null>((a, h) => (!a || h.total > a.total ? h : a), null);
  const topDay = r?.weekdays.reduce((a, w) => (w.total > a.total ? w : a), r.weekdays[0] ?? { weekday: 0, total: 0 });
  return (
    <ReportPanel
      report="peaks"
      query={query}
      filters={filters()}
      facts={
        top &&
        topDay &&
        t('reports.peaks.facts', {
          hour: hourLabel(top.hour),
          amount: f.money(top.total),
          day: day(topDay.weekday),
          dayAmount: f.money(topDay.total),
        })
      }
      chart={
        r && busy.length > 0
          ? oneSeries(
              'bar',
              shown.map((h) => hourLabel(h.hour)),
              { name: t('reports.total'), values: shown.map((h) => h.total) },
              r.currency,
            )
          : null
      }
      table={{
        rows: r ? busy : undefined,
        columns,
        rowKey: (h) => String(h.hour),
        failed,
        totals: r && {
          orders: r.orders,
          ...Object.fromEntries(r.weekdays.map((w) => [`wd${w.weekday}`, f.plain(w.total)])),
          total: f.plain(r.total),
        },
      }}
    />
  );
}

/** The average sale each day, drawn as a line, with the lines and quantity a sale had. */
export function BasketPanel({ query, filters }: PanelProps) {
  const { t, f, r, failed } = useReport('basket', query);
  type Day = BasketReport['days'][number];
  const columns: Column<Day>[] = [
    { key: 'day', header: t('reports.day'), cell: (d) => d.day, className: 'day' },
    ordersColumn(t),
    { key: 'lines', header: t('reports.col.lines'), num: true, cell: (d) => d.lines },
    { key: 'qty', header: t('reports.col.qty'), num: true, cell: (d) => qty(d.qtyMilli, f.locale) },
    { key: 'total', header: t('reports.total'), num: true, cell: (d) => f.plain(d.total) },
    totalColumn('average', t('reports.col.average'), r?.currency ?? f.currency, (d: Day) =>
      d.orders ? f.plain(d.average) : '–',
    ),
  ];
  return (
    <ReportPanel
      report="basket"
      query={query}
      filters={filters()}
      facts={r && t('reports.averageBasket', { amount: f.money(r.totals.average), orders: r.totals.orders })}
      chart={
        r && r.totals.orders > 0
          ? oneSeries(
              'line',
              r.days.map((d) => d.day.slice(5)),
              { name: t('reports.col.average'), values: r.days.map((d) => (d.orders ? d.average : null)) },
              r.currency,
            )
          : null
      }
      table={{
        rows: r?.days,
        columns,
        rowKey: (d) => d.day,
        failed,
        totals: r && {
          orders: r.totals.orders,
          lines: r.totals.lines,
          qty: qty(r.totals.qtyMilli, f.locale),
          total: f.plain(r.totals.total),
          average: f.plain(r.totals.average),
        },
      }}
    />
  );
}
