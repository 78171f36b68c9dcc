import { useState } from 'react';
import { type MessageKey, useT } from '../../i18n';
import { Tabs } from '../../ui/Tabs';
import { AgingPanel } from './AgingPanel';
import { AlertsPanel } from './AlertsPanel';
import { DebtorsPanel } from './DebtorsPanel';
import { StatementPanel } from './StatementPanel';
import './debts.css';
import { Screen } from '../../ui/Screen';

type Tab = 'debtors' | 'aging' | 'statement' | 'alerts';
const TABS: Tab[] = ['debtors', 'aging', 'statement', 'alerts'];

/** Who owes the shop what and since when: debtors, aging, statements and alerts. */
export function DebtsScreen() {
  const t = useT();
  const [tab, setTab] = useState<Tab>('debtors');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const openStatement = (id: string) => {
    setCustomerId(id);
    setTab('statement');
  };
  return (
    <Screen headingId="h-debts" title={t('nav.debts')}>
      <Tabs
        tabs={TABS}
        value={tab}
        onChange={setTab}
        label={t('debt.tabs')}
        labelOf={(x) => t(`debt.tab.${x}` as MessageKey)}
        className="pr-tabs debt-tabs"
        keys
      />
      {tab === 'debtors' && <DebtorsPanel onStatement={openStatement} />}
      {tab === 'aging' && <AgingPanel onStatement={openStatement} />}
      {tab === 'statement' && <StatementPanel customerId={customerId} onCustomer={setCustomerId} />}
      {tab === 'alerts' && <AlertsPanel onStatement={openStatement} />}
    </Screen>
  );
}
