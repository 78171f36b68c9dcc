import { useMemo, useState } from 'react';
import type { ChartSpec } from '../../../shared/charts';
import { type NewVsReturningPeriod, type NewVsReturningQuery, PERIOD_KINDS } from '../../../shared/contract/insights';
import type { CurrencyCode } from '../../../shared/money';
import { useT } from '../../i18n';
import { Chart } from '../../ui/Chart';
import type { Column } from '../../ui/DataTable';
import { SelectField } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';
import { InsightPanel, useRangeFilter } from './common';

type By = (typeof PERIOD_KINDS)[number];

/** First-ever sales against repeat sales, per day, week or month, with the share of money from returning customers. */
export function NewVsReturningPanel() {
  const t = useT();
  const f = useShopFormat();
  const { range, valid, fields } = useRangeFilter('ins-nvr', 11);
  const [by, setBy] = useState<By>('month');
  const [asked, setAsked] = useState<NewVsReturningQuery>({ ...range, by });
  const q = useApiQuery('insights', 'newVsReturning', asked, { keepPrevious: true });
  const r = q.data;
  const pct = new Intl.NumberFormat(f.locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const chart = useMemo<ChartSpec | null>(
    () =>
      r?.periods.length
        ? {
            kind: 'stacked',
            categories: r.periods.map((p) => p.period),
            series: [
              { name: t('ins.new'), values: r.periods.map((p) => p.newSales) },
              { name: t('ins.returning'), values: r.periods.map((p) => p.returningSales) },
            ],
            currency: r.currency as CurrencyCode,
          }
        : null,
    [r, t],
  );
  const columns: Column<NewVsReturningPeriod>[] = [
    { key: 'period', header: t('ins.col.period'), className: 'nowrap', cell: (p) => p.period },
    { key: 'newOrders', header: t('ins.col.newOrders'), num: true, cell: (p) => p.newOrders },
    { key: 'newSales', header: t('ins.col.newSales'), num: true, cell: (p) => f.plain(p.newSales) },
    { key: 'retOrders', header: t('ins.col.returningOrders'), num: true, cell: (p) => p.returningOrders },
    { key: 'retSales', header: t('ins.col.returningSales'), num: true, cell: (p) => f.plain(p.returningSales) },
    {
      key: 'loyalty',
      header: t('ins.col.loyalty'),
      num: true,
      cell: (p) => (p.loyaltyPercent === null ? '–' : `${pct.format(p.loyaltyPercent)}%`),
    },
  ];
  return (
    <InsightPanel
      source={{ report: 'newVsReturning', query: asked }}
      onApply={() => valid && setAsked({ ...range, by })}
      filters={
        <>
          {fields}
          <SelectField
            id="ins-nvr-by"
            label={t('ins.filter.by')}
            value={by}
            onChange={setBy}
            options={namedOptions(t, 'ins.by', PERIOD_KINDS)}
          />
        </>
      }
      q={q}
      title={(r) => t('ins.nvr.title', { currency: r.currency })}
      chart={chart && <Chart spec={chart} label={t('ins.tab.newVsReturning')} />}
      table={(r) => ({
        rows: r.periods,
        columns,
        rowKey: (p: NewVsReturningPeriod) => p.period,
        label: t('ins.tab.newVsReturning'),
        empty: t('ins.nvr.empty'),
      })}
    />
  );
}
