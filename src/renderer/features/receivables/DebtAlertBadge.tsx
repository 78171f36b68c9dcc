import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { NavBadge } from '../../ui/NavBadge';

/** The number of standing debt alerts beside "Debts" in the navigation; refreshed every few minutes. */
export function DebtAlertBadge() {
  const t = useT();
  const { can } = useShell();
  return (
    <NavBadge
      allowed={can('receivables.view')}
      read={() => api.debts.alerts({ limit: 1 }).then((a) => a.count)}
      everyMs={120_000}
      label={(count) => t('debt.badge', { count })}
      testId="debt-badge"
    />
  );
}
