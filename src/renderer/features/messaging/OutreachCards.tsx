import { type FormEvent, useState } from 'react';
import type { MessageBatch } from '../../../shared/contract/messaging';
import { type MessageKey, useT } from '../../i18n';
import { TextField } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { BatchProgress } from './BulkSendDialog';

/** The bulk sends of late, each with its progress, pause, resume and cancel. */
export function BulkSendsCard() {
  const t = useT();
  const batches = useApiQuery('messaging', 'batches', null);
  const f = useShopFormat();
  const [changed, setChanged] = useState<Record<string, MessageBatch>>({});
  const rows = batches.data ?? [];
  return (
    <div className="card" data-testid="bulk-sends">
      <h2>{t('msg.bulk.list')}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('msg.bulk.none')}</p>
      ) : (
        <ul className="rel-list">
          {rows.map((b0) => {
            const b = changed[b0.id] ?? b0;
            return (
              <li key={b.id} className="rel-followup">
                <div>
                  <strong>{t(`msg.template.${b.template}` as MessageKey)}</strong>{' '}
                  <span className="muted">
                    {t(`msg.bulk.channel.${b.channel}` as MessageKey)} · {f.date(b.createdAt)}
                  </span>
                </div>
                <BatchProgress batch={b} onChange={(next) => setChanged((c) => ({ ...c, [next.id]: next }))} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** A reply from a customer recorded by hand (from a gateway's inbox or a call); STOP withdraws their SMS consent. */
export function RepliesCard({ modem }: { modem: boolean }) {
  const t = useT();
  const toast = useToast();
  const [from, setFrom] = useState('');
  const [text, setText] = useState('');
  const reply = useApiMutation('messaging', 'reply', {
    invalidates: ['messaging', 'customers'],
    onSuccess: (out) => {
      if (!out.customers.length) toast.info(t('msg.reply.unknown'));
      else if (out.stop) toast.success(t('msg.reply.stopped', { names: out.customers.map((c) => c.name).join(', ') }));
      else toast.info(t('msg.reply.kept'));
      setFrom('');
      setText('');
    },
  });
  const check = useApiMutation('messaging', 'checkReplies', { onSuccess: (out) => toast.info(out.message) });
  const [hookPath, setHookPath] = useState<string | null>(null);
  const hook = useApiMutation('messaging', 'replyHook', { onSuccess: (out) => setHookPath(out.path) });
  const settings = useApiQuery('messaging', 'settings', null);
  const [address, setAddress] = useState<string | null>(null);
  const shownAddress = address ?? settings.data?.publicAddress ?? '';
  const saveAddress = useApiMutation('messaging', 'updateSettings', {
    invalidates: ['messaging'],
    onSuccess: () => {
      setAddress(null);
      toast.success(t('msg.reply.addressSaved'));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (from.trim().length >= 3) reply.mutate({ from, text, channel: 'sms' });
  };
  return (
    <div className="card" data-testid="replies">
      <h2>{t('msg.reply.title')}</h2>
      <p className="muted">{t('msg.reply.hint')}</p>
      <form className="inline-form" onSubmit={submit}>
        <TextField id="reply-from" label={t('msg.reply.from')} value={from} onChange={setFrom} inputMode="tel" />
        <TextField id="reply-text" label={t('msg.reply.text')} value={text} onChange={setText} />
        <button type="submit" className="btn" disabled={reply.isPending}>
          {t('msg.reply.save')}
        </button>
        {modem && (
          <button type="button" className="btn btn-ghost" onClick={() => check.mutate(null)} disabled={check.isPending}>
            {t('msg.reply.modem')}
          </button>
        )}
      </form>
      <h3>{t('msg.reply.hook')}</h3>
      <p className="muted">{t('msg.reply.hookHint')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          saveAddress.mutate({ publicAddress: shownAddress.trim() || null });
        }}
      >
        <TextField id="public-address" label={t('msg.reply.address')} value={shownAddress} onChange={setAddress} />
        <button type="submit" className="btn" disabled={saveAddress.isPending}>
          {t('msg.reply.addressSave')}
        </button>
      </form>
      {hookPath && (
        <p>
          <code data-testid="reply-hook">{`${settings.data?.publicAddress ?? ''}${hookPath}`}</code>
        </p>
      )}
      <p className="row-actions">
        <button type="button" className="btn" onClick={() => hook.mutate({ renew: false })} disabled={hook.isPending}>
          {t('msg.reply.hookShow')}
        </button>
        {hookPath && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => hook.mutate({ renew: true })}
            disabled={hook.isPending}
          >
            {t('msg.reply.hookRenew')}
          </button>
        )}
      </p>
    </div>
  );
}

/** How often one customer may get an offer or a greeting, and the quiet hours at night. */
export function OffersCard({ editable }: { editable: boolean }) {
  const t = useT();
  const toast = useToast();
  const settings = useApiQuery('messaging', 'settings', null);
  const [form, setForm] = useState<{ messages: string; days: string; start: string; end: string } | null>(null);
  const s = settings.data;
  const shown = form ?? {
    messages: String(s?.marketingCap?.messages ?? ''),
    days: String(s?.marketingCap?.days ?? ''),
    start: s?.quietHours?.start ?? '',
    end: s?.quietHours?.end ?? '',
  };
  const save = useApiMutation('messaging', 'updateSettings', {
    onSuccess: () => {
      setForm(null);
      toast.success(t('msg.cap.saved'));
    },
  });
  const set = (k: keyof typeof shown) => (v: string) => setForm({ ...shown, [k]: v });
  const bind = (k: keyof typeof shown) => ({ value: shown[k], onChange: set(k) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const messages = Number(shown.messages);
    const days = Number(shown.days);
    save.mutate({
      marketingCap: shown.messages.trim() === '' ? null : { messages, days },
      quietHours: shown.start && shown.end ? { start: shown.start, end: shown.end } : null,
    });
  };
  if (!s) return null;
  return (
    <div className="card" data-testid="offers-limits">
      <h2>{t('msg.cap.title')}</h2>
      <form onSubmit={submit}>
        <fieldset disabled={!editable} className="plain-fieldset inline-form">
          <TextField id="cap-messages" label={t('msg.cap.messages')} inputMode="numeric" {...bind('messages')} />
          <TextField id="cap-days" label={t('msg.cap.days')} inputMode="numeric" {...bind('days')} />
          <TextField id="quiet-start" label={t('msg.cap.quietStart')} type="time" {...bind('start')} />
          <TextField id="quiet-end" label={t('msg.cap.quietEnd')} type="time" {...bind('end')} />
          <button type="submit" className="btn" disabled={save.isPending}>
            {t('msg.cap.save')}
          </button>
        </fieldset>
      </form>
    </div>
  );
}
