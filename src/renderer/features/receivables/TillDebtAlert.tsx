import { useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { useApiQuery } from '../../ui/query';
import { alertText } from './alert-words';
import { debtFormat } from './format';

/**
 * At the till, under the attached customer: what the owner's debt rules say about them (over limit, overdue,
 * owes a lot). Reads the alerts once per customer and again when their balance changes; silent when all is well.
 */
export function TillDebtAlert({ customerId, balance }: { customerId: string; balance?: number }) {
  const t = useT();
  const { store, can } = useShell();
  const f = debtFormat(store);
  const allowed = can('receivables.view');
  const query = useApiQuery('debts', 'alertsFor', { customerId }, { enabled: allowed });
  const alerts = (allowed && query.data) || [];
  const above = useApiQuery('debts', 'settings', null, { enabled: allowed }).data?.alerts.balanceAbove ?? null;
  // a new balance (a sale or a payment at the till) is the signal to ask again
  const { refetch } = query;
  const asked = useRef(balance);
  useEffect(() => {
    if (!allowed || asked.current === balance) return;
    asked.current = balance;
    void refetch();
  }, [balance, allowed, refetch]);
  if (alerts.length === 0) return null;
  return (
    <div className="notice till-debt-alert" role="alert" data-testid="till-debt-alert">
      <strong>{t('debt.till.alert')}:</strong> {alerts.map((a) => alertText(a, t, f.money, above)).join(' · ')}
    </div>
  );
}
