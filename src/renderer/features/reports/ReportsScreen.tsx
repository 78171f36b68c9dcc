import { useState } from 'react';
import { type MessageKey, useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { SalesByPanel } from './SalesByPanel';
import { ShiftPanel } from './ShiftPanel';
import { TakingsPanel } from './TakingsPanel';
import './reports.css';

type Tab = 'shift' | 'takings' | 'sales';

/** The shop's day: the shift and its cash-up for whoever runs the till, takings and sales for the owner. */
export function ReportsScreen() {
  const t = useT();
  const { can } = useShell();
  const tabs: Tab[] = [
    ...(can('shifts.operate') ? (['shift'] as const) : []),
    ...(can('reports.view') ? (['takings', 'sales'] as const) : []),
  ];
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'shift');
  return (
    <section className="section" aria-labelledby="h-reports">
      <h1 id="h-reports" tabIndex={-1}>
        {t('nav.reports')}
      </h1>
      <div className="pr-tabs debt-tabs" role="tablist" aria-label={t('reports.tabs')}>
        {tabs.map((x, i) => (
          <button
            key={x}
            type="button"
            role="tab"
            aria-selected={tab === x}
            className={tab === x ? 'seg seg-on' : 'seg'}
            onClick={() => setTab(x)}
            onKeyDown={(e) => {
              const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!d) return;
              const next = tabs[(i + d + tabs.length) % tabs.length] as Tab;
              setTab(next);
              (e.currentTarget.parentElement?.children[tabs.indexOf(next)] as HTMLElement | undefined)?.focus();
            }}
          >
            {t(`reports.tab.${x}` as MessageKey)}
          </button>
        ))}
      </div>
      {tab === 'shift' && <ShiftPanel />}
      {tab === 'takings' && <TakingsPanel />}
      {tab === 'sales' && <SalesByPanel />}
    </section>
  );
}
