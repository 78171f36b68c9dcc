import { useState } from 'react';
import { formatMoney } from '../../../../shared/money';
import { type MessageKey, useT } from '../../../i18n';
import { api } from '../../../lib/api';
import { useShell } from '../../../lib/session';
import { DataTable } from '../../../ui/DataTable';
import { Dialog } from '../../../ui/Dialog';
import { EscButton } from '../../../ui/DialogParts';
import { useApiQuery } from '../../../ui/query';
import { useToast } from '../../../ui/toast';
import { RefundDialog } from '../../till/RefundDialog';

/** One sale opened from the history: lines, payments, refunds against it; reprint and refund from here. */
export function OrderDialog({ id, onClose, onChanged }: { id: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const toast = useToast();
  const { onError, can, store } = useShell();
  const opened = useApiQuery('history', 'order', { id });
  const state = opened.data ?? null;
  const [refunding, setRefunding] = useState(false);
  const load = () => void opened.refetch();
  if (!state) return null;
  const { order } = state;
  const money = (n: number) => formatMoney(n, order.currency, store?.locale);
  const when = (ms: number) => new Date(ms).toLocaleString(store?.locale);

  if (refunding)
    return (
      // the till's refund dialog: one way to refund, wherever the sale was opened
      <RefundDialog
        saleId={order.id}
        currency={order.currency}
        locale={store?.locale ?? 'en'}
        onClose={() => setRefunding(false)}
        onDone={() => {
          setRefunding(false);
          load();
          onChanged();
        }}
      />
    );

  return (
    <Dialog title={t('sh.order', { number: order.number })} onClose={onClose} className="order-dialog">
      <p className="muted">
        {when(order.completedAt)} · {t(`sh.status.${order.status}` as MessageKey)} · {order.staffName ?? ''}
      </p>
      <h3>{t('sh.order.lines')}</h3>
      <DataTable
        rows={state.lines}
        columns={[
          { key: 'item', header: t('sh.col.item'), cell: (l) => l.name },
          { key: 'qty', header: t('sh.col.qty'), cell: (l) => l.soldQtyMilli / 1000 },
          { key: 'refunded', header: t('sh.col.refundedQty'), cell: (l) => l.refundedQtyMilli / 1000 },
          { key: 'total', header: t('sh.col.total'), cell: (l) => money(l.total) },
        ]}
        rowKey={(l) => l.salesLineId}
      />
      <p>
        <strong>
          {t('sh.col.total')}: {money(order.total + order.rounding)}
        </strong>
      </p>
      <h3>{t('sh.order.payments')}</h3>
      <ul>
        {order.payments.map((p) => (
          <li key={p.id}>
            {p.method.replace('_', ' ')}: {money(p.amount)}
            {p.reference ? ` (${p.reference})` : ''}
          </li>
        ))}
      </ul>
      {state.refunds.length > 0 && (
        <>
          <h3>{t('sh.order.refunds')}</h3>
          <ul>
            {state.refunds.map((r) => (
              <li key={r.id}>
                {r.number} · {when(r.at)} · {t(`sh.status.${r.status}` as MessageKey)} · {r.method.replace('_', ' ')} ·{' '}
                {money(r.total)} · {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {state.blockedReason && <p className="notice">{state.blockedReason}</p>}
      <div className="row-actions">
        {can('sales.refund') && !state.blockedReason && (
          <button type="button" className="btn btn-primary" onClick={() => setRefunding(true)}>
            {t('sh.refund')}
          </button>
        )}
        {can('sales.sell') && (
          <button
            type="button"
            className="btn"
            onClick={() =>
              api.devices
                .reprint({ salesOrderId: order.id })
                .then(() => toast.success(t('sh.reprinted')))
                .catch(onError)
            }
          >
            {t('sh.reprint')}
          </button>
        )}
        <EscButton label={t('sh.close')} onClick={onClose} />
      </div>
    </Dialog>
  );
}
