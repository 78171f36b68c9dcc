import { useMemo } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import type { CurrencyCode } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { Chart } from '../../ui/Chart';
import { ExportButtons } from '../../ui/ExportButtons';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { type Drill, ReportState, segmentName } from './common';

/** The headline figures of the last 90 days and three charts: who is new, which segments, what they spend. */
export function Dashboard({ drill }: { drill: Drill }) {
  const t = useT();
  const f = useShopFormat();
  const q = useApiQuery('insights', 'dashboard', {});
  const cohorts = useApiQuery('insights', 'cohorts', {});
  const d = q.data;
  const heat = useMemo<ChartSpec | null>(() => {
    const c = cohorts.data?.cohorts.filter((x) => x.customers > 0);
    if (!c?.length) return null;
    const width = Math.max(...c.map((x) => x.retention.length));
    return {
      kind: 'heatmap',
      rows: c.map((x) => t('ins.cohort.row', { month: x.month, count: x.customers })),
      columns: Array.from({ length: width }, (_, i) => t('ins.cohort.offset', { n: i })),
      cells: c.flatMap((x, row) => x.retention.map((r): [number, number, number] => [r.offset, row, r.percent])),
    };
  }, [cohorts.data, t]);
  const charts = useMemo(() => {
    if (!d) return null;
    const months = d.months.map((p) => p.period);
    const currency = d.currency as CurrencyCode;
    const newVsReturning: ChartSpec = {
      kind: 'stacked',
      categories: months,
      series: [
        { name: t('ins.new'), values: d.months.map((p) => p.newOrders) },
        { name: t('ins.returning'), values: d.months.map((p) => p.returningOrders) },
      ],
    };
    const segments: ChartSpec = {
      kind: 'bar',
      horizontal: true,
      categories: d.segments.map((s) => segmentName(t, s.segment)),
      series: [{ name: t('ins.customers'), values: d.segments.map((s) => s.customers) }],
    };
    const spend: ChartSpec = {
      kind: 'bar',
      categories: months,
      series: [{ name: t('ins.customerSales'), values: d.months.map((p) => p.newSales + p.returningSales) }],
      currency,
    };
    return { newVsReturning, segments, spend };
  }, [d, t]);
  if (!d || !charts) return <ReportState loading={q.isLoading} error={q.isError} />;
  const orders = d.newOrders90 + d.returningOrders90;
  const pct = (n: number) => (orders ? `${Math.round((n / orders) * 100)}%` : '–');
  return (
    <div className="ins-dashboard">
      <p className="muted">{t('ins.dash.asOf', { date: f.date(Date.parse(`${d.asOf}T12:00:00Z`)) })}</p>
      <ul className="ins-tiles" aria-label={t('ins.dash.headline')}>
        <li className="ins-tile">
          <span className="ins-tile-label">{t('ins.dash.buyers')}</span>
          <strong className="ins-tile-value" data-testid="ins-buyers">
            {new Intl.NumberFormat(f.locale).format(d.buyers90)}
          </strong>
        </li>
        <li className="ins-tile">
          <span className="ins-tile-label">{t('ins.dash.netSpend')}</span>
          <strong className="ins-tile-value" data-testid="ins-net">
            {f.money(d.netSpend90)}
          </strong>
        </li>
        <li className="ins-tile">
          <span className="ins-tile-label">{t('ins.dash.newReturning')}</span>
          <strong className="ins-tile-value">
            {pct(d.newOrders90)} / {pct(d.returningOrders90)}
          </strong>
          <span className="muted">{t('ins.dash.newReturningOf', { count: orders })}</span>
        </li>
        <li className="ins-tile">
          <span className="ins-tile-label">{t('ins.dash.atRisk')}</span>
          <strong className="ins-tile-value" data-testid="ins-at-risk">
            {d.atRisk}
          </strong>
          <button
            type="button"
            className="btn btn-sm"
            disabled={d.atRisk === 0}
            onClick={() => drill.openList({ report: 'rfm', query: {}, segment: 'At risk' }, segmentName(t, 'At risk'))}
          >
            {t('ins.dash.showAtRisk')}
          </button>
        </li>
      </ul>
      <div className="ins-charts">
        <figure className="card ins-chart">
          <figcaption>{t('ins.dash.chart.newVsReturning')}</figcaption>
          <Chart spec={charts.newVsReturning} label={t('ins.dash.chart.newVsReturning')} height={260} />
        </figure>
        <figure className="card ins-chart">
          <figcaption>{t('ins.dash.chart.segments')}</figcaption>
          <Chart spec={charts.segments} label={t('ins.dash.chart.segments')} height={260} />
        </figure>
        {heat && (
          <figure className="card ins-chart ins-chart-wide">
            <div className="debt-bar">
              <figcaption>{t('ins.dash.chart.cohorts')}</figcaption>
              <ExportButtons
                label={t('ins.dash.exportCohorts')}
                fetchFile={(format) => api.insights.export({ report: 'cohorts', query: {}, format })}
              />
            </div>
            <Chart
              spec={heat}
              label={t('ins.dash.chart.cohorts')}
              height={Math.max(220, 30 * (heat.kind === 'heatmap' ? heat.rows.length : 0) + 90)}
            />
          </figure>
        )}
        <figure className="card ins-chart ins-chart-wide">
          <figcaption>{t('ins.dash.chart.spend', { currency: d.currency })}</figcaption>
          <Chart spec={charts.spend} label={t('ins.dash.chart.spend', { currency: d.currency })} height={220} />
        </figure>
      </div>
    </div>
  );
}
