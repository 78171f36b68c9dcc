import { useState } from 'react';
import type { SalesOrder } from '../../../shared/contract/sales';
import { useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { useApiMutation } from '../../ui/query';
import { useToast } from '../../ui/toast';

/**
 * "Send receipt" on the finished sale: by e-mail (the invoice PDF) or WhatsApp (the text), to the sale's customer or,
 * for a walk-in, to the address or number they give. One message per sale and channel, however often it is pressed.
 */
export function SendReceipt({ order }: { order: Pick<SalesOrder, 'id' | 'customerId'> }) {
  const t = useT();
  const toast = useToast();
  const { can } = useShell();
  const [to, setTo] = useState('');
  const send = useApiMutation('messaging', 'sendReceipt', {
    onSuccess: (m) => {
      if (m.link) window.open(m.link, '_blank', 'noopener');
      toast.success(t('msg.receipt.queued', { to: m.to }));
    },
  });
  if (!can('messages.send')) return null;
  const go = (channel: 'email' | 'whatsapp') =>
    send.mutate({
      salesOrderId: order.id,
      channel,
      ...(to.trim() ? { to: to.trim() } : {}),
      idempotencyKey: `receipt-${channel}-${order.id}${to.trim() ? `-${to.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}` : ''}`,
    });
  return (
    <div className="till-receipt-send inline-form">
      {!order.customerId && (
        <div className="field">
          <label htmlFor="receipt-to">{t('msg.receipt.to')}</label>
          <input id="receipt-to" value={to} onChange={(e) => setTo(e.target.value)} autoComplete="off" />
        </div>
      )}
      <button type="button" className="btn btn-sm" disabled={send.isPending} onClick={() => go('email')}>
        {t('msg.receipt.email')}
      </button>
      <button type="button" className="btn btn-sm" disabled={send.isPending} onClick={() => go('whatsapp')}>
        {t('msg.receipt.whatsapp')}
      </button>
    </div>
  );
}
