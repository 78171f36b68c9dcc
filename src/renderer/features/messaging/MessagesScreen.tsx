import { useState } from 'react';
import type { OutboxMessage } from '../../../shared/contract/messaging';
import { type MessageKey, useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { PressedButtons } from '../../ui/fields';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { Screen } from '../../ui/Screen';
import { namedOptions } from '../../ui/SelectFields';
import { ChannelsCard } from './ChannelsCard';
import { BulkSendsCard, OffersCard, RepliesCard } from './OutreachCards';
import { SmtpCard } from './SmtpCard';
import { TemplatesCard } from './TemplatesCard';

/**
 * The outbox (what waits and why, resend and cancel), the message templates (managers), and the channels' settings
 * with a test send.
 */
export function MessagesScreen() {
  const t = useT();
  const { can, store } = useShell();
  const [filter, setFilter] = useState<'waiting' | 'all'>('all');
  const manage = can('messages.manage');
  const settings = useApiQuery('messaging', 'settings', null, { enabled: can('settings.view') });
  // the outbox is live: read again every five seconds, the last rows kept on screen while a filter's come
  const outbox = useApiQuery(
    'messaging',
    'outbox',
    { status: filter === 'waiting' ? 'waiting' : undefined, limit: 200 },
    { keepPrevious: true, every: 5_000 },
  );
  const rows = outbox.data ?? [];
  const resend = useApiMutation('messaging', 'resend');
  const cancel = useApiMutation('messaging', 'cancel');
  /** What a manager may do to a message, and when. */
  const actions = [
    {
      label: t('msg.resend'),
      className: 'btn btn-sm',
      when: (m: OutboxMessage) => (m.status === 'failed' || m.status === 'cancelled') && m.channel !== 'whatsapp',
      run: resend,
    },
    {
      label: t('msg.cancel'),
      className: 'btn btn-sm btn-ghost',
      when: (m: OutboxMessage) => m.status === 'queued' || m.status === 'failed',
      run: cancel,
    },
  ];

  return (
    <Screen headingId="h-messages" title={t('msg.title')}>
      <div className="card" data-testid="outbox">
        <div className="section-head">
          <h2>{t('msg.outbox')}</h2>
          <div className="row-actions">
            <PressedButtons
              options={namedOptions(t, 'msg.filter', ['all', 'waiting'] as const)}
              value={filter}
              onChange={setFilter}
            />
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => void outbox.refetch()}>
              {t('msg.refresh')}
            </button>
          </div>
        </div>
        {rows.length === 0 ? (
          <p className="muted">{t('msg.outbox.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label={t('msg.outbox')}>
              <thead>
                <tr>
                  <th>{t('msg.col.when')}</th>
                  <th>{t('msg.col.to')}</th>
                  <th>{t('msg.col.what')}</th>
                  <th>{t('msg.col.status')}</th>
                  <th>{t('msg.col.reason')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((m) => (
                  <tr key={m.id}>
                    <td className="nowrap">{new Date(m.createdAt).toLocaleString(store?.locale)}</td>
                    <td>
                      {m.customerName && <div>{m.customerName}</div>}
                      <span className="muted">
                        {t(`rel.channel.${m.channel}` as MessageKey)} · {m.to}
                      </span>
                    </td>
                    <td>
                      {m.subject || m.template}
                      {m.attachments.length > 0 && <div className="muted">{m.attachments.join(', ')}</div>}
                    </td>
                    <td>
                      <span
                        className={`pill ${m.status === 'sent' ? 'pill-ok' : m.status === 'failed' ? 'pill-off' : ''}`}
                      >
                        {t(`msg.status.${m.status}` as MessageKey)}
                      </span>
                    </td>
                    <td>{m.lastError}</td>
                    <td className="row-actions">
                      {m.link && (
                        <a className="btn btn-sm" href={m.link} target="_blank" rel="noreferrer">
                          {t('msg.openWhatsapp')}
                        </a>
                      )}
                      {manage &&
                        actions
                          .filter((x) => x.when(m))
                          .map((x) => (
                            <button
                              key={x.label}
                              type="button"
                              className={x.className}
                              onClick={() => x.run.mutate({ id: m.id })}
                            >
                              {x.label}
                            </button>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {manage && <TemplatesCard />}
      {manage && <BulkSendsCard />}
      {manage && <RepliesCard modem={!!settings.data?.modem} />}
      {can('settings.view') && <OffersCard editable={can('settings.edit')} />}
      {can('settings.view') && <SmtpCard editable={can('settings.edit')} />}
      {can('settings.view') && <ChannelsCard editable={can('settings.edit')} />}
    </Screen>
  );
}
