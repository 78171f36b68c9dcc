import { type ReactNode, useState } from 'react';
import type { ReportQuery } from '../../../shared/contract/reports';
import { type MessageKey, useT } from '../../i18n';
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
import { Screen } from '../../ui/Screen';
import { Tabs } from '../../ui/Tabs';

const REPORT_TABS = ['takings', 'sales', 'peaks', 'basket', 'discounts', 'taxes', 'stock'] as const;
type Tab = 'shift' | (typeof REPORT_TABS)[number];

const PANELS: Record<(typeof REPORT_TABS)[number], (p: PanelProps) => ReactNode> = {
  takings: TakingsPanel,
  sales: SalesByPanel,
  peaks: PeaksPanel,
  basket: BasketPanel,
  discounts: DiscountsPanel,
  taxes: TaxesPanel,
  stock: StockPanel,
};

/**
 * The shop's day: the shift and its cash-up for whoever runs the till; takings, sales, busy hours, baskets,
 * discounts, tax and stock for the owner. The reports share one question (days, till, staff), kept across tabs.
 */
export function ReportsScreen() {
  const t = useT();
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
  const Panel = tab === 'shift' ? null : PANELS[tab];
  return (
    <Screen headingId="h-reports" title={t('nav.reports')}>
      <Tabs
        tabs={tabs}
        value={tab}
        onChange={setTab}
        label={t('reports.tabs')}
        labelOf={(x) => t(`reports.tab.${x}` as MessageKey)}
        className="pr-tabs debt-tabs report-tabs"
        arrows
      />
      {tab === 'shift' && <ShiftPanel />}
      {Panel && <Panel query={asked} filters={filters} />}
    </Screen>
  );
}
