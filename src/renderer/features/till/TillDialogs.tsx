import { type FormEvent, useMemo, useState } from 'react';
import type { ProductUnit } from '../../../shared/contract/catalog';
import type { ApprovalNeed, Cart, Discount } from '../../../shared/contract/sales';
import { type CurrencyCode, parseMoney, separatorsOf } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { ConfirmDialog, EnterButton, EscButton, InlineError } from '../../ui/DialogParts';
import { SelectField } from '../../ui/fields';
import { Keypad } from '../../ui/Keypad';
import { useApiQuery } from '../../ui/query';
import { messageOf } from '../../ui/toast';
import { ApproverFields, useApproval } from '../staff/ApproverFields';
import { formatQty, parsePercent, parseQty } from './cart';
import type { ApprovalGrant } from './useSale';

/** F6: a discount for the selected line or the whole sale, in percent or an amount. */
export function DiscountDialog({
  lineName,
  current,
  currency,
  locale,
  onApply,
  onPrice,
  priceChanged,
  onClose,
}: {
  /** the selected line's name; null when the sale has no lines (whole-sale discount only) */
  lineName: string | null;
  current: (target: 'line' | 'order') => Discount | null;
  currency: CurrencyCode;
  locale: string;
  onApply: (target: 'line' | 'order', d: Discount | null) => void;
  /** a new price each for the selected line (null: back to the resolved price) */
  onPrice: (unitPrice: number | null) => void;
  /** the selected line has a changed price */
  priceChanged: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [target, setTarget] = useState<'line' | 'order'>(lineName ? 'line' : 'order');
  const [kind, setKind] = useState<Discount['kind'] | 'price'>('percent');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const existing = current(target);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) return setError(t('till.discountValue'));
    let d: Discount;
    if (kind === 'price') {
      try {
        const price = parseMoney(value, currency, locale);
        if (price < 0) return setError(t('till.badAmount'));
        return onPrice(price);
      } catch {
        return setError(t('till.badAmount'));
      }
    }
    if (kind === 'percent') {
      const bp = parsePercent(value);
      if (bp == null) return setError(t('till.badPercent'));
      d = { kind, bp };
    } else {
      try {
        d = { kind, amount: parseMoney(value, currency, locale) };
      } catch {
        return setError(t('till.badAmount'));
      }
      if (d.amount < 0) return setError(t('till.badAmount'));
    }
    onApply(target, d);
  };

  return (
    <Dialog title={t('till.discountTitle')} onClose={onClose} initialFocus="#disc-value">
      <form onSubmit={submit} className="till-dialog-form">
        <SelectField
          id="disc-target"
          label={t('till.discountFor')}
          value={target}
          onChange={(v) => {
            setTarget(v);
            if (v === 'order' && kind === 'price') setKind('percent');
          }}
          options={[
            ...(lineName ? [{ value: 'line' as const, label: t('till.discountLine', { name: lineName }) }] : []),
            { value: 'order' as const, label: t('till.discountOrder') },
          ]}
        />
        <SelectField
          id="disc-kind"
          label={t('till.discountKind')}
          value={kind}
          onChange={setKind}
          options={[
            { value: 'percent', label: t('till.percent') },
            { value: 'amount', label: t('till.amountOff', { currency }) },
            ...(target === 'line' ? [{ value: 'price' as const, label: t('till.newPrice', { currency }) }] : []),
          ]}
        />
        <div className="field">
          <label htmlFor="disc-value">
            {t(kind === 'percent' ? 'till.percentValue' : kind === 'price' ? 'till.priceValue' : 'till.amountValue')}
          </label>
          <input
            id="disc-value"
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </div>
        <InlineError error={error} />
        <div className="row-actions">
          <EnterButton>{t(kind === 'price' ? 'till.applyPrice' : 'till.applyDiscount')}</EnterButton>
          {existing && kind !== 'price' && (
            <button type="button" className="btn" onClick={() => onApply(target, null)}>
              {t('till.removeDiscount')}
            </button>
          )}
          {priceChanged && target === 'line' && kind === 'price' && (
            <button type="button" className="btn" onClick={() => onPrice(null)}>
              {t('till.usualPrice')}
            </button>
          )}
          <EscButton label={t('common.cancel')} onClick={onClose} />
        </div>
      </form>
    </Dialog>
  );
}

/** A manager or the owner types their PIN to allow what the cashier may not do alone (checked and audited in main). */
export function ApprovalDialog({
  needs,
  cart,
  onApproved,
  onClose,
}: {
  needs: ApprovalNeed[];
  /** the cart approved: main answers with a token for exactly this cart, and the PIN stays in this dialog */
  cart?: Cart;
  onApproved: (grant: ApprovalGrant) => void;
  onClose: () => void;
}) {
  const t = useT();
  const approval = useApproval();
  const { staffId, pin, setPin } = approval;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!staffId || !pin) return;
    setBusy(true);
    setError(null);
    try {
      const kinds = [...new Set(needs.map((n) => n.kind))];
      let name = '';
      let token: string | null = null;
      for (const action of kinds.length ? kinds : (['discount'] as const)) {
        const r = await api.sales.approve({ staffId, pin, action, ...(cart ? { cart } : {}) });
        name = r.name;
        token = r.token;
      }
      onApproved(token ? { staffId, token, name } : { staffId, pin, name });
    } catch (err) {
      setError(messageOf(err));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('till.approvalTitle')} onClose={onClose} role="alertdialog" initialFocus="#approve-pin">
      <ul className="till-needs-list">
        {needs.map((n) => (
          <li key={`${n.kind}-${n.lineNo ?? 'all'}`}>{n.message}</li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)} className="till-dialog-form">
        <ApproverFields
          idPrefix="approve"
          labels={[t('till.approver'), t('till.approverPin')]}
          approval={approval}
          autoFocus
        />
        <InlineError error={error} />
        <div className="row-actions">
          <EnterButton disabled={busy || !pin}>{t('till.approve')}</EnterButton>
          <EscButton label={t('common.cancel')} onClick={onClose} />
        </div>
      </form>
    </Dialog>
  );
}

/** F9: sales put on hold, newest first; Enter resumes the highlighted one. */
export function ParkedDialog({
  timeText,
  onResume,
  onClose,
}: {
  timeText: (ms: number) => string;
  onResume: (id: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const parked = useApiQuery('sales', 'parked', null);
  // as read on opening (not a list kept from an earlier opening), newest first
  const fresh = parked.isFetchedAfterMount ? parked.data : undefined;
  const rows = useMemo(() => (fresh ? [...fresh].sort((a, b) => b.updatedAt - a.updatedAt) : null), [fresh]);
  const [sel, setSel] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const discard = async (id: string) => {
    try {
      await api.sales.discardParked({ id });
      void parked.refetch();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <Dialog title={t('till.parkedTitle')} onClose={onClose} initialFocus=".till-parked .btn-primary">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys and Enter for the list */}
      <div
        onKeyDown={(e) => {
          if (!rows?.length) return;
          if (e.key === 'ArrowDown') setSel((s) => Math.min(rows.length - 1, s + 1));
          else if (e.key === 'ArrowUp') setSel((s) => Math.max(0, s - 1));
          else if (e.key === 'Enter' && (e.target as HTMLElement).tagName !== 'BUTTON') {
            const row = rows[sel];
            if (row) onResume(row.id);
          } else return;
          e.preventDefault();
        }}
      >
        <InlineError error={error} />
        {rows && rows.length === 0 && <p className="muted">{t('till.noParked')}</p>}
        {rows && rows.length > 0 && (
          <ul className="till-parked" aria-label={t('till.parkedTitle')}>
            {rows.map((r, i) => (
              <li key={r.id} className={i === sel ? 'till-parked-row till-parked-sel' : 'till-parked-row'}>
                <span className="till-parked-label">
                  <strong>{r.label || r.customerName || t('till.walkIn')}</strong>
                  <span className="muted">
                    {t('till.parkedInfo', { n: r.lineCount, time: timeText(r.updatedAt), who: r.staffName ?? '' })}
                  </span>
                </span>
                <button
                  type="button"
                  className="btn btn-primary btn-sm"
                  autoFocus={i === 0}
                  onFocus={() => setSel(i)}
                  onClick={() => onResume(r.id)}
                >
                  {t('till.resume')}
                </button>
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => void discard(r.id)}>
                  {t('till.discard')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="row-actions">
          <EscButton label={t('common.close')} onClick={onClose} />
        </div>
      </div>
    </Dialog>
  );
}

/** Esc on an empty scan box: take everything off the till, after a yes. */
export function CancelSaleDialog({ onCancelSale, onClose }: { onCancelSale: () => void; onClose: () => void }) {
  const t = useT();
  return (
    <ConfirmDialog
      title={t('till.cancelTitle')}
      text={t('till.cancelText')}
      confirmLabel={t('till.cancelSale')}
      cancelLabel={t('till.keepSale')}
      onConfirm={onCancelSale}
      onClose={onClose}
    />
  );
}

/** A line's quantity by touch: the number keys (and the keyboard) edit it, Enter sets it. */
export function QuantityDialog({
  name,
  unit,
  qtyMilli,
  locale,
  onSet,
  onClose,
}: {
  name: string;
  unit: ProductUnit;
  qtyMilli: number;
  locale: string;
  onSet: (qtyMilli: number) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [text, setText] = useState(formatQty(qtyMilli, locale));
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const milli = parseQty(text, unit);
    if (milli == null) return setError(t(unit === 'piece' ? 'till.qtyWhole' : 'till.qtyDecimal'));
    onSet(milli);
  };

  return (
    <Dialog
      title={t('till.qtyFor', { name })}
      onClose={onClose}
      className="till-qty-dialog"
      initialFocus="#qty-pad-value"
    >
      <form onSubmit={submit} className="till-dialog-form">
        <div className="field">
          <label htmlFor="qty-pad-value">{t('till.key.qty')}</label>
          {/* the keys below stand in for a keyboard: none pops up on a touch screen, a real one still types */}
          <input
            id="qty-pad-value"
            className="pay-amount"
            inputMode="none"
            autoComplete="off"
            aria-invalid={error != null}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onFocus={(e) => e.target.select()}
          />
        </div>
        <Keypad
          value={text}
          onChange={(v) => {
            setText(v);
            setError(null);
          }}
          maxLength={11}
          decimal={unit === 'piece' ? undefined : separatorsOf(locale).decimal}
          label={`${t('keypad.label')}: ${t('till.key.qty')}`}
          focusable
          replaceFirst
        />
        <InlineError error={error} />
        <div className="row-actions">
          <EnterButton>{t('common.save')}</EnterButton>
          <EscButton label={t('common.cancel')} onClick={onClose} />
        </div>
      </form>
    </Dialog>
  );
}
