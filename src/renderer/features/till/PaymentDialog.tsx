import { type FormEvent, useRef, useState } from 'react';
import type { PaymentInput, Quote, TILL_PAYMENT_METHODS } from '../../../shared/contract/sales';
import { type CurrencyCode, MoneyParseError, parseMoney, toDecimalString } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { messageOf } from '../../ui/toast';
import { OpenShiftForm, ShiftAwareActions, useShiftGate } from './OpenShiftForm';
import { PayEntry } from './PayEntry';
import { methodKeys, PayFigures } from './PayMethods';
import { addPayment, paymentProgress, suggestedAmount } from './payments';

type Method = (typeof TILL_PAYMENT_METHODS)[number];

/**
 * Taking the money: one or more payments (cash handed over, card, mobile money with its reference, bank transfer, on
 * account for a known customer) until nothing remains, then Complete. Enter adds the amount typed and completes the
 * sale once it is covered.
 */
export function PaymentDialog({
  quote,
  methods,
  hasCustomer,
  currency,
  locale,
  money,
  onComplete,
  onClose,
  initialPayments = [],
}: {
  quote: Quote;
  methods: readonly Method[];
  hasCustomer: boolean;
  currency: CurrencyCode;
  locale: string;
  money: (n: number) => string;
  /** resolves when the sale is complete; rejects with the server's words */
  onComplete: (payments: PaymentInput[]) => Promise<void>;
  onClose: () => void;
  /** payments chosen before the dialog opened (points redeemed from the customer panel) */
  initialPayments?: PaymentInput[];
}) {
  const t = useT();
  const [payments, setPayments] = useState<PaymentInput[]>(initialPayments);
  const [method, setMethodState] = useState<Method>(methods[0] ?? 'cash');
  const [amount, setAmount] = useState(() =>
    toDecimalString(suggestedAmount(quote, initialPayments, methods[0] ?? 'cash'), currency),
  );
  const [reference, setReference] = useState('');
  const gate = useShiftGate(currency, locale);
  const { setError, busy } = gate;
  const amountRef = useRef<HTMLInputElement>(null);
  // the payments last tried: refused because no shift is open, they are made again once the cashier has opened one
  // here (float, Enter), and the sale goes on
  const tried = useRef<PaymentInput[]>([]);

  const progress = paymentProgress(quote, payments);
  const typed = typedAmount(amount, currency, locale);
  // what the typed amount would do, shown before Enter: the change to count out, whether it completes the sale
  const preview = paymentProgress(quote, typed > 0 ? addPayment(payments, { method, amount: typed }) : payments);
  const completes = preview.remaining === 0;
  // on account and store credit are the customer's own account: only with a customer attached
  const usable = methods.filter((m) => (m !== 'on_account' && m !== 'store_credit') || hasCustomer);

  const setMethod = (m: Method, list = payments) => {
    setMethodState(m);
    const left = suggestedAmount(quote, list, m);
    setAmount(left > 0 ? toDecimalString(left, currency) : '');
    setReference('');
    setError(null);
    requestAnimationFrame(() => {
      amountRef.current?.focus();
      amountRef.current?.select();
    });
  };

  const complete = (list: PaymentInput[]) => {
    tried.current = list;
    return gate.run(() => onComplete(list));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    let list = payments;
    if (amount.trim()) {
      let minor: number;
      try {
        minor = parseMoney(amount, currency, locale);
      } catch (err) {
        setError(err instanceof MoneyParseError ? t('till.badAmount') : messageOf(err));
        return;
      }
      if (minor <= 0) return setError(t('till.badAmount'));
      if (method === 'mobile_money' && !reference.trim()) return setError(t('till.needReference'));
      const p: PaymentInput = { method, amount: minor, ...(reference.trim() ? { reference: reference.trim() } : {}) };
      list = addPayment(payments, p);
      setPayments(list);
      const left = paymentProgress(quote, list).remaining;
      if (left > 0) {
        setMethod(method === 'cash' ? (usable.find((m) => m !== 'cash') ?? 'cash') : method, list);
        return;
      }
      setAmount('');
    } else if (paymentProgress(quote, list).remaining > 0) {
      return setError(t('till.stillToPay', { amount: money(paymentProgress(quote, list).remaining) }));
    }
    if (list.length === 0) return;
    void complete(list);
  };

  // Alt+1…5 choose a method
  const onKey = methodKeys(usable, setMethod, 9);

  const remove = (i: number) => {
    const list = payments.filter((_, j) => j !== i);
    setPayments(list);
    setMethod(method, list);
  };

  return (
    <Dialog
      title={t('till.payTitle')}
      onClose={onClose}
      busy={busy}
      className="till-pay-dialog"
      initialFocus="#pay-amount"
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: key handling for the whole dialog */}
      <div onKeyDown={onKey}>
        <PayFigures
          figures={[
            { label: t('till.due'), testId: 'pay-due', value: money(progress.due) },
            {
              label: t('till.remaining'),
              testId: 'pay-remaining',
              value: money(progress.remaining),
              className: 'pay-remaining',
            },
            preview.change > 0 && {
              label: t('till.changeDue'),
              testId: 'pay-change',
              value: money(preview.change),
              className: 'pay-change',
            },
          ]}
        />
        {payments.length > 0 && (
          <ul className="pay-list" aria-label={t('till.paymentsTaken')}>
            {payments.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: payments are positional until the sale completes
              <li key={i}>
                <span>{t(`till.method.${p.method}` as MessageKey)}</span>
                <span>{p.reference ?? ''}</span>
                <strong>{money(p.amount)}</strong>
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  aria-label={t('till.removePayment', { method: t(`till.method.${p.method}` as MessageKey) })}
                  onClick={() => remove(i)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={submit}>
          <PayEntry
            methods={{
              methods,
              value: method,
              onChange: setMethod,
              label: t('till.method'),
              unusable: (m) =>
                usable.includes(m) ? null : { title: t('till.onAccountNeedsCustomer'), why: t('till.needsCustomer') },
            }}
            amount={{
              id: 'pay-amount',
              label: t(method === 'cash' ? 'till.cashReceived' : 'till.amount'),
              inputRef: amountRef,
              autoFocus: true,
              value: amount,
              onChange: setAmount,
              currency,
              locale,
              resetKey: `${method}-${payments.length}`,
            }}
            reference={
              method === 'mobile_money' || method === 'card' || method === 'bank_transfer'
                ? {
                    id: 'pay-ref',
                    label: t(method === 'mobile_money' ? 'till.referenceRequired' : 'till.reference'),
                    required: method === 'mobile_money',
                    value: reference,
                    onChange: setReference,
                  }
                : null
            }
            busy={busy}
          />
          <ShiftAwareActions {...gate.actions} large className="row-actions pay-actions" onClose={onClose}>
            {completes ? t('till.complete') : t('till.addPayment')}
          </ShiftAwareActions>
        </form>
        {gate.needsShift && (
          <OpenShiftForm
            id="pay-float"
            submitLabel={t('shift.till.submit')}
            {...gate.form(() => void complete(tried.current))}
          />
        )}
      </div>
    </Dialog>
  );
}

function typedAmount(text: string, currency: CurrencyCode, locale: string): number {
  try {
    return text.trim() ? parseMoney(text, currency, locale) : 0;
  } catch {
    return 0;
  }
}
