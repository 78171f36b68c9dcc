import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';

/** The number of standing debt alerts beside "Debts" in the navigation; refreshed every few minutes. */
export function DebtAlertBadge() {
  const t = useT();
  const { can } = useShell();
  const [count, setCount] = useState(0);
  const allowed = can('receivables.view');
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    const load = () =>
      api.debts
        .alerts({ limit: 1 })
        .then((a) => live && setCount(a.count))
        .catch(() => {
          /* a badge is a hint; errors show where the alerts are read */
        });
    void load();
    const timer = setInterval(load, 120_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [allowed]);
  if (!count) return null;
  return (
    <span className="nav-badge" role="status" aria-label={t('debt.badge', { count })} data-testid="debt-badge">
      {count}
    </span>
  );
}
