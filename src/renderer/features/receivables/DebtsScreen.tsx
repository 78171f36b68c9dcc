import { useState } from 'react';
import { type MessageKey, useT } from '../../i18n';
import { AgingPanel } from './AgingPanel';
import { AlertsPanel } from './AlertsPanel';
import { DebtorsPanel } from './DebtorsPanel';
import { StatementPanel } from './StatementPanel';
import './debts.css';

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
    <section className="section" aria-labelledby="h-debts">
      <h1 id="h-debts" tabIndex={-1}>
        {t('nav.debts')}
      </h1>
      <div className="pr-tabs debt-tabs" role="tablist" aria-label={t('debt.tabs')}>
        {TABS.map((x, i) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={tab === x}
            aria-keyshortcuts={`Control+${i + 1}`}
            className={tab === x ? 'seg seg-on' : 'seg'}
            onClick={() => setTab(x)}
            onKeyDown={(e) => {
              // arrow keys move between the tabs, as a tab list does
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!d) return;
              const next = TABS[(i + d + TABS.length) % TABS.length] as Tab;
              setTab(next);
              (e.currentTarget.parentElement?.children[TABS.indexOf(next)] as HTMLElement | undefined)?.focus();
            }}
          >
            {t(`debt.tab.${x}` as MessageKey)}
          </button>
        ))}
      </div>
      {tab === 'debtors' && <DebtorsPanel onStatement={openStatement} />}
      {tab === 'aging' && <AgingPanel onStatement={openStatement} />}
      {tab === 'statement' && <StatementPanel customerId={customerId} onCustomer={setCustomerId} />}
      {tab === 'alerts' && <AlertsPanel onStatement={openStatement} />}
    </section>
  );
}
