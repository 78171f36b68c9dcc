import { useState } from 'react';
import type { Celebration } from '../../../shared/contract/relationships';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { PressedButtons } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';
import { useToast } from '../../ui/toast';
import { BulkSendDialog } from '../messaging/BulkSendDialog';
import { FollowUpRow } from './FollowUpRow';
import './relationships.css';
import { Screen } from '../../ui/Screen';

type Range = 'today' | 'week' | 'month';

/** What to do today: follow-ups due (overdue first), and the birthdays and anniversaries coming up. */
export function TodayScreen({ onOpenCustomer }: { onOpenCustomer: (id: string) => void }) {
  const t = useT();
  const toast = useToast();
  const { onError, can } = useShell();
  const todayQ = useApiQuery('relationships', 'today', {});
  const today = todayQ.data ?? null;
  const [range, setRange] = useState<Range>('week');
  // a new range keeps the last list in sight until its own comes
  const celebrations = useApiQuery('relationships', 'celebrations', { range }, { keepPrevious: true }).data ?? [];
  const [greetAll, setGreetAll] = useState(false);
  const birthdays = [...new Set(celebrations.filter((c) => c.kind === 'birthday').map((c) => c.customerId))];

  const load = () => void todayQ.refetch();

  const greet = async (c: Celebration) => {
    try {
      const m = await api.messaging.send({
        customerId: c.customerId,
        template: 'birthday',
        channel: c.email ? 'email' : 'whatsapp',
        idempotencyKey: `birthday-${c.customerId}-${c.date.slice(0, 4)}`,
      });
      if (m.link) window.open(m.link, '_blank', 'noopener');
      toast.success(t('rel.cel.greeted', { name: c.name }));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Screen headingId="h-today" title={t('rel.today.title')}>
      <div className="card" data-testid="today-list">
        <h2>
          {t('rel.today.count', { count: today?.count ?? 0 })}
          {today && today.overdue > 0 && (
            <span className="pill pill-off"> {t('rel.today.overdue', { count: today.overdue })}</span>
          )}
        </h2>
        {today && today.rows.length > 0 && (
          <ul className="rel-list" aria-label={t('rel.today.title')}>
            {today.rows.map((f) => (
              <FollowUpRow key={f.id} f={f} onChanged={load} onOpenCustomer={onOpenCustomer} />
            ))}
          </ul>
        )}
      </div>
      <div className="card">
        <div className="section-head">
          <h2>{t('rel.cel.title')}</h2>
          <fieldset className="segmented">
            <PressedButtons
              options={namedOptions(t, 'rel.cel.range', ['today', 'week', 'month'] as const)}
              value={range}
              onChange={setRange}
            />
          </fieldset>
          {birthdays.length > 1 && can('messages.manage') && (
            <button type="button" className="btn btn-sm" onClick={() => setGreetAll(true)}>
              {t('rel.cel.greetAll')}
            </button>
          )}
        </div>
        {celebrations.length === 0 ? (
          <p className="muted">{t('rel.cel.none')}</p>
        ) : (
          <ul className="rel-list">
            {celebrations.map((c) => (
              <li key={`${c.kind}-${c.customerId}-${c.date}`} className="rel-followup">
                <div>
                  <button type="button" className="btn-link" onClick={() => onOpenCustomer(c.customerId)}>
                    <strong>{c.name}</strong>
                  </button>{' '}
                  <span className="muted">
                    {t(`rel.cel.${c.kind}` as MessageKey)} · {c.date}
                    {c.years !== null ? ` · ${t('rel.cel.years', { years: c.years })}` : ''}
                  </span>
                </div>
                {c.kind === 'birthday' && can('messages.send') && (
                  <button type="button" className="btn btn-sm" onClick={() => void greet(c)}>
                    {t('rel.cel.greet')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {greetAll && <BulkSendDialog customerIds={birthdays} template="birthday" onClose={() => setGreetAll(false)} />}
    </Screen>
  );
}
