import { useState } from 'react';
import type { CustomerSalesReport, CustomerSalesRow } from '../../../shared/contract/insights';
import { useT } from '../../i18n';
import type { Column } from '../../ui/DataTable';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { byId, customerColumn, type Drill, InsightPanel, useRangeFilter } from './common';

type Figures = CustomerSalesReport['totals'];

/** Per customer over a range: sales, refunds, net, how they paid, what they owe now and their points; totals below. */
export function CustomerSalesPanel({ drill }: { drill: Drill }) {
  const t = useT();
  const f = useShopFormat();
  const { range, valid, fields } = useRangeFilter('ins-cs', 0);
  const [asked, setAsked] = useState(range);
  const q = useApiQuery('insights', 'customerSales', asked, { keepPrevious: true });
  const money = (k: keyof Figures, header: string): Column<CustomerSalesRow> => ({
    key: k,
    header,
    num: true,
    cell: (c) => f.plain(c[k]),
  });
  const columns: Column<CustomerSalesRow>[] = [
    customerColumn(t, drill),
    { key: 'sales', header: t('ins.col.sales'), num: true, cell: (c) => c.sales },
    money('gross', t('ins.col.gross')),
    money('refunds', t('ins.col.refunds')),
    money('net', t('ins.col.net')),
    money('averageOrderValue', t('ins.col.aov')),
    money('paidNow', t('ins.col.paidNow')),
    money('putOnAccount', t('ins.col.onAccount')),
    money('paidOffOnAccount', t('ins.col.paidOff')),
    money('balanceNow', t('ins.col.balance')),
    { key: 'pointsEarned', header: t('ins.col.pointsEarned'), num: true, cell: (c) => c.pointsEarned },
    { key: 'pointsRedeemed', header: t('ins.col.pointsRedeemed'), num: true, cell: (c) => c.pointsRedeemed },
  ];
  const totals = (x: Figures) =>
    Object.fromEntries(
      (Object.keys(x) as (keyof Figures)[]).map((k) => [
        k,
        k === 'sales' || k === 'pointsEarned' || k === 'pointsRedeemed' ? x[k] : f.plain(x[k]),
      ]),
    );
  return (
    <InsightPanel
      source={{ report: 'customerSales', query: asked }}
      list={{ drill, title: t('ins.tab.customerSales') }}
      onApply={() => valid && setAsked(range)}
      filters={fields}
      q={q}
      title={(r) => t('ins.cs.title', { currency: r.currency })}
      table={(r) => ({
        rows: r.customers,
        columns,
        rowKey: byId,
        className: 'ins-wide-table',
        empty: t('ins.cs.empty'),
        foot: [{ label: t('ins.total'), testId: 'ins-cs-total', className: 'aging-total', cells: totals(r.totals) }],
        footIn: 'tfoot',
      })}
    />
  );
}
