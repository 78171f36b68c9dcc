import { type ReactNode, useState } from 'react';
import type { ReportQuery } from '../../../shared/contract/reports';
import { useShell } from '../../lib/session';
import { useShopFormat } from '../../ui/format';
import { monthStart } from '../receivables/format';
import { BasketPanel, PeaksPanel } from './PeaksPanel';
import { type PanelProps, ReportFilterBar } from './ReportPanel';
import { SalesByPanel } from './SalesByPanel';
import { ShiftPanel } from './ShiftPanel';
import { TakingsPanel } from './TakingsPanel';
import { DiscountsPanel, StockPanel, TaxesPanel } from './TaxesPanel';
import './reports.css';
import { TabScreen, type TabScreenSpec } from '../../ui/Tabs';

const REPORT_TABS = ['takings', 'sales', 'peaks', 'basket', 'discounts', 'taxes', 'stock'] as const;
type Tab = 'shift' | (typeof REPORT_TABS)[number];

const PANELS: Record<Tab, (p: PanelProps) => ReactNode> = {
  shift: ShiftPanel,
  takings: TakingsPanel,
  sales: SalesByPanel,
  peaks: PeaksPanel,
  basket: BasketPanel,
  discounts: DiscountsPanel,
  taxes: TaxesPanel,
  stock: StockPanel,
};

const SCREEN: TabScreenSpec = {
  headingId: 'h-reports',
  title: 'nav.reports',
  label: 'reports.tabs',
  tabMessages: 'reports.tab',
  className: 'pr-tabs debt-tabs report-tabs',
  arrows: true,
};

/**
 * The shop's day: the shift and its cash-up for whoever runs the till; takings, sales, busy hours, baskets,
 * discounts, tax and stock for the owner. The reports share one question (days, till, staff), kept across tabs.
 */
export function ReportsScreen() {
  const { can } = useShell();
  const f = useShopFormat();
  const tabs: Tab[] = [
    ...(can('shifts.operate') ? (['shift'] as const) : []),
    ...(can('reports.view') ? REPORT_TABS : []),
  ];
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'shift');
  const today = f.day(Date.now());
  const [draft, setDraft] = useState<ReportQuery>({ from: monthStart(today), to: today });
  // the question last asked with Show (the first one on opening); a report reads only when it changes
  const [asked, setAsked] = useState<ReportQuery>(draft);
  const filters = (extra?: ReactNode) => (
    <ReportFilterBar value={draft} onChange={setDraft} onApply={() => setAsked({ ...draft })}>
      {extra}
    </ReportFilterBar>
  );
  const Panel = PANELS[tab];
  return (
    <TabScreen
      spec={SCREEN}
      tabs={tabs}
      state={[tab, setTab]}
      panels={{ [tab]: <Panel query={asked} filters={filters} /> }}
    />
  );
}
