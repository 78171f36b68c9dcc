import type { CompleteResult, Quote } from '../../../shared/contract/sales';
import { type MessageKey, useT } from '../../i18n';
import { EscButton } from '../../ui/DialogParts';
import { SendReceipt } from '../messaging/SendReceipt';

/** Always on screen: what the sale comes to, what the customer saved, and the key to take payment. */
export function TotalsPanel({
  quote,
  stale,
  empty,
  approvedBy,
  money,
  onPay,
  onApprove,
}: {
  quote: Quote | null;
  stale: boolean;
  empty: boolean;
  approvedBy: string | null;
  money: (n: number) => string;
  onPay: () => void;
  onApprove: () => void;
}) {
  const t = useT();
  const q = empty ? null : quote;
  const dash = (n: number | undefined) => (n == null ? money(0) : money(n));
  const needs = q?.approvalsNeeded ?? [];
  return (
    <section className="till-panel till-totals" aria-labelledby="till-totals-h" aria-busy={stale && !empty}>
      <h2 id="till-totals-h" className="sr-only">
        {t('till.totals')}
      </h2>
      <dl className="till-sums">
        <dt>{t('till.subtotal')}</dt>
        <dd>{dash(q?.subtotal)}</dd>
        {q && q.discountTotal - q.offerDiscount > 0 && (
          <>
            <dt>{t('till.discounts')}</dt>
            <dd className="till-discount">−{money(q.discountTotal - q.offerDiscount)}</dd>
          </>
        )}
        {q && q.offerDiscount > 0 && (
          <>
            <dt data-testid="till-offer">{q.offerReason}</dt>
            <dd className="till-discount">−{money(q.offerDiscount)}</dd>
          </>
        )}
        <dt>{t(q?.pricesIncludeTax ? 'till.taxIncluded' : 'till.tax')}</dt>
        <dd>{dash(q?.taxTotal)}</dd>
      </dl>
      <div className="till-total" data-testid="till-total">
        <span className="till-total-label">{t('till.total')}</span>
        <span className="till-total-amount">{dash(q?.total)}</span>
      </div>
      {q && q.cashRounding !== 0 && (
        <p className="muted till-cash-total">{t('till.cashTotal', { amount: money(q.cashTotal) })}</p>
      )}
      {q && q.savings > 0 && (
        <p className="till-saved" data-testid="till-saved">
          {t('till.youSaved', { amount: money(q.savings) })}
        </p>
      )}
      {approvedBy && <p className="muted">{t('till.approvedBy', { name: approvedBy })}</p>}
      {needs.length > 0 && (
        <div className="notice till-needs" role="status">
          {needs.map((n) => (
            <p key={`${n.kind}-${n.lineNo ?? 'all'}`}>{n.message}</p>
          ))}
          <button type="button" className="btn btn-sm" onClick={onApprove}>
            {t('till.getApproval')} <kbd>F7</kbd>
          </button>
        </div>
      )}
      <button
        type="button"
        className="btn btn-primary btn-lg btn-block till-pay"
        disabled={empty}
        onClick={onPay}
        aria-keyshortcuts="F12"
      >
        {t('till.pay')} <kbd>F12</kbd>
      </button>
    </section>
  );
}

/** The last sale, big enough to read from across the counter, until the next item is scanned. */
export function CompletionPanel({
  result,
  money,
  onDismiss,
}: {
  result: CompleteResult;
  money: (n: number) => string;
  onDismiss: () => void;
}) {
  const t = useT();
  const o = result.order;
  return (
    <section className="till-done" role="status" aria-labelledby="till-done-h">
      <h2 id="till-done-h" className="till-done-title">
        {t('till.saleComplete', { number: o.number })}
      </h2>
      <p className="till-done-change" data-testid="till-change">
        {t('till.change', { amount: money(o.changeGiven) })}
      </p>
      <p className="till-done-total">
        {t('till.saleTotal', { amount: money(o.total) })}
        {o.customerName && ` · ${o.customerName}`}
      </p>
      {o.onAccountTotal > 0 && o.customerName && (
        <p className="till-done-total">
          {t('till.onAccountAdded', { amount: money(o.onAccountTotal), name: o.customerName })}
        </p>
      )}
      <ul className="till-done-pays">
        {o.payments.map((p) => (
          <li key={p.id}>
            {t(`till.method.${p.method}` as MessageKey)}: {money(p.amount)}
            {p.tendered != null && p.tendered !== p.amount && (
              <span className="muted"> ({t('till.tendered', { amount: money(p.tendered) })})</span>
            )}
          </li>
        ))}
      </ul>
      {o.savings > 0 && <p className="till-saved">{t('till.youSaved', { amount: money(o.savings) })}</p>}
      <SendReceipt order={o} />
      <p className="muted">
        {t('till.nextSale')}{' '}
        <EscButton label={t('common.close')} onClick={onDismiss} className="btn btn-sm btn-ghost" />
      </p>
    </section>
  );
}

export const FUNCTION_KEYS = [
  ['F2', 'till.key.search'],
  ['F3', 'till.key.customer'],
  ['F4', 'till.key.qty'],
  ['F6', 'till.key.discount'],
  ['F8', 'till.key.park'],
  ['F9', 'till.key.parked'],
  ['F10', 'account.key'],
  ['F12', 'till.key.pay'],
  ['Esc', 'till.key.cancel'],
] as const;
export type FunctionKey = (typeof FUNCTION_KEYS)[number][0];

/** The function keys, on screen so nobody has to remember them; each is also a button. */
export function FunctionKeyBar({ onKey }: { onKey: (k: FunctionKey) => void }) {
  const t = useT();
  return (
    <div className="till-keys" role="toolbar" aria-label={t('till.keys')}>
      {FUNCTION_KEYS.map(([key, label]) => (
        <button
          key={key}
          type="button"
          className="till-key"
          aria-keyshortcuts={key === 'Esc' ? 'Escape' : key}
          onClick={() => onKey(key)}
        >
          <kbd>{key}</kbd>
          <span>{t(label)}</span>
        </button>
      ))}
    </div>
  );
}
