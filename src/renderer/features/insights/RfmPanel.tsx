import { useMemo, useState } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import type { RfmCustomer, RfmQuery, RfmReport } from '../../../shared/contract/insights';
import { useT } from '../../i18n';
import { Chart } from '../../ui/Chart';
import { type Column, DataTable } from '../../ui/DataTable';
import { TextFields } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { useFilterValues } from '../../ui/ReportFrame';
import { asOfSpec, customerColumn, type Drill, daysSpec, InsightPanel, segmentName } from './common';

type SegmentRow = RfmReport['segments'][number];

/** Every active customer scored 1–5 on recency, frequency and money, and the segment that puts them in. */
export function RfmPanel({ drill }: { drill: Drill }) {
  const t = useT();
  const f = useShopFormat();
  const form = useFilterValues({ days: '365', asOf: '' });
  const [asked, setAsked] = useState<RfmQuery>({});
  const q = useApiQuery('insights', 'rfm', asked, { keepPrevious: true });
  const r = q.data;
  const chart = useMemo<ChartSpec | null>(
    () =>
      r
        ? {
            kind: 'bar',
            horizontal: true,
            categories: r.segments.map((s) => segmentName(t, s.segment)),
            series: [{ name: t('ins.customers'), values: r.segments.map((s) => s.customers) }],
          }
        : null,
    [r, t],
  );
  const segmentColumns: Column<SegmentRow>[] = [
    { key: 'segment', header: t('ins.col.segment'), cell: (s) => segmentName(t, s.segment) },
    { key: 'customers', header: t('ins.customers'), num: true, cell: (s) => s.customers },
    {
      key: 'open',
      header: <span className="sr-only">{t('ins.col.actions')}</span>,
      cell: (s) =>
        s.customers > 0 && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() =>
              drill.openList({ report: 'rfm', query: asked, segment: s.segment }, segmentName(t, s.segment))
            }
            aria-label={t('ins.rfm.showSegment', { segment: segmentName(t, s.segment) })}
          >
            {t('ins.asList')}
          </button>
        ),
    },
  ];
  const columns: Column<RfmCustomer>[] = [
    customerColumn(t, drill),
    { key: 'segment', header: t('ins.col.segment'), cell: (c) => segmentName(t, c.segment) },
    { key: 'recency', header: t('ins.col.daysSince'), num: true, cell: (c) => c.recencyDays },
    { key: 'frequency', header: t('ins.col.sales'), num: true, cell: (c) => c.frequency },
    {
      key: 'monetary',
      header: t('ins.col.spendIn', { currency: f.currency }),
      num: true,
      cell: (c) => f.plain(c.monetary),
    },
    { key: 'rfm', header: t('ins.col.scores'), num: true, className: 'mono', cell: (c) => `${c.r}${c.f}${c.m}` },
  ];
  return (
    <InsightPanel
      source={{ report: 'rfm', query: asked }}
      onApply={() => {
        const { days, asOf } = form.values;
        const d = Math.trunc(Number(days));
        setAsked({ days: d >= 1 && d <= 3660 ? d : 365, asOf: asOf || undefined });
      }}
      filters={
        <TextFields
          specs={[daysSpec('days', 'ins-rfm-days', t('ins.filter.windowDays')), asOfSpec(t, 'ins-rfm-asof')]}
          {...form}
        />
      }
      q={q}
      title={(r) => t('ins.rfm.title', { count: r.days, date: f.date(Date.parse(`${r.asOf}T12:00:00Z`)) })}
      facts={(r) => <p className="muted">{r.scoring === 'fixed' ? t('ins.rfm.fixed') : t('ins.rfm.quintiles')}</p>}
      chart={chart && <Chart spec={chart} label={t('ins.dash.chart.segments')} height={300} />}
    >
      {(r) => (
        <>
          <DataTable
            rows={r.segments}
            columns={segmentColumns}
            rowKey={(s) => s.segment}
            label={t('ins.rfm.segments')}
          />
          <DataTable
            rows={r.customers}
            columns={columns}
            rowKey={(c) => c.id}
            label={t('ins.tab.rfm')}
            empty={t('ins.rfm.empty')}
            virtual={{ above: 200, height: 480, rowHeight: 40 }}
          />
        </>
      )}
    </InsightPanel>
  );
}
