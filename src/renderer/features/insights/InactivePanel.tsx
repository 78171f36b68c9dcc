import { useMemo, useState } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import type { InactiveCustomer, InactiveCustomersQuery } from '../../../shared/contract/insights';
import { useT } from '../../i18n';
import { type Column, DataTable } from '../../ui/DataTable';
import { TextField } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { ChartFigure, customerColumn, type Drill, dayText, InsightPanel } from './common';

const num = (v: string, lo: number, hi: number, fallback: number) => {
  const n = Math.trunc(Number(v));
  return Number.isFinite(n) && v.trim() !== '' ? Math.max(lo, Math.min(hi, n)) : fallback;
};

/** The shop's best spenders who have gone quiet: among the top N over a lookback, those not seen for Q days. */
export function InactivePanel({ drill }: { drill: Drill }) {
  const t = useT();
  const f = useShopFormat();
  const [lookback, setLookback] = useState('180');
  const [quiet, setQuiet] = useState('60');
  const [top, setTop] = useState('20');
  const [asOf, setAsOf] = useState('');
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
        <>
          <TextField id="ins-in-top" label={t('ins.filter.topN')} type="number" min={1} value={top} onChange={setTop} />
          <TextField
            id="ins-in-lookback"
            label={t('ins.filter.lookback')}
            type="number"
            min={1}
            max={3660}
            value={lookback}
            onChange={setLookback}
          />
          <TextField
            id="ins-in-quiet"
            label={t('ins.filter.quiet')}
            type="number"
            min={0}
            max={3660}
            value={quiet}
            onChange={setQuiet}
          />
          <TextField id="ins-in-asof" label={t('ins.filter.asOf')} type="date" value={asOf} onChange={setAsOf} />
        </>
      }
      q={q}
      title={(r) => t('ins.inactive.title', { top: r.top, days: r.quietDays })}
      chart={chart && <ChartFigure spec={chart} caption={t('ins.inactive.chart')} />}
    >
      {(r) => (
        <DataTable
          rows={r.customers}
          columns={columns}
          rowKey={(c) => c.id}
          label={t('ins.tab.inactive')}
          wrap
          empty={t('ins.inactive.empty')}
        />
      )}
    </InsightPanel>
  );
}
