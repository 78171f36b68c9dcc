import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { AccountEntryResult, AccountHistoryRow } from '../../../shared/contract/receivables';
import { type CurrencyCode, MoneyParseError, parseMoney, toDecimalString } from '../../../shared/money';
import { type MessageKey, type TFunction, useT } from '../../i18n';
import { api } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { EscButton, InlineError } from '../../ui/DialogParts';
import { AmountField, TextField } from '../../ui/fields';
import { messageOf } from '../../ui/toast';
import { PayFigures } from '../till/PayMethods';

/** What a manager may write on an account by hand; a payment's reversal starts from the payment's row. */
export type ManagerEntry = 'credit_note' | 'adjustment' | 'write_off' | 'opening';
export type AccountAction = { kind: ManagerEntry } | { kind: 'reverse'; payment: AccountHistoryRow };

export interface AccountFormats {
  currency: CurrencyCode;
  locale: string;
  money: (n: number) => string;
  date: (ms: number) => string;
}

/** "X will owe …" / "… store credit" / "… owe nothing", for the balance an entry leaves. */
export function balanceWords(
  t: TFunction,
  prefix: 'will' | 'now',
  name: string,
  balance: number,
  money: AccountFormats['money'],
) {
  if (balance === 0) return t(`acct.${prefix}.settled` as MessageKey, { name });
  return t(`acct.${prefix}.${balance > 0 ? 'owes' : 'credit'}` as MessageKey, {
    name,
    amount: money(Math.abs(balance)),
  });
}

/**
 * A manager's entry on a customer's account, typed at the keyboard: the amount as the shop writes money, which way
 * it goes (adjustment, opening balance), a reason, and for a write-off or a payment reversal a second step that says
 * exactly what will happen. Enter goes on, Esc cancels; main's refusal is shown in its own words.
 */
export function AccountEntryDialog({
  action,
  customer,
  balance,
  formats: f,
  onClose,
  onDone,
}: {
  action: AccountAction;
  customer: { id: string; displayName: string };
  /** what the customer owes now (negative = store credit) */
  balance: number;
  formats: AccountFormats;
  onClose: () => void;
  onDone: (r: AccountEntryResult) => void;
}) {
  const t = useT();
  const kind = action.kind;
  const payment = action.kind === 'reverse' ? action.payment : null;
  const [amount, setAmount] = useState(kind === 'write_off' && balance > 0 ? toDecimalString(balance, f.currency) : '');
  // adjustment: + they owe more; opening: + they owe the shop
  const [up, setUp] = useState(true);
  const [dueOn, setDueOn] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const name = customer.displayName;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  /** the signed entry, + owes more; or an error to show */
  const read = (): { signed: number } | { error: string } => {
    if (payment) return { signed: -payment.amount };
    let minor: number;
    try {
      minor = parseMoney(amount, f.currency, f.locale);
    } catch (err) {
      return { error: err instanceof MoneyParseError ? t('acct.badAmount') : messageOf(err) };
    }
    if (minor < 0)
      return { error: kind === 'adjustment' || kind === 'opening' ? t('acct.noSign') : t('acct.badAmount') };
    if (minor === 0) return { error: t('acct.badAmount') };
    if (kind === 'credit_note' || kind === 'write_off') return { signed: -minor };
    return { signed: up ? minor : -minor };
  };
  const typed = read();
  const after = 'signed' in typed ? balance + typed.signed : null;

  const post = async (signed: number) => {
    const why = reason.trim();
    setBusy(true);
    setError(null);
    try {
      const r = payment?.reversiblePaymentId
        ? await api.receivables.reversePayment({ paymentId: payment.reversiblePaymentId, reason: why })
        : kind === 'credit_note'
          ? await api.receivables.creditNote({ customerId: customer.id, amount: -signed, reason: why })
          : kind === 'write_off'
            ? await api.receivables.writeOff({ customerId: customer.id, amount: -signed, reason: why })
            : kind === 'adjustment'
              ? await api.receivables.adjust({ customerId: customer.id, amount: signed, reason: why })
              : await api.receivables.openingBalance({
                  customerId: customer.id,
                  amount: signed,
                  reason: why,
                  ...(dueOn && signed > 0 ? { dueOn } : {}),
                });
      onDone(r);
    } catch (err) {
      setConfirming(false);
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if ('error' in typed) return setError(typed.error);
    if (!reason.trim()) return setError(t('acct.needReason'));
    setError(null);
    if (kind === 'write_off' || kind === 'reverse') setConfirming(true);
    else void post(typed.signed);
  };

  const title = payment
    ? t('acct.title.reverse', { doc: payment.documentNo ?? '' })
    : t(`acct.title.${kind}` as MessageKey, { name });
  const shown = 'signed' in typed ? f.money(Math.abs(typed.signed)) : '';
  const afterWords = after === null ? '' : balanceWords(t, 'will', name, after, f.money);

  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={busy}
      className="acct-dialog"
      initialFocus={payment ? '#acct-reason' : '#acct-amount'}
    >
      <p className="muted">{t(`acct.hint.${kind}` as MessageKey)}</p>
      <PayFigures
        figures={[
          { label: t('account.owesNow'), testId: 'acct-before', value: f.money(balance) },
          { label: t('acct.after'), testId: 'acct-after', value: after === null ? '…' : f.money(after) },
        ]}
      />
      <form onSubmit={submit} onChange={() => setError(null)} hidden={confirming}>
        {payment && (
          <p className="acct-payment">
            {t('acct.payment', {
              doc: payment.documentNo ?? '',
              amount: f.money(-payment.amount),
              date: f.date(payment.at),
            })}
          </p>
        )}
        {(kind === 'adjustment' || kind === 'opening') && (
          <fieldset className="plain acct-direction">
            <legend>{t('acct.direction')}</legend>
            <label>
              <input type="radio" name="acct-dir" checked={up} onChange={() => setUp(true)} />
              {t(kind === 'adjustment' ? 'acct.dir.more' : 'acct.dir.owes')}
            </label>
            <label>
              <input type="radio" name="acct-dir" checked={!up} onChange={() => setUp(false)} />
              {t(kind === 'adjustment' ? 'acct.dir.less' : 'acct.dir.credit')}
            </label>
          </fieldset>
        )}
        <div className="grid-2">
          {!payment && (
            <AmountField
              id="acct-amount"
              label={t('acct.amount', { currency: f.currency })}
              value={amount}
              onChange={setAmount}
              fill={
                kind === 'write_off' && balance > 0
                  ? { label: t('acct.all', { amount: f.money(balance) }), value: toDecimalString(balance, f.currency) }
                  : null
              }
            />
          )}
          {kind === 'opening' && up && (
            <TextField id="acct-due" label={t('acct.dueOn')} type="date" value={dueOn} onChange={setDueOn} />
          )}
          <TextField
            id="acct-reason"
            className="acct-reason"
            label={t('acct.reason')}
            autoComplete="off"
            maxLength={300}
            value={reason}
            onChange={setReason}
          />
        </div>
        <InlineError error={error} />
        <div className="row-actions pay-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {kind === 'write_off' || kind === 'reverse' ? t('acct.next') : t(`acct.save.${kind}` as MessageKey)}{' '}
            <kbd>Enter</kbd>
          </button>
          <EscButton label={t('common.cancel')} onClick={onClose} disabled={busy} />
        </div>
      </form>
      {confirming && (
        <div className="confirm-box" data-testid="acct-confirm">
          <p>
            {payment
              ? t('acct.confirm.reverse', {
                  doc: payment.documentNo ?? '',
                  amount: shown,
                  date: f.date(payment.at),
                  after: afterWords,
                })
              : t('acct.confirm.write_off', { amount: shown, name, after: afterWords })}
          </p>
          <p className="acct-why">{t('acct.reasonShown', { reason: reason.trim() })}</p>
          <div className="row-actions">
            <button
              ref={confirmRef}
              type="button"
              className="btn btn-danger"
              disabled={busy}
              onClick={() => 'signed' in typed && void post(typed.signed)}
            >
              {t(payment ? 'acct.confirm.reverseBtn' : 'acct.confirm.write_offBtn', { amount: shown })}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(false)}>
              {t('acct.back')}
            </button>
            <EscButton label={t('common.cancel')} onClick={onClose} disabled={busy} />
          </div>
        </div>
      )}
    </Dialog>
  );
}
