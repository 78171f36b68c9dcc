import { useMemo, useState } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import type { InactiveCustomer, InactiveCustomersQuery } from '../../../shared/contract/insights';
import { useT } from '../../i18n';
import type { Column } from '../../ui/DataTable';
import { TextFields } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { useFilterValues } from '../../ui/ReportFrame';
import { asOfSpec, byId, ChartFigure, customerColumn, type Drill, daysSpec, dayText, InsightPanel } from './common';

const num = (v: string, lo: number, hi: number, fallback: number) => {
  const n = Math.trunc(Number(v));
  return Number.isFinite(n) && v.trim() !== '' ? Math.max(lo, Math.min(hi, n)) : fallback;
};

/** The shop's best spenders who have gone quiet: among the top N over a lookback, those not seen for Q days. */
export function InactivePanel({ drill }: { drill: Drill }) {
  const t = useT();
  const f = useShopFormat();
  const form = useFilterValues({ top: '20', lookback: '180', quiet: '60', asOf: '' });
  const [asked, setAsked] = useState<InactiveCustomersQuery>({ lookbackDays: 180, quietDays: 60, top: 20 });
  const q = useApiQuery('insights', 'inactiveCustomers', asked, { keepPrevious: true });
  const r = q.data;
  const chart = useMemo<ChartSpec | null>(() => {
    const shown = r?.customers.slice(0, 15) ?? [];
    if (!shown.length) return null;
    return {
      kind: 'bar',
      horizontal: true,
      categories: shown.map((c) => c.name),
      series: [{ name: t('ins.col.daysSince'), values: shown.map((c) => c.daysSinceLastPurchase) }],
    };
  }, [r, t]);
  const columns: Column<InactiveCustomer>[] = [
    customerColumn(t, drill),
    { key: 'spend', header: t('ins.col.spendIn', { currency: f.currency }), num: true, cell: (c) => f.plain(c.spend) },
    { key: 'last', header: t('ins.col.lastPurchase'), num: true, cell: (c) => dayText(f.date, c.lastPurchaseAt) },
    { key: 'since', header: t('ins.col.daysSince'), num: true, cell: (c) => c.daysSinceLastPurchase },
  ];
  const { top, lookback, quiet, asOf } = form.values;
  const apply = () =>
    setAsked({
      lookbackDays: num(lookback, 1, 3660, 180),
      quietDays: num(quiet, 0, 3660, 60),
      top: num(top, 1, 100_000, 20),
      asOf: asOf || undefined,
    });
  return (
    <InsightPanel
      source={{ report: 'inactiveCustomers', query: asked }}
      list={{ drill, title: t('ins.tab.inactive') }}
      onApply={apply}
      filters={
        <TextFields
          specs={[
            { key: 'top', id: 'ins-in-top', label: t('ins.filter.topN'), type: 'number', min: 1 },
            daysSpec('lookback', 'ins-in-lookback', t('ins.filter.lookback')),
            daysSpec('quiet', 'ins-in-quiet', t('ins.filter.quiet'), 0),
            asOfSpec(t, 'ins-in-asof'),
          ]}
          {...form}
        />
      }
      q={q}
      title={(r) => t('ins.inactive.title', { top: r.top, days: r.quietDays })}
      chart={chart && <ChartFigure spec={chart} caption={t('ins.inactive.chart')} />}
      table={(r) => ({ rows: r.customers, columns, rowKey: byId, empty: t('ins.inactive.empty') })}
    />
  );
}
