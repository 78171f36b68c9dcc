import { useState } from 'react';
import type { FollowUp } from '../../../shared/contract/relationships';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';
import { announceFollowUps } from './changes';

/** Tomorrow at 09:00 on this computer's clock: a snoozed task comes back at the start of the next day. */
function tomorrowMorning(now = Date.now()): number {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}

/** One follow-up with its keys: done, tomorrow (snooze), drop; or reopen when it is closed. */
export function FollowUpRow({
  f,
  busy,
  onChanged,
  onOpenCustomer,
}: {
  f: FollowUp;
  busy?: boolean;
  onChanged: () => void;
  /** on the Today list: the customer's name opens their page */
  onOpenCustomer?: (id: string) => void;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, can, store } = useShell();
  const [working, setWorking] = useState(false);
  const closed = f.status === 'done' || f.status === 'cancelled';
  type Change = Parameters<typeof api.relationships.changeFollowUp>[0];
  const change = async (input: Change, done?: string) => {
    setWorking(true);
    try {
      await api.relationships.changeFollowUp(input);
      announceFollowUps();
      if (done) toast.success(done);
      onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setWorking(false);
    }
  };
  const disabled = busy || working || !can('customers.edit');
  /** one of the row's buttons: the change it makes (worked out on the click), and the words to say once made */
  const action = (label: string, input: () => Change, look?: string, done?: string) => (
    <button
      type="button"
      className={look ? `btn btn-sm ${look}` : 'btn btn-sm'}
      disabled={disabled}
      onClick={() => void change(input(), done)}
    >
      {label}
    </button>
  );
  return (
    <li className={`rel-followup${f.overdue ? ' is-overdue' : ''}`} data-testid="follow-up">
      <div>
        <strong>{f.title}</strong>{' '}
        {onOpenCustomer && (
          <button type="button" className="btn-link" onClick={() => onOpenCustomer(f.customerId)}>
            {t('rel.fu.for', { name: f.customerName })}
          </button>
        )}
        <div className="muted">
          {t('rel.fu.due')}: {new Date(f.dueAt).toLocaleString(store?.locale)}
          {f.overdue && <span className="pill pill-off"> {t('rel.fu.overdue')}</span>}
          {f.status !== 'open' && ` · ${t(`rel.fu.status.${f.status}` as MessageKey)}`}
          {f.assignedStaffName && ` · ${t('rel.fu.assigned', { name: f.assignedStaffName })}`}
        </div>
        {f.note && <div className="muted rel-note">{f.note}</div>}
      </div>
      <div className="row-actions">
        {closed ? (
          action(t('rel.fu.reopen'), () => ({ id: f.id, action: 'reopen' }))
        ) : (
          <>
            {action(t('rel.fu.done'), () => ({ id: f.id, action: 'done' }), 'btn-primary', t('rel.fu.completed'))}
            {action(t('rel.fu.snooze'), () => ({ id: f.id, action: 'snooze', until: tomorrowMorning() }))}
            {action(t('rel.fu.cancel'), () => ({ id: f.id, action: 'cancel' }), 'btn-ghost')}
          </>
        )}
      </div>
    </li>
  );
}
