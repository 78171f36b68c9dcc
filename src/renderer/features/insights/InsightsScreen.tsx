import { useState } from 'react';
import type { CustomerListSource } from '../../../shared/contract/insights-files';
import { TabScreen, type TabScreenSpec } from '../../ui/Tabs';
import { CustomerListPanel } from './CustomerListPanel';
import { CustomerSalesPanel } from './CustomerSalesPanel';
import type { Drill } from './common';
import { Dashboard } from './Dashboard';
import { InactivePanel } from './InactivePanel';
import { NewVsReturningPanel } from './NewVsReturningPanel';
import { RfmPanel } from './RfmPanel';
import { TopCustomersPanel } from './TopCustomersPanel';
import '../receivables/debts.css';
import './insights.css';

const TABS = ['dashboard', 'top', 'inactive', 'newVsReturning', 'customerSales', 'rfm'] as const;
type Tab = (typeof TABS)[number];

const SCREEN: TabScreenSpec = {
  headingId: 'h-insights',
  title: 'nav.insights',
  label: 'ins.tabs',
  tabMessages: 'ins.tab',
  className: 'pr-tabs ins-tabs',
  keys: true,
};

/**
 * Knowing the shop's customers (issue 15): the dashboard, one screen per report, and any report's customers as a
 * list to open, export or tag. Owner and manager (reports.view).
 */
export function InsightsScreen({ onOpenCustomer }: { onOpenCustomer: (id: string) => void }) {
  const [tab, setTab] = useState<Tab>('dashboard');
  const [list, setList] = useState<{ source: CustomerListSource; title: string } | null>(null);
  const drill: Drill = { openCustomer: onOpenCustomer, openList: (source, title) => setList({ source, title }) };
  const openTab = (x: Tab) => {
    setList(null);
    setTab(x);
  };
  return (
    <TabScreen
      spec={SCREEN}
      tabs={TABS}
      state={[tab, openTab]}
      panels={{
        dashboard: <Dashboard drill={drill} />,
        top: <TopCustomersPanel drill={drill} />,
        inactive: <InactivePanel drill={drill} />,
        newVsReturning: <NewVsReturningPanel />,
        customerSales: <CustomerSalesPanel drill={drill} />,
        rfm: <RfmPanel drill={drill} />,
      }}
    >
      {list ? (
        <CustomerListPanel
          key={JSON.stringify(list.source)}
          source={list.source}
          title={list.title}
          onBack={() => setList(null)}
          onOpenCustomer={onOpenCustomer}
        />
      ) : undefined}
    </TabScreen>
  );
}
