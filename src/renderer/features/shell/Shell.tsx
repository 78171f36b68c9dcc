import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionInfo, StoreProfile } from '../../../shared/contract/system';
import { type MessageKey, useT } from '../../i18n';
import { ShellContext, type ShellContextValue } from '../../lib/session';
import type { Theme } from '../../lib/theme';
import { HeaderControls } from '../../ui/HeaderControls';
import { Icon } from '../../ui/Icon';
import { Screen } from '../../ui/Screen';
import { AuditScreen } from '../audit/AuditScreen';
import { CatalogScreen } from '../catalog/CatalogScreen';
import { CustomersScreen } from '../customers/CustomersScreen';
import { DevicesScreen } from '../devices/DevicesScreen';
import { usePrintProblemToasts } from '../devices/usePrintProblemToasts';
import { InsightsScreen } from '../insights/InsightsScreen';
import { LoyaltyScreen } from '../loyalty/LoyaltyScreen';
import { MessagesScreen } from '../messaging/MessagesScreen';
import { DailyDebtSummary } from '../receivables/DailyDebtSummary';
import { DebtAlertBadge } from '../receivables/DebtAlertBadge';
import { DebtsScreen } from '../receivables/DebtsScreen';
import { TodayBadge } from '../relationships/TodayBadge';
import { TodayScreen } from '../relationships/TodayScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { StaffScreen } from '../staff/StaffScreen';
import { TillScreen } from '../till/TillScreen';

type SectionId =
  | 'till'
  | 'customers'
  | 'debts'
  | 'loyalty'
  | 'reports'
  | 'devices'
  | 'settings'
  | 'staff'
  | 'audit'
  | 'catalog'
  | 'today'
  | 'messages'
  | 'insights';

interface Section {
  id: SectionId;
  permission?: string;
}

const SECTIONS: Section[] = [
  { id: 'till' },
  { id: 'customers' },
  { id: 'debts' },
  { id: 'loyalty', permission: 'reports.view' },
  { id: 'reports' },
  { id: 'devices' },
  { id: 'settings' },
  { id: 'staff', permission: 'staff.view' },
  { id: 'audit', permission: 'audit.view' },
  { id: 'catalog' },
  // after the nine with Alt shortcuts, so those keys stay where staff learned them
  { id: 'today', permission: 'customers.view' },
  { id: 'messages', permission: 'messages.send' },
  { id: 'insights', permission: 'reports.view' },
];

export const LOCK_SHORTCUT = 'Ctrl+L';

export function Shell({
  session,
  store,
  storeName,
  setStore,
  onError,
  onLock,
  onIdle,
  onSignOut,
  theme,
  toggleTheme,
}: {
  session: SessionInfo;
  store: StoreProfile | null;
  storeName: string | null;
  setStore: (s: StoreProfile) => void;
  onError: (e: unknown) => void;
  onLock: () => void;
  onIdle: () => void;
  onSignOut: () => void;
  theme: Theme;
  toggleTheme: () => void;
}) {
  const t = useT();
  const can = useCallback((p: string) => session.permissions.includes(p), [session.permissions]);
  const sections = useMemo(() => SECTIONS.filter((s) => !s.permission || can(s.permission)), [can]);
  const [current, setCurrent] = useState<SectionId>('till');
  // a customer opened from another section (the Today list); the Customers section starts on their page
  const [customerToOpen, setCustomerToOpen] = useState<{ id: string; n: number } | null>(null);
  const mainRef = useRef<HTMLElement>(null);

  const go = useCallback((id: SectionId) => {
    setCurrent(id);
    requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus());
  }, []);

  // Keyboard: Alt+1..9 sections, Ctrl+L or F12 locks.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // a screen that used the key already (the till's F12 is Pay)
      if (e.defaultPrevented) return;
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
        const s = sections[Number(e.code.slice(5)) - 1];
        if (s) {
          e.preventDefault();
          go(s.id);
        }
      } else if ((e.ctrlKey && !e.altKey && e.key.toLowerCase() === 'l') || e.key === 'F12') {
        e.preventDefault();
        onLock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sections, go, onLock]);

  // Idle lock: no keyboard, mouse or touch input for lockAfterMinutes.
  const lockAfterMs = (store?.lockAfterMinutes ?? session.lockAfterMinutes) * 60_000;
  useEffect(() => {
    let last = Date.now();
    const bump = () => {
      last = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
    for (const ev of events) window.addEventListener(ev, bump, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= lockAfterMs) onIdle();
    }, 5_000);
    return () => {
      clearInterval(timer);
      for (const ev of events) window.removeEventListener(ev, bump);
    };
  }, [lockAfterMs, onIdle]);

  const ctx = useMemo<ShellContextValue>(
    () => ({ session, store, setStore, onError, can }),
    [session, store, setStore, onError, can],
  );

  const active = sections.find((s) => s.id === current) ? current : 'till';
  usePrintProblemToasts();

  return (
    <ShellContext.Provider value={ctx}>
      <div className="shell">
        <header className="app-header">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              C
            </span>
            <span className="brand-name" data-testid="shop-name">
              {store?.name ?? storeName ?? t('app.name')}
            </span>
          </div>
          <div className="header-right">
            <div className="who-chip" title="Signed in">
              <span className="who-chip-name">{session.staff.name}</span>
              <span className="role-badge">{t(`role.${session.staff.role}` as MessageKey)}</span>
            </div>
            <HeaderControls theme={theme} toggleTheme={toggleTheme} />
            <button type="button" className="btn" onClick={onLock} aria-keyshortcuts="Control+L F12">
              <Icon name="lock" size={20} />
              {t('header.lock')} <kbd>{LOCK_SHORTCUT}</kbd>
            </button>
            <button type="button" className="btn btn-ghost" onClick={onSignOut}>
              {t('header.signOut')}
            </button>
          </div>
        </header>
        <nav className="side-nav" aria-label={t('nav.label')}>
          <ul>
            {sections.map((s, i) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={active === s.id ? 'page' : undefined}
                  aria-keyshortcuts={i < 9 ? `Alt+${i + 1}` : undefined}
                  onClick={() => go(s.id)}
                >
                  <Icon name={s.id} className="nav-icon" />
                  <span className="nav-label">{t(`nav.${s.id}` as MessageKey)}</span>
                  {s.id === 'debts' && <DebtAlertBadge />}
                  {s.id === 'today' && <TodayBadge />}
                  {i < 9 && <kbd>Alt+{i + 1}</kbd>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main className="content" ref={mainRef}>
          <SectionView
            id={active}
            customerToOpen={customerToOpen}
            openCustomer={(id) => {
              setCustomerToOpen((c) => ({ id, n: (c?.n ?? 0) + 1 }));
              go('customers');
            }}
          />
        </main>
        <DailyDebtSummary onOpen={() => go('debts')} />
      </div>
    </ShellContext.Provider>
  );
}

type Opens = {
  customerToOpen: { id: string; n: number } | null;
  openCustomer: (id: string) => void;
};

/** The screen of every section that has one; any other section says what is coming. */
const SCREENS: Partial<Record<SectionId, (o: Opens) => ReactNode>> = {
  settings: () => <SettingsScreen />,
  staff: () => <StaffScreen />,
  audit: () => <AuditScreen />,
  customers: ({ customerToOpen: c }) =>
    c ? <CustomersScreen key={c.n} initialCustomerId={c.id} /> : <CustomersScreen />,
  today: ({ openCustomer }) => <TodayScreen onOpenCustomer={openCustomer} />,
  messages: () => <MessagesScreen />,
  till: () => <TillScreen />,
  devices: () => <DevicesScreen />,
  catalog: () => <CatalogScreen />,
  debts: () => <DebtsScreen />,
  loyalty: () => <LoyaltyScreen />,
  reports: () => <ReportsScreen />,
  insights: ({ openCustomer }) => <InsightsScreen onOpenCustomer={openCustomer} />,
};

function SectionView({ id, ...opens }: { id: SectionId } & Opens) {
  const screen = SCREENS[id];
  return screen ? screen(opens) : <EmptySection id={id} />;
}

function EmptySection({ id }: { id: SectionId }) {
  const t = useT();
  return (
    <Screen headingId={`h-${id}`} title={t(`nav.${id}` as MessageKey)}>
      <div className="empty-state">
        <Icon name={id} size={56} className="empty-icon" />
        <p className="empty-title">{t('empty.soon')}</p>
        <p className="muted">{t(`empty.${id}` as MessageKey)}</p>
      </div>
    </Screen>
  );
}
