import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { OrderWithRefunds, RefundMethodChoice } from '../../../shared/contract/refunds';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { TableHead } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { EscButton, InlineError } from '../../ui/DialogParts';
import { SelectField, TextField } from '../../ui/fields';
import { messageOf, useToast } from '../../ui/toast';
import { formatQty, parseQty } from './cart';
import { OpenShiftForm, ShiftAwareActions, useShiftGate } from './OpenShiftForm';

const REFUND_METHODS = ['original', 'cash', 'on_account'] as const satisfies readonly RefundMethodChoice[];

/**
 * A refund started at the till by scanning (or typing) the receipt number: per line, a quantity up to what is still
 * refundable and whether it goes back on the shelf; the money goes back in cash, the original way, or to the
 * customer's account. The server works out the amounts in proportion to what each line charged. A refund made is
 * said in a toast (its number, amount and how it went back) before `onDone`.
 */
export function RefundDialog({
  saleId,
  currency,
  locale,
  onClose,
  onDone = onClose,
}: {
  saleId: string;
  /** the currency the dialog writes amounts in (and the float of a shift opened here) */
  currency: CurrencyCode;
  locale: string;
  onClose: () => void;
  /** after the refund is made (by default as onClose) */
  onDone?: () => void;
}) {
  const t = useT();
  const money = (n: number) => formatMoney(n, currency, locale);
  const toast = useToast();
  const [data, setData] = useState<OrderWithRefunds | null>(null);
  const [qty, setQty] = useState<Record<string, string>>({});
  const [restock, setRestock] = useState<Record<string, boolean>>({});
  const [method, setMethod] = useState<RefundMethodChoice>('original');
  const [reason, setReason] = useState('');
  // a cash refund refused because no shift is open: the cashier opens one here (float, Enter) and it goes on
  const gate = useShiftGate(currency, locale);
  const { error, setError, busy } = gate;
  /** one key per refund attempt: a retry after a lost answer returns the same refund */
  const key = useRef(crypto.randomUUID());

  useEffect(() => {
    api.refunds
      .start({ id: saleId })
      .then((d) => {
        setData(d);
        setMethod(d.order.customerId ? 'on_account' : 'original');
        setRestock(Object.fromEntries(d.lines.map((l) => [l.salesLineId, true])));
      })
      .catch((e) => setError(messageOf(e)));
  }, [saleId, setError]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!data || busy) return;
    const lines: { salesLineId: string; qtyMilli: number; restock: boolean }[] = [];
    for (const l of data.lines) {
      const text = (qty[l.salesLineId] ?? '').trim();
      if (!text) continue;
      const milli = parseQty(text, l.unit);
      if (milli == null || milli > l.refundableQtyMilli) {
        return setError(t('till.refundBadQty', { name: l.name, max: formatQty(l.refundableQtyMilli, locale) }));
      }
      lines.push({ salesLineId: l.salesLineId, qtyMilli: milli, restock: restock[l.salesLineId] ?? true });
    }
    if (!lines.length) return setError(t('till.refundPickLine'));
    if (!reason.trim()) return setError(t('till.refundReason'));
    await gate.run(async () => {
      const r = await api.refunds.create({
        salesOrderId: data.order.id,
        lines,
        method,
        reason: reason.trim(),
        idempotencyKey: key.current,
      });
      toast.success(
        t('till.refunded', {
          number: r.refund.number,
          amount: money(r.refund.total),
          method: t(`till.method.${r.refund.method}` as MessageKey),
        }),
      );
      onDone();
    });
  };

  const o = data?.order;
  return (
    <Dialog
      title={o ? t('till.refundTitle', { number: o.number }) : t('till.refundLoading')}
      onClose={onClose}
      busy={busy}
      className="till-refund-dialog"
    >
      {o && data && (
        <form onSubmit={(e) => void submit(e)} className="till-dialog-form">
          <p className="muted">
            {o.customerName ?? t('till.walkIn')} · {money(o.total)} ·{' '}
            {t('till.refundable', { amount: money(data.refundableTotal) })}
          </p>
          {data.blockedReason && <p className="notice">{data.blockedReason}</p>}
          <table className="till-lines">
            <caption className="sr-only">{t('till.refundLines')}</caption>
            <TableHead
              cells={[
                t('till.col.item'),
                t('till.refundSold'),
                t('till.refundLeft'),
                t('till.refundQty'),
                t('till.restock'),
              ]}
              num={[1, 2, 3]}
            />
            <tbody>
              {data.lines.map((l, i) => (
                <tr key={l.salesLineId}>
                  <td>
                    <div className="till-line-name">{l.name}</div>
                    <div className="muted">{money(l.total)}</div>
                  </td>
                  <td className="num">{formatQty(l.soldQtyMilli, locale)}</td>
                  <td className="num">{formatQty(l.refundableQtyMilli, locale)}</td>
                  <td className="num">
                    <input
                      className="till-qty"
                      inputMode="decimal"
                      autoComplete="off"
                      autoFocus={i === 0}
                      disabled={l.refundableQtyMilli === 0}
                      aria-label={t('till.refundQtyFor', { name: l.name })}
                      value={qty[l.salesLineId] ?? ''}
                      onChange={(e) => setQty((q) => ({ ...q, [l.salesLineId]: e.target.value }))}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      className="till-check"
                      aria-label={t('till.restockFor', { name: l.name })}
                      checked={restock[l.salesLineId] ?? true}
                      onChange={(e) => setRestock((r) => ({ ...r, [l.salesLineId]: e.target.checked }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="grid-2">
            <SelectField
              id="refund-method"
              label={t('till.refundMethod')}
              value={method}
              onChange={setMethod}
              options={REFUND_METHODS.filter((m) => m !== 'on_account' || o.customerId).map((m) => ({
                value: m,
                label: t(`till.refundMethod.${m}` as MessageKey),
              }))}
            />
            <TextField
              id="refund-reason"
              label={t('till.refundReasonLabel')}
              autoComplete="off"
              value={reason}
              onChange={setReason}
            />
          </div>
          <ShiftAwareActions {...gate.actions} disabled={data.blockedReason != null} onClose={onClose}>
            {t('till.refundGo')}
          </ShiftAwareActions>
        </form>
      )}
      {o && gate.needsShift && (
        <OpenShiftForm
          id="refund-float"
          submitLabel={t('shift.till.submitRefund')}
          {...gate.form(() => void submit())}
        />
      )}
      {!o && error && (
        <>
          <InlineError error={error} />
          <EscButton className="btn" label={t('common.close')} onClick={onClose} />
        </>
      )}
    </Dialog>
  );
}
