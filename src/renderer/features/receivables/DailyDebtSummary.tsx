import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { Dialog } from '../../ui/Dialog';
import { debtFormat } from './format';

type Summary = Awaited<ReturnType<typeof api.debts.dailySummary>>;

/** At a manager's or the owner's first sign-in of the shop day: the invoices that fell overdue since they last looked. */
export function DailyDebtSummary({ onOpen }: { onOpen: () => void }) {
  const t = useT();
  const { can, store } = useShell();
  const f = debtFormat(store);
  const [summary, setSummary] = useState<Summary | null>(null);
  const allowed = can('reports.view');
  useEffect(() => {
    if (!allowed) return;
    api.debts
      .dailySummary(null)
      .then((s) => s.show && s.newlyOverdue.length > 0 && setSummary(s))
      .catch(() => {
        /* the summary is a courtesy; the Debts screen has the same figures */
      });
  }, [allowed]);
  if (!summary) return null;
  return (
    <Dialog title={t('debt.daily.title')} onClose={() => setSummary(null)} className="debt-daily">
      <p>{t('debt.daily.intro', { count: summary.newlyOverdue.length, total: f.money(summary.totalOverdue) })}</p>
      <ul className="debt-daily-list">
        {summary.newlyOverdue.slice(0, 12).map((d) => (
          <li key={`${d.customerId}:${d.documentNo}:${d.dueAt}`}>
            <strong>{d.name}</strong> {d.documentNo} {f.money(d.open)}{' '}
            <span className="muted">{t('debt.daily.dueOn', { date: f.date(d.dueAt) })}</span>
          </li>
        ))}
      </ul>
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setSummary(null);
            onOpen();
          }}
        >
          {t('debt.daily.open')}
        </button>
        <button type="button" className="btn" onClick={() => setSummary(null)}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
