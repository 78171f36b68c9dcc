import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { CustomerListRow } from '../../../shared/contract/customers';
import { RECEIPT_METHODS, type ReceiptMethod } from '../../../shared/contract/receivables';
import type { SalesOrder } from '../../../shared/contract/sales';
import { type CurrencyCode, MoneyParseError, parseMoney, toDecimalString } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { TextField } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';
import { messageOf, useToast } from '../../ui/toast';
import { OpenShiftForm, ShiftAwareActions, useShiftGate } from './OpenShiftForm';
import { PayEntry } from './PayEntry';
import { methodKeys, PayFigures } from './PayMethods';
import { comboboxOf, SearchResults } from './SearchResults';
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
  const debts = useApiQuery('receivables', 'openDebits', { customerId: customer?.id ?? '' }, { enabled: !!customer });
  // what they owe as read now ('…' while it is read)
  const owed = customer && !debts.isFetching ? (debts.data ?? null) : null;
  const [picked, setPicked] = useState<string[]>([]);
  const [amount, setAmount] = useState('');
  const [method, setMethodState] = useState<ReceiptMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  // a cash payment refused because no shift is open: the cashier opens one here (float, Enter) and it goes on
  const gate = useShiftGate(currency, locale);
  const { setError, busy } = gate;
  const amountRef = useRef<HTMLInputElement>(null);
  /** one key per distinct request: a retry of the same payment after a lost answer can never take it twice */
  const attempt = useRef<{ key: string; body: string } | null>(null);

  // the cursor to the amount once it is known what they owe
  useEffect(() => {
    if (owed) requestAnimationFrame(() => amountRef.current?.focus());
  }, [owed]);

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
    const idempotencyKey = attempt.current.key;
    await gate.run(async () => {
      const r = await api.receivables.receivePayment({ ...body, idempotencyKey });
      announceAccountChange(customer.id);
      toast.success(
        t('account.received', {
          number: r.payment.number,
          amount: money(r.payment.amount),
          name: r.payment.customerName,
        }),
      );
      onClose();
    });
  };

  // Alt+1…4 choose how they pay
  const onKey = methodKeys(RECEIPT_METHODS, setMethod, 4);

  const title = customer ? t('account.receiveFrom', { name: customer.displayName }) : t('account.receive');
  return (
    <Dialog
      title={title}
      onClose={onClose}
      busy={busy}
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
          <PayEntry
            methods={{ methods: RECEIPT_METHODS, value: method, onChange: setMethod, label: t('account.method') }}
            amount={{
              id: 'rcv-amount',
              label: t('account.amount', { currency }),
              inputRef: amountRef,
              disabled: !customer,
              value: amount,
              onChange: setAmount,
              currency,
              locale,
              fill:
                owed && owed.balance > 0
                  ? {
                      label: t('account.payAll', { amount: money(owed.balance) }),
                      value: toDecimalString(owed.balance, currency),
                    }
                  : null,
            }}
            reference={
              method !== 'cash'
                ? {
                    id: 'rcv-ref',
                    label: t(method === 'mobile_money' ? 'account.referenceRequired' : 'account.reference'),
                    value: reference,
                    onChange: setReference,
                  }
                : null
            }
            busy={busy}
          >
            <TextField id="rcv-note" label={t('account.note')} autoComplete="off" value={note} onChange={setNote} />
          </PayEntry>
          <ShiftAwareActions
            {...gate.actions}
            disabled={!customer}
            large
            className="row-actions pay-actions"
            onClose={onClose}
            extra={
              customer &&
              !given && (
                <button type="button" className="btn" onClick={() => setCustomer(null)} disabled={busy}>
                  {t('account.changeCustomer')}
                </button>
              )
            }
          >
            {t('account.take')}
          </ShiftAwareActions>
        </form>
        {customer && gate.needsShift && (
          <OpenShiftForm
            id="rcv-float"
            submitLabel={t('shift.till.submitPayment')}
            {...gate.form(() => void submit())}
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
  const search = useCustomerSearch(text);
  const { rows, sel, setSel } = search;

  const pick = (r: CustomerListRow | undefined) => {
    if (r) onPick({ id: r.id, displayName: r.displayName });
  };

  return (
    <div className="field till-receive-finder">
      <label htmlFor="rcv-customer">{t('account.findCustomer')}</label>
      <input
        id="rcv-customer"
        {...comboboxOf('rcv-customer-results', rows.length > 0, rows[sel] ? `rcv-cust-${rows[sel].id}` : undefined)}
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
      <SearchResults
        id="rcv-customer-results"
        label={t('account.customerResults')}
        search={search}
        optionId={(r) => `rcv-cust-${r.id}`}
        onPick={pick}
      >
        {(r) => (
          <>
            <span className="till-result-name">{r.displayName}</span>
            <span className="muted">{r.phone ?? r.cardNo ?? ''}</span>
            {r.balance > 0 && <span className="till-owes">{money(r.balance)}</span>}
          </>
        )}
      </SearchResults>
    </div>
  );
}
