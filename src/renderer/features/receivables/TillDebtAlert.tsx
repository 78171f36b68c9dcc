import { useEffect, useState } from 'react';
import type { DebtAlert } from '../../../shared/contract/debts';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { alertText } from './alert-words';
import { debtFormat } from './format';

/**
 * At the till, under the attached customer: what the owner's debt rules say about them (over limit, overdue,
 * owes a lot). Reads the alerts once per customer and again when their balance changes; silent when all is well.
 */
export function TillDebtAlert({ customerId, balance }: { customerId: string; balance?: number }) {
  const t = useT();
  const { store, onError, can } = useShell();
  const f = debtFormat(store);
  const [alerts, setAlerts] = useState<DebtAlert[]>([]);
  const [above, setAbove] = useState<number | null>(null);
  const allowed = can('receivables.view');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the balance is the signal to ask again
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    api.debts
      .alertsFor({ customerId })
      .then((a) => live && setAlerts(a))
      .catch(onError);
    api.debts
      .settings(null)
      .then((s) => live && setAbove(s.alerts.balanceAbove))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [customerId, balance, allowed, onError]);
  if (alerts.length === 0) return null;
  return (
    <div className="notice till-debt-alert" role="alert" data-testid="till-debt-alert">
      <strong>{t('debt.till.alert')}:</strong> {alerts.map((a) => alertText(a, t, f.money, above)).join(' · ')}
    </div>
  );
}
