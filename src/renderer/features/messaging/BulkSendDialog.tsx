import { type FormEvent, useEffect, useState } from 'react';
import { BULK_CHANNELS, type MessageBatch, TEMPLATE_KEYS, type TemplateKey } from '../../../shared/contract/messaging';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { EnterButton, EscButton } from '../../ui/DialogParts';
import { SelectField, TextField } from '../../ui/fields';
import { useForm } from '../../ui/form';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';

type BulkChannel = (typeof BULK_CHANNELS)[number];
/** the templates a batch may send (the receipt and the statements are not among them) */
const BULK_TEMPLATES = TEMPLATE_KEYS.filter((k) => k !== 'receipt' && k !== 'statement' && k !== 'statement_text');

/** The batch's figures and its pause / resume / cancel, read again every second while it sends. */
export function BatchProgress({ batch, onChange }: { batch: MessageBatch; onChange: (b: MessageBatch) => void }) {
  const t = useT();
  const set = useApiMutation('messaging', 'setBatch', { onSuccess: onChange });
  const done = batch.sent + batch.failed + batch.cancelled;
  useEffect(() => {
    if (batch.status !== 'sending' || batch.queued + batch.sending === 0) return;
    const timer = setInterval(() => void api.messaging.batch({ id: batch.id }).then(onChange, () => {}), 1_000);
    return () => clearInterval(timer);
  }, [batch, onChange]);
  return (
    <div className="bulk-progress">
      <progress className="import-progress" aria-label={t('msg.bulk.progress')} max={batch.total} value={done} />
      <p aria-live="polite">
        {t('msg.bulk.figures', {
          sent: batch.sent,
          total: batch.total,
          failed: batch.failed,
          cancelled: batch.cancelled,
        })}
        {batch.status === 'paused' && ` · ${t('msg.bulk.paused')}`}
      </p>
      {batch.status !== 'cancelled' && batch.queued > 0 && (
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => set.mutate({ id: batch.id, action: batch.status === 'paused' ? 'resume' : 'pause' })}
          >
            {t(batch.status === 'paused' ? 'msg.bulk.resume' : 'msg.bulk.pause')}
          </button>
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            onClick={() => set.mutate({ id: batch.id, action: 'cancel' })}
          >
            {t('msg.bulk.cancelRest')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * One template to a list of customers: first who will get it on which channel and who is left out and why (nothing is
 * queued yet), then, on Send, the outbox takes them at the chosen rate with progress, pause and cancel.
 */
export function BulkSendDialog({
  customerIds,
  template: firstTemplate,
  onClose,
}: {
  customerIds: string[];
  template: TemplateKey;
  onClose: () => void;
}) {
  const t = useT();
  const { form, bind } = useForm({ template: firstTemplate, channel: 'best' as BulkChannel, perMinute: '20' });
  const { template, channel, perMinute } = form;
  const [key] = useState(() => `bulk-${crypto.randomUUID()}`);
  const [batch, setBatch] = useState<MessageBatch | null>(null);
  const preview = useApiQuery('messaging', 'bulkPreview', { customerIds, template, channel }, { keepPrevious: true });
  const send = useApiMutation('messaging', 'bulkSend', { onSuccess: setBatch });
  const rate = Number(perMinute);
  const p = preview.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!p?.total || !Number.isInteger(rate) || rate < 1 || rate > 600) return;
    send.mutate({ customerIds, template, channel, perMinute: rate, idempotencyKey: key });
  };

  return (
    <Dialog title={t('msg.bulk.title', { count: customerIds.length })} onClose={onClose} className="bulk-dialog">
      {batch ? (
        <>
          <BatchProgress batch={batch} onChange={setBatch} />
          <div className="row-actions">
            <EscButton label={t('common.close')} onClick={onClose} className="btn" />
          </div>
        </>
      ) : (
        <form onSubmit={submit}>
          <SelectField
            id="bulk-template"
            label={t('msg.bulk.template')}
            options={namedOptions(t, 'msg.template', BULK_TEMPLATES)}
            {...bind('template')}
          />
          <SelectField
            id="bulk-channel"
            label={t('msg.bulk.channel')}
            options={namedOptions(t, 'msg.bulk.channel', BULK_CHANNELS)}
            {...bind('channel')}
          />
          <TextField id="bulk-rate" label={t('msg.bulk.rate')} inputMode="numeric" {...bind('perMinute')} />
          {p && (
            <div className="bulk-preview" aria-live="polite">
              <p>
                <strong>{t('msg.bulk.willSend', { count: p.total })}</strong>{' '}
                {t('msg.bulk.byChannel', { email: p.willSend.email, sms: p.willSend.sms })}
              </p>
              {p.leftOutCount > 0 && (
                <>
                  <p>{t('msg.bulk.leftOut', { count: p.leftOutCount })}</p>
                  <ul className="bulk-reasons">
                    {p.reasons.map((r) => (
                      <li key={r.reason}>
                        {r.count} · {r.reason}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
          <div className="row-actions">
            <EscButton label={t('common.cancel')} onClick={onClose} />
            <EnterButton disabled={!p?.total || send.isPending}>
              {t('msg.bulk.send', { count: p?.total ?? 0 })}
            </EnterButton>
          </div>
        </form>
      )}
    </Dialog>
  );
}
