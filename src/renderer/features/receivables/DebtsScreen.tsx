import { useState } from 'react';
import { TabScreen, type TabScreenSpec } from '../../ui/Tabs';
import { AgingPanel } from './AgingPanel';
import { AlertsPanel } from './AlertsPanel';
import { DebtorsPanel } from './DebtorsPanel';
import { StatementPanel } from './StatementPanel';
import './debts.css';

type Tab = 'debtors' | 'aging' | 'statement' | 'alerts';
const TABS: Tab[] = ['debtors', 'aging', 'statement', 'alerts'];

const SCREEN: TabScreenSpec = {
  headingId: 'h-debts',
  title: 'nav.debts',
  label: 'debt.tabs',
  tabMessages: 'debt.tab',
  className: 'pr-tabs debt-tabs',
  keys: true,
};

/** Who owes the shop what and since when: debtors, aging, statements and alerts. */
export function DebtsScreen() {
  const [tab, setTab] = useState<Tab>('debtors');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const openStatement = (id: string) => {
    setCustomerId(id);
    setTab('statement');
  };
  return (
    <TabScreen
      spec={SCREEN}
      tabs={TABS}
      state={[tab, setTab]}
      panels={{
        debtors: <DebtorsPanel onStatement={openStatement} />,
        aging: <AgingPanel onStatement={openStatement} />,
        statement: <StatementPanel customerId={customerId} onCustomer={setCustomerId} />,
        alerts: <AlertsPanel onStatement={openStatement} />,
      }}
    />
  );
}
