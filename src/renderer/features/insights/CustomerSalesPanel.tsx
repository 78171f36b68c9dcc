import { useState } from 'react';
import type { CustomerSalesReport, CustomerSalesRow } from '../../../shared/contract/insights';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { type Column, DataTable } from '../../ui/DataTable';
import { ExportButtons } from '../../ui/ExportButtons';
import { useShopFormat } from '../../ui/format';
import { useApiQuery } from '../../ui/query';
import { DateRangeFields, FilterBar, ReportFrame } from '../../ui/ReportFrame';
import { CustomerLink, type Drill, ListButton, monthsBack, ReportState } from './common';

type Figures = CustomerSalesReport['totals'];

/** Per customer over a range: sales, refunds, net, how they paid, what they owe now and their points; totals below. */
export function CustomerSalesPanel({ drill }: { drill: Drill }) {
  const t = useT();
  const f = useShopFormat();
  const today = f.day(Date.now());
  const [range, setRange] = useState({ from: monthsBack(today, 0), to: today });
  const [asked, setAsked] = useState(range);
  const q = useApiQuery('insights', 'customerSales', asked, { keepPrevious: true });
  const r = q.data;
  const money = (k: keyof Figures, header: string): Column<CustomerSalesRow> => ({
    key: k,
    header,
    num: true,
    cell: (c) => f.plain(c[k]),
  });
  const columns: Column<CustomerSalesRow>[] = [
    {
      key: 'name',
      header: t('ins.col.customer'),
      cell: (c) => <CustomerLink id={c.id} name={c.name} onOpen={drill.openCustomer} />,
    },
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
    <ReportFrame
      className="debt-panel ins-panel"
      filters={
        <FilterBar
          className="debt-filters"
          onApply={() => range.from && range.to && range.from <= range.to && setAsked(range)}
        >
          <DateRangeFields
            idPrefix="ins-cs"
            fromLabel={t('ins.filter.from')}
            toLabel={t('ins.filter.to')}
            value={range}
            onChange={setRange}
          />
          <button type="submit" className="btn btn-primary">
            {t('ins.show')}
          </button>
        </FilterBar>
      }
      title={r && t('ins.cs.title', { currency: r.currency })}
      exportGroup={
        r && (
          <div className="ins-actions">
            <ListButton
              onClick={() => drill.openList({ report: 'customerSales', query: asked }, t('ins.tab.customerSales'))}
            />
            <ExportButtons
              label={t('ins.export')}
              fetchFile={(format) => api.insights.export({ report: 'customerSales', query: asked, format })}
            />
          </div>
        )
      }
    >
      {r ? (
        <DataTable
          rows={r.customers}
          columns={columns}
          rowKey={(c) => c.id}
          label={t('ins.tab.customerSales')}
          className="ins-wide-table"
          wrap
          empty={t('ins.cs.empty')}
          foot={[{ label: t('ins.total'), testId: 'ins-cs-total', className: 'aging-total', cells: totals(r.totals) }]}
          footIn="tfoot"
        />
      ) : (
        <ReportState loading={q.isLoading} error={q.isError} />
      )}
    </ReportFrame>
  );
}
