import { useMemo, useState } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import { TOP_WINDOWS, type TopCustomer, type TopCustomersQuery } from '../../../shared/contract/insights';
import type { CurrencyCode } from '../../../shared/money';
import { useT } from '../../i18n';
import type { Column } from '../../ui/DataTable';
import { SelectField, TextFields } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { useFilterValues } from '../../ui/ReportFrame';
import { asOfSpec, byId, ChartFigure, customerColumn, type Drill, InsightPanel } from './common';

const CHART_BARS = 15;

/** The customers who spent most over a window, with how often they bought. */
export function TopCustomersPanel({ drill }: { drill: Drill }) {
  const t = useT();
  const f = useShopFormat();
  const [days, setDays] = useState('90');
  const form = useFilterValues({ limit: '10', asOf: '' });
  const [asked, setAsked] = useState<TopCustomersQuery>({ days: 90, limit: 10 });
  const q = useApiQuery('insights', 'topCustomers', asked, { keepPrevious: true });
  const r = q.data;
  const chart = useMemo<ChartSpec | null>(() => {
    const shown = r?.customers.slice(0, CHART_BARS) ?? [];
    if (!r || !shown.length) return null;
    return {
      kind: 'bar',
      horizontal: true,
      categories: shown.map((c) => c.name),
      series: [{ name: t('ins.col.spend'), values: shown.map((c) => c.spend) }],
      currency: r.currency as CurrencyCode,
    };
  }, [r, t]);
  const columns: Column<TopCustomer & { rank: number }>[] = [
    { key: 'rank', header: '#', num: true, cell: (c) => c.rank },
    customerColumn(t, drill),
    { key: 'orders', header: t('ins.col.sales'), num: true, cell: (c) => c.orders },
    { key: 'spend', header: t('ins.col.spendIn', { currency: f.currency }), num: true, cell: (c) => f.plain(c.spend) },
  ];
  const { limit, asOf } = form.values;
  const apply = () =>
    setAsked({
      days: Number(days),
      limit: Math.max(1, Math.min(10_000, Number(limit) || 10)),
      asOf: asOf || undefined,
    });
  return (
    <InsightPanel
      source={{ report: 'topCustomers', query: asked }}
      list={{ drill, title: t('ins.tab.top') }}
      onApply={apply}
      filters={
        <>
          <SelectField
            id="ins-top-days"
            label={t('ins.filter.window')}
            value={days}
            onChange={setDays}
            options={TOP_WINDOWS.map((d) => ({ value: String(d), label: t('ins.days', { count: d }) }))}
          />
          <TextFields
            specs={[
              { key: 'limit', id: 'ins-top-limit', label: t('ins.filter.limit'), type: 'number', min: 1, max: 10000 },
              asOfSpec(t, 'ins-top-asof'),
            ]}
            {...form}
          />
        </>
      }
      q={q}
      title={(r) => t('ins.top.title', { count: r.days, date: f.date(Date.parse(`${r.asOf}T12:00:00Z`)) })}
      chart={chart && <ChartFigure spec={chart} caption={t('ins.top.chart', { currency: f.currency })} />}
      table={(r) => ({
        rows: r.customers.map((c, i) => ({ ...c, rank: i + 1 })),
        columns,
        rowKey: byId,
        empty: t('ins.top.empty'),
      })}
    />
  );
}
