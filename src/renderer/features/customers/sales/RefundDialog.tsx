import { useState } from 'react';
import type { OrderWithRefunds, RefundMethodChoice } from '../../../../shared/contract/refunds';
import { formatMoney } from '../../../../shared/money';
import { type MessageKey, useT } from '../../../i18n';
import { api } from '../../../lib/api';
import { useShell } from '../../../lib/session';
import { Dialog } from '../../../ui/Dialog';
import { useToast } from '../../../ui/toast';

const qtyText = (milli: number) => String(milli / 1000);

/** Refund part or all of a sale: a quantity and a restock choice per line, how the money goes back, and why. */
export function RefundDialog({
  state,
  onClose,
  onDone,
}: {
  state: OrderWithRefunds;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, store } = useShell();
  const { order } = state;
  const money = (n: number) => formatMoney(n, order.currency, store?.locale);
  const open = state.lines.filter((l) => l.refundableQtyMilli > 0);
  const [qty, setQty] = useState<Record<string, string>>({});
  const [restock, setRestock] = useState<Record<string, boolean>>(
    Object.fromEntries(open.map((l) => [l.salesLineId, true])),
  );
  const [method, setMethod] = useState<RefundMethodChoice>('original');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  // one key per dialog: pressing Refund twice, or again after a timeout, cannot refund twice
  const [key] = useState(() => `refund-${crypto.randomUUID()}`);
  const methods: RefundMethodChoice[] = order.customerId ? ['original', 'cash', 'on_account'] : ['original', 'cash'];

  const submit = async () => {
    const lines = open
      .map((l) => ({
        salesLineId: l.salesLineId,
        qtyMilli: Math.round(Number((qty[l.salesLineId] ?? '').replace(',', '.')) * 1000),
        restock: restock[l.salesLineId] ?? true,
      }))
      .filter((l) => Number.isFinite(l.qtyMilli) && l.qtyMilli > 0);
    if (!lines.length) {
      toast.error(t('sh.rf.nothing'));
      return;
    }
    setBusy(true);
    try {
      const res = await api.refunds.create({ salesOrderId: order.id, lines, method, reason, idempotencyKey: key });
      toast.success(t('sh.rf.done', { number: res.refund.number, amount: money(res.refund.total) }));
      onDone();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('sh.rf.title', { number: order.number })} onClose={onClose} className="refund-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">
          {t('sh.rf.limit', { amount: money(state.refundableTotal), money: money(state.refundableMoney) })}
        </p>
        <table className="table">
          <thead>
            <tr>
              <th>{t('sh.col.item')}</th>
              <th>{t('sh.col.qty')}</th>
              <th>{t('sh.col.total')}</th>
              <th>{t('sh.col.restock')}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((l) => (
              <tr key={l.salesLineId}>
                <td>
                  {l.name}
                  <div className="muted">
                    {t('sh.rf.left', { left: qtyText(l.refundableQtyMilli), sold: qtyText(l.soldQtyMilli) })}
                  </div>
                </td>
                <td>
                  <input
                    className="input"
                    inputMode="decimal"
                    size={6}
                    aria-label={t('sh.rf.qty', { n: l.lineNo, name: l.name })}
                    value={qty[l.salesLineId] ?? ''}
                    onChange={(e) => setQty({ ...qty, [l.salesLineId]: e.target.value })}
                  />
                </td>
                <td>{money(l.total)}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('sh.rf.restock', { n: l.lineNo })}
                    checked={restock[l.salesLineId] ?? true}
                    onChange={(e) => setRestock({ ...restock, [l.salesLineId]: e.target.checked })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="field">
          <span>{t('sh.rf.method')}</span>
          <select className="input" value={method} onChange={(e) => setMethod(e.target.value as RefundMethodChoice)}>
            {methods.map((m) => (
              <option key={m} value={m}>
                {t(`sh.rf.method.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('sh.rf.reason')}</span>
          <input
            className="input"
            required
            maxLength={300}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <div className="row-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('sh.rf.submit')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
