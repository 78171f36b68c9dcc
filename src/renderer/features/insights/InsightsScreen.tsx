import { useState } from 'react';
import type { CustomerListSource } from '../../../shared/contract/insights-files';
import { type MessageKey, useT } from '../../i18n';
import { Screen } from '../../ui/Screen';
import { Tabs } from '../../ui/Tabs';
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

/**
 * Knowing the shop's customers (issue 15): the dashboard, one screen per report, and any report's customers as a
 * list to open, export or tag. Owner and manager (reports.view).
 */
export function InsightsScreen({ onOpenCustomer }: { onOpenCustomer: (id: string) => void }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('dashboard');
  const [list, setList] = useState<{ source: CustomerListSource; title: string } | null>(null);
  const drill: Drill = { openCustomer: onOpenCustomer, openList: (source, title) => setList({ source, title }) };
  return (
    <Screen headingId="h-insights" title={t('nav.insights')}>
      <Tabs
        tabs={TABS}
        value={tab}
        onChange={(x) => {
          setList(null);
          setTab(x);
        }}
        label={t('ins.tabs')}
        labelOf={(x) => t(`ins.tab.${x}` as MessageKey)}
        className="pr-tabs ins-tabs"
        keys
      />
      {list ? (
        <CustomerListPanel
          key={JSON.stringify(list.source)}
          source={list.source}
          title={list.title}
          onBack={() => setList(null)}
          onOpenCustomer={onOpenCustomer}
        />
      ) : (
        <>
          {tab === 'dashboard' && <Dashboard drill={drill} />}
          {tab === 'top' && <TopCustomersPanel drill={drill} />}
          {tab === 'inactive' && <InactivePanel drill={drill} />}
          {tab === 'newVsReturning' && <NewVsReturningPanel />}
          {tab === 'customerSales' && <CustomerSalesPanel drill={drill} />}
          {tab === 'rfm' && <RfmPanel drill={drill} />}
        </>
      )}
    </Screen>
  );
}
