import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { CustomerListRow } from '../../../shared/contract/customers';
import { type OpenDebit, RECEIPT_METHODS, type ReceiptMethod } from '../../../shared/contract/receivables';
import type { SalesOrder } from '../../../shared/contract/sales';
import { type CurrencyCode, MoneyParseError, parseMoney, toDecimalString } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { EnterButton, EscButton, InlineError } from '../../ui/DialogParts';
import { AmountField, TextField } from '../../ui/fields';
import { messageOf, useToast } from '../../ui/toast';
import { AmountKeypad } from './AmountKeypad';
import { isNoOpenShift, OpenShiftForm } from './OpenShiftForm';
import { methodKeys, PayFigures, PayMethods } from './PayMethods';
import { announceAccountChange } from './TillAccountPanel';
import { useCustomerSearch } from './useCustomerSearch';

export interface PayingCustomer {
  id: string;
  displayName: string;
}

/** Who a just-finished sale put something on account for: the payment offered after it is theirs. */
export function payerOf(order: SalesOrder | undefined): PayingCustomer | null {
  return order && order.onAccountTotal > 0 && order.customerId
    ? { id: order.customerId, displayName: order.customerName ?? '' }
    : null;
}

/**
 * A debt payment at the counter, with or without a sale: who pays (the attached customer, or found here), what they
 * owe item by item (ticked items are paid first, the rest oldest first), how much and how. Enter takes the payment;
 * main allocates it, records it and queues the payment receipt.
 */
export function ReceivePaymentDialog({
  customer: given,
  formats: { currency, locale, money, dateText },
  onClose,
}: {
  customer: PayingCustomer | null;
  formats: {
    currency: CurrencyCode;
    locale: string;
    money: (n: number) => string;
    dateText: (ms: number) => string;
  };
  onClose: () => void;
}) {
  const t = useT();
  const toast = useToast();
  const [customer, setCustomer] = useState<PayingCustomer | null>(given);
  const [owed, setOwed] = useState<{ balance: number; debits: OpenDebit[] } | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [amount, setAmount] = useState('');
  const [method, setMethodState] = useState<ReceiptMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the cash payment was refused because no shift is open: the cashier opens one here (float, Enter) and it goes on
  const [needsShift, setNeedsShift] = useState(false);
  const amountRef = useRef<HTMLInputElement>(null);
  /** one key per distinct request: a retry of the same payment after a lost answer can never take it twice */
  const attempt = useRef<{ key: string; body: string } | null>(null);

  useEffect(() => {
    if (!customer) return;
    setOwed(null);
    api.receivables
      .openDebits({ customerId: customer.id })
      .then((o) => {
        setOwed(o);
        requestAnimationFrame(() => amountRef.current?.focus());
      })
      .catch((e) => setError(messageOf(e)));
  }, [customer]);

  const typed = (() => {
    try {
      return amount.trim() ? parseMoney(amount, currency, locale) : 0;
    } catch {
      return 0;
    }
  })();

  const setMethod = (m: ReceiptMethod) => {
    setMethodState(m);
    setError(null);
    requestAnimationFrame(() => amountRef.current?.focus());
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (!customer) return setError(t('account.pickCustomer'));
    let minor: number;
    try {
      minor = parseMoney(amount, currency, locale);
    } catch (err) {
      return setError(err instanceof MoneyParseError ? t('account.badAmount') : messageOf(err));
    }
    if (minor <= 0) return setError(t('account.badAmount'));
    if (method === 'mobile_money' && !reference.trim()) return setError(t('account.needReference'));
    const body = {
      customerId: customer.id,
      amount: minor,
      method,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(picked.length ? { debitEntryIds: picked } : {}),
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: crypto.randomUUID(), body: json };
    setBusy(true);
    setError(null);
    try {
      const r = await api.receivables.receivePayment({ ...body, idempotencyKey: attempt.current.key });
      announceAccountChange(customer.id);
      toast.success(
        t('account.received', {
          number: r.payment.number,
          amount: money(r.payment.amount),
          name: r.payment.customerName,
        }),
      );
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setNeedsShift(isNoOpenShift(err));
    } finally {
      setBusy(false);
    }
  };

  // Alt+1…4 choose how they pay
  const onKey = methodKeys(RECEIPT_METHODS, setMethod, 4);

  const title = customer ? t('account.receiveFrom', { name: customer.displayName }) : t('account.receive');
  return (
    <Dialog
      title={title}
      onClose={busy ? () => {} : onClose}
      className="till-receive-dialog"
      initialFocus={customer ? '#rcv-amount' : '#rcv-customer'}
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: key handling for the whole dialog */}
      <div onKeyDown={onKey}>
        {!customer ? (
          <CustomerFinder onPick={setCustomer} money={money} />
        ) : (
          <>
            <PayFigures
              figures={[
                { label: t('account.owesNow'), testId: 'receive-owes', value: owed ? money(owed.balance) : '…' },
                { label: t('account.after'), testId: 'receive-after', value: owed ? money(owed.balance - typed) : '…' },
              ]}
            />
            {owed && owed.debits.length === 0 && <p className="muted">{t('account.noOpenItems')}</p>}
            {owed && owed.debits.length > 0 && (
              <fieldset className="plain till-receive-items">
                <legend>{t('account.openItems')}</legend>
                {owed.debits.map((d) => (
                  <label key={d.entryId} className="till-receive-item">
                    <input
                      type="checkbox"
                      checked={picked.includes(d.entryId)}
                      onChange={(e) =>
                        setPicked((p) => (e.target.checked ? [...p, d.entryId] : p.filter((x) => x !== d.entryId)))
                      }
                    />
                    <span className={d.dueAt < Date.now() ? 'till-owes' : undefined}>
                      {t('account.itemLabel', {
                        doc: d.documentNo ?? t(`account.kind.${d.kind}` as MessageKey),
                        date: dateText(d.dueAt),
                        open: money(d.open),
                      })}
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
          </>
        )}
        <form onSubmit={(e) => void submit(e)}>
          <PayMethods
            methods={RECEIPT_METHODS}
            value={method}
            onChange={setMethod}
            label={t('account.method')}
            busy={busy}
          />
          <div className="grid-2 pay-entry">
            <AmountField
              id="rcv-amount"
              label={t('account.amount', { currency })}
              inputRef={amountRef}
              disabled={!customer}
              value={amount}
              onChange={setAmount}
              fill={
                owed && owed.balance > 0
                  ? {
                      label: t('account.payAll', { amount: money(owed.balance) }),
                      value: toDecimalString(owed.balance, currency),
                    }
                  : null
              }
            />
            <AmountKeypad
              id="rcv-keypad"
              label={t('account.amount', { currency })}
              value={amount}
              onChange={setAmount}
              currency={currency}
              locale={locale}
              disabled={busy || !customer}
            />
            {method !== 'cash' && (
              <TextField
                id="rcv-ref"
                label={t(method === 'mobile_money' ? 'account.referenceRequired' : 'account.reference')}
                autoComplete="off"
                value={reference}
                onChange={setReference}
              />
            )}
            <TextField id="rcv-note" label={t('account.note')} autoComplete="off" value={note} onChange={setNote} />
          </div>
          <InlineError error={error} />
          <div className="row-actions pay-actions">
            <EnterButton
              className={needsShift ? 'btn btn-lg' : 'btn btn-primary btn-lg'}
              keyHint={!needsShift}
              disabled={busy || !customer}
            >
              {t('account.take')}
            </EnterButton>
            {customer && !given && (
              <button type="button" className="btn" onClick={() => setCustomer(null)} disabled={busy}>
                {t('account.changeCustomer')}
              </button>
            )}
            <EscButton label={t('common.cancel')} onClick={onClose} disabled={busy} />
          </div>
        </form>
        {customer && needsShift && (
          <OpenShiftForm
            id="rcv-float"
            currency={currency}
            locale={locale}
            submitLabel={t('shift.till.submitPayment')}
            busy={busy}
            onOpened={() => {
              setNeedsShift(false);
              void submit();
            }}
            onError={setError}
          />
        )}
      </div>
    </Dialog>
  );
}

/** Finding who pays when no customer is on the till: name, phone or card number, arrows and Enter. */
function CustomerFinder({ onPick, money }: { onPick: (c: PayingCustomer) => void; money: (n: number) => string }) {
  const t = useT();
  const [text, setText] = useState('');
  const { rows, sel, setSel } = useCustomerSearch(text);

  const pick = (r: CustomerListRow | undefined) => {
    if (r) onPick({ id: r.id, displayName: r.displayName });
  };

  return (
    <div className="field till-receive-finder">
      <label htmlFor="rcv-customer">{t('account.findCustomer')}</label>
      <input
        id="rcv-customer"
        type="search"
        autoComplete="off"
        role="combobox"
        aria-expanded={rows.length > 0}
        aria-controls="rcv-customer-results"
        aria-autocomplete="list"
        aria-activedescendant={rows[sel] ? `rcv-cust-${rows[sel].id}` : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setSel((s) => Math.min(rows.length - 1, s + 1));
          else if (e.key === 'ArrowUp') setSel((s) => Math.max(0, s - 1));
          else if (e.key === 'Enter') pick(rows[sel]);
          else return;
          e.preventDefault();
        }}
      />
      {rows.length > 0 && (
        <div
          id="rcv-customer-results"
          role="listbox"
          aria-label={t('account.customerResults')}
          className="till-results"
        >
          {rows.map((r, i) => (
            <div
              key={r.id}
              id={`rcv-cust-${r.id}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === sel}
              className="till-result"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(r)}
              onKeyDown={() => {}}
            >
              <span className="till-result-name">{r.displayName}</span>
              <span className="muted">{r.phone ?? r.cardNo ?? ''}</span>
              {r.balance > 0 && <span className="till-owes">{money(r.balance)}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
