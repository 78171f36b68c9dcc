import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Customer } from '../../../shared/contract/customers';
import {
  INTERACTION_CHANNELS,
  INTERACTION_KINDS,
  TIMELINE_KINDS,
  type TimelineEntry,
  type TimelineKind,
} from '../../../shared/contract/relationships';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { Options, SearchField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { announceFollowUps } from './changes';
import { FollowUpRow } from './FollowUpRow';
import './relationships.css';
import { FormActions } from '../../ui/DialogParts';
import { namedOptions } from '../../ui/SelectFields';

type Kind = (typeof INTERACTION_KINDS)[number];
type Channel = (typeof INTERACTION_CHANNELS)[number];

/** A datetime-local value for an instant, in this computer's time (the shop's). */
export function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

const DEFAULT_CHANNEL: Record<Kind, Channel> = {
  call: 'phone',
  visit: 'in_person',
  message: 'whatsapp',
  complaint: 'in_person',
  compliment: 'in_person',
  note: 'other',
};

/**
 * The relationship half of a customer's page: open follow-ups (one key from an overdue debt), "log contact", and the
 * timeline of contacts, sales, refunds, payments and messages, filtered and searched.
 */
export function CustomerRelationships({ customer }: { customer: Customer }) {
  const t = useT();
  const toast = useToast();
  const { onError, can, store } = useShell();
  const canEdit = can('customers.edit');
  // an at-risk regular (past their own 90th-percentile gap between visits) is one key from a follow-up
  const hint = useApiQuery('insights', 'customerHint', { customerId: customer.id }, { enabled: canEdit });
  const currency: CurrencyCode = store?.currency ?? 'UGX';
  const locale = store?.locale;
  const followUpsQ = useApiQuery('relationships', 'followUps', { customerId: customer.id });
  const followUps = followUpsQ.data ?? [];
  const [rows, setRows] = useState<TimelineEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [kind, setKind] = useState<TimelineKind | 'all'>('all');
  const [text, setText] = useState('');
  const [log, setLog] = useState<{ kind: Kind; channel: Channel; outcome: string; text: string } | null>(null);
  const [draft, setDraft] = useState<{ title: string; due: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const loadFollowUps = followUpsQ.refetch;
  const query = useCallback(
    (before?: number) =>
      api.relationships.timeline({
        customerId: customer.id,
        kinds: kind === 'all' ? undefined : [kind],
        text: text.trim() || undefined,
        before,
        limit: 30,
      }),
    [customer.id, kind, text],
  );
  const loadTimeline = useCallback(
    () =>
      query()
        .then((p) => {
          setRows(p.rows);
          setNextBefore(p.nextBefore);
        })
        .catch(onError),
    [query, onError],
  );
  useEffect(() => {
    const timer = setTimeout(() => void loadTimeline(), 200);
    return () => clearTimeout(timer);
  }, [loadTimeline]);

  const run = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      announceFollowUps();
      if (done) toast.success(done);
      await Promise.all([loadFollowUps(), loadTimeline()]);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  /**
   * This month's statement so far through the outbox (the screen never waits for the provider): by e-mail with the
   * PDF, or by WhatsApp as a text; without the Cloud API WhatsApp opens with the text for a person to press send.
   */
  const sendStatement = (channel: 'email' | 'whatsapp') =>
    run(async () => {
      // no period: the shop's month so far, by the shop's calendar (this computer's clock may be in another zone)
      const m = await api.messaging.sendStatement({
        customerId: customer.id,
        channel,
        idempotencyKey: `statement-${channel}-${customer.id}-${Date.now()}`,
      });
      if (m.link) {
        window.open(m.link, '_blank', 'noopener');
        toast.success(t('msg.statement.whatsappOpen', { to: m.to }));
      } else
        toast.success(t(channel === 'email' ? 'msg.statement.queued' : 'msg.statement.whatsappQueued', { to: m.to }));
    });

  const saveLog = (e: FormEvent) => {
    e.preventDefault();
    if (!log) return;
    void run(async () => {
      await api.relationships.logInteraction({
        customerId: customer.id,
        kind: log.kind,
        channel: log.channel,
        outcome: log.outcome.trim() || undefined,
        text: log.text,
      });
      setLog(null);
    }, t('rel.log.saved'));
  };

  const saveFollowUp = (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    void run(async () => {
      await api.relationships.createFollowUp({
        customerId: customer.id,
        title: draft.title,
        dueAt: new Date(draft.due).getTime(),
      });
      setDraft(null);
    }, t('rel.fu.created'));
  };

  const kindOptions = [
    { value: 'all' as const, label: t('rel.timeline.all') },
    ...namedOptions(t, 'rel.kind', TIMELINE_KINDS),
  ];

  return (
    <>
      <div className="card" data-testid="follow-ups">
        <h2>{t('rel.fu.title')}</h2>
        {followUps.length === 0 ? (
          <p className="muted">{t('rel.fu.none')}</p>
        ) : (
          <ul className="rel-list" aria-label={t('rel.fu.title')}>
            {followUps.map((f) => (
              <FollowUpRow key={f.id} f={f} busy={busy} onChanged={() => void run(async () => {})} />
            ))}
          </ul>
        )}
        {canEdit && (
          <div className="row-actions">
            {customer.balance > 0 && (
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy}
                onClick={() =>
                  void run(() => api.relationships.followUpFromDebt({ customerId: customer.id }), t('rel.fu.created'))
                }
              >
                {t('rel.fu.fromDebt')} ({formatMoney(customer.balance, currency, locale)})
              </button>
            )}
            {hint.data?.status === 'at_risk' && (
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() =>
                  void run(async () => {
                    await api.relationships.createFollowUp({
                      customerId: customer.id,
                      title: t('rel.fu.atRiskTitle', { date: hint.data?.expectedNextVisit ?? '' }),
                      dueAt: Date.now() + 60 * 60_000,
                    });
                  }, t('rel.fu.created'))
                }
              >
                {t('rel.fu.fromAtRisk')}
              </button>
            )}
            <button
              type="button"
              className="btn"
              onClick={() => setDraft({ title: '', due: localInput(Date.now() + 86_400_000) })}
            >
              {t('rel.fu.new')}
            </button>
            {can('messages.send') && customer.consentEmail && customer.email && (
              <button type="button" className="btn" disabled={busy} onClick={() => void sendStatement('email')}>
                {t('msg.statement.send')}
              </button>
            )}
            {can('messages.send') && customer.consentWhatsapp && customer.phonePrimary && (
              <button type="button" className="btn" disabled={busy} onClick={() => void sendStatement('whatsapp')}>
                {t('msg.statement.whatsapp')}
              </button>
            )}
          </div>
        )}
        {draft && (
          <form className="inline-form" onSubmit={saveFollowUp} aria-label={t('rel.fu.new')}>
            <TextField
              id="fu-title"
              label={t('rel.fu.what')}
              value={draft.title}
              onChange={(title) => setDraft({ ...draft, title })}
              required
              autoFocus
            />
            <TextField
              id="fu-due"
              label={t('rel.fu.due')}
              type="datetime-local"
              value={draft.due}
              onChange={(due) => setDraft({ ...draft, due })}
              required
            />
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('rel.fu.create')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
          </form>
        )}
      </div>

      <div className="card" data-testid="timeline">
        <div className="section-head">
          <h2>{t('rel.timeline')}</h2>
          {canEdit && !log && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setLog({ kind: 'call', channel: 'phone', outcome: '', text: '' })}
            >
              {t('rel.log')}
            </button>
          )}
        </div>
        {log && (
          <form className="rel-log" onSubmit={saveLog} aria-label={t('rel.log')}>
            <div className="grid-2">
              <SelectField
                id="log-kind"
                label={t('rel.log.kind')}
                value={log.kind}
                onChange={(k) => setLog({ ...log, kind: k, channel: DEFAULT_CHANNEL[k] })}
                options={namedOptions(t, 'rel.kind', INTERACTION_KINDS)}
              />
              <SelectField
                id="log-channel"
                label={t('rel.log.channel')}
                value={log.channel}
                onChange={(channel) => setLog({ ...log, channel })}
                options={namedOptions(t, 'rel.channel', INTERACTION_CHANNELS)}
              />
            </div>
            <TextField
              id="log-outcome"
              label={t('rel.log.outcome')}
              value={log.outcome}
              onChange={(outcome) => setLog({ ...log, outcome })}
              maxLength={200}
            />
            <TextAreaField
              id="log-text"
              label={t('rel.log.text')}
              value={log.text}
              onChange={(v) => setLog({ ...log, text: v })}
            />
            <FormActions
              submit={t('rel.log.save')}
              cancel={t('common.cancel')}
              onCancel={() => setLog(null)}
              disabled={busy}
            />
          </form>
        )}
        <div className="filters">
          <div className="field">
            <label htmlFor="tl-kind">{t('rel.timeline.filter')}</label>
            <select id="tl-kind" value={kind} onChange={(e) => setKind(e.target.value as TimelineKind | 'all')}>
              <Options options={kindOptions} />
            </select>
          </div>
          <SearchField id="tl-text" label={t('rel.timeline.search')} value={text} onChange={setText} />
        </div>
        {rows.length === 0 ? (
          <p className="muted">{t('rel.timeline.empty')}</p>
        ) : (
          <ol className="rel-timeline" aria-label={t('rel.timeline')}>
            {rows.map((r) => (
              <li key={`${r.kind}-${r.id}`} className={`tl-${r.kind}`}>
                <div className="tl-head">
                  <span className="pill">{t(`rel.kind.${r.kind}` as MessageKey)}</span>{' '}
                  <strong>{r.kind in DEFAULT_CHANNEL ? (r.status ?? '') : r.title}</strong>
                  {r.amount !== null && <span className="num"> {formatMoney(r.amount, currency, locale)}</span>}
                  <span className="muted">
                    {' '}
                    · {new Date(r.at).toLocaleString(locale)}
                    {r.channel && r.kind in DEFAULT_CHANNEL ? ` · ${t(`rel.channel.${r.channel}` as MessageKey)}` : ''}
                    {r.by ? ` · ${r.by}` : ''}
                    {r.kind === 'sent_message' && r.status ? ` · ${t(`msg.status.${r.status}` as MessageKey)}` : ''}
                  </span>
                </div>
                {r.text && <div className="tl-text">{r.text}</div>}
                {r.kind === 'complaint' && canEdit && (
                  <button
                    type="button"
                    className="btn btn-sm"
                    disabled={busy}
                    onClick={() =>
                      void run(
                        () => api.relationships.followUpFromComplaint({ interactionId: r.id }),
                        t('rel.fu.created'),
                      )
                    }
                  >
                    {t('rel.fu.fromComplaint')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
        {nextBefore !== null && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() =>
              void query(nextBefore)
                .then((p) => {
                  setRows((old) => [...old, ...p.rows]);
                  setNextBefore(p.nextBefore);
                })
                .catch(onError)
            }
          >
            {t('rel.timeline.more')}
          </button>
        )}
      </div>
    </>
  );
}
