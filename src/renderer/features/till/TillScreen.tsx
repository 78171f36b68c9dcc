import { useCallback, useEffect, useRef, useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import type { ApprovalNeed, CompleteResult, Discount, PaymentInput } from '../../../shared/contract/sales';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { useTouchMode } from '../../ui/useTouchMode';
import { CartTable } from './CartTable';
import { addProduct, removeLine, setLineDiscount, setQty, setUnitPrice } from './cart';
import { PaymentDialog } from './PaymentDialog';
import { payerOf, ReceivePaymentDialog } from './ReceivePaymentDialog';
import { RefundDialog } from './RefundDialog';
import { ScanBox } from './ScanBox';
import { AfterSaleAccountOffer, creditApprovalNeeds } from './TillAccountPanel';
import { ApprovalDialog, CancelSaleDialog, DiscountDialog, ParkedDialog, QuantityDialog } from './TillDialogs';
import { TillSide } from './TillSide';
import { useFunctionKeys } from './useFunctionKeys';
import './till.css';
import { CompletionPanel, type FunctionKey, FunctionKeyBar } from './TotalsPanel';
import { useCodeLookup } from './useCodeLookup';
import { approvalOf, tillCustomerOf, useSale } from './useSale';
import { useScans } from './useScans';
import { useTillFormats } from './useTillFormats';
import { type ScanEvent, setFieldValue } from './useWedgeScanner';

type DialogKind = 'pay' | 'discount' | 'approval' | 'parked' | 'cancel' | 'refund' | 'receive' | 'qty';

/** The till: scan or search items, attach the customer, take payment. Keyboard first; prices always from main. */
export function TillScreen() {
  const t = useT();
  const toast = useToast();
  const { store, onError } = useShell();
  const sale = useSale(onError);
  const { cart, setCart, quote, stale, customer } = sale;
  const [selected, setSelected] = useState(-1);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  /** a sale over a customer's credit limit, waiting for a manager's PIN with the payments the cashier took */
  const [creditWait, setCreditWait] = useState<{ needs: ApprovalNeed[]; payments: PaymentInput[] } | null>(null);
  const { data: settings } = useApiQuery('sales', 'settings', null);
  const [done, setDone] = useState<CompleteResult | null>(null);
  // money the cashier chose to pay with points from the loyalty panel; a new customer or sale starts without
  const [pointsPay, setPointsPay] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the customer or the finished sale changes
  useEffect(() => setPointsPay(0), [customer?.id, done]);
  const [qtyFocus, setQtyFocus] = useState(0);
  const [custFocus, setCustFocus] = useState(0);
  const [payWhenPriced, setPayWhenPriced] = useState(false);
  const [refundSaleId, setRefundSaleId] = useState<string | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  // on a touch till the quantity is given on the keypad dialog, for the selected line
  const touch = useTouchMode();

  const { currency, locale, money, dateFmt, timeFmt } = useTillFormats(store, quote?.currency);

  const focusScan = useCallback(() => requestAnimationFrame(() => scanRef.current?.focus()), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  // Back to the scan box whenever a dialog closes: after the <dialog> has given focus back to where it was.
  useEffect(() => {
    if (!dialog) scanRef.current?.focus();
  }, [dialog]);

  // the cart as of the last render, advanced by each add, so two scans between renders both land
  const cartNow = useRef(cart);
  cartNow.current = cart;
  const add = useCallback(
    (p: Product, qtyMilli = 1000) => {
      sale.remember(p);
      setDone(null);
      const r = addProduct(cartNow.current, p.id, qtyMilli);
      cartNow.current = r.cart;
      setCart(r.cart);
      setSelected(r.index);
    },
    [sale.remember, setCart],
  );

  const handleCode = useCodeLookup({
    add,
    onCustomer: (c) => {
      sale.setCustomer(c);
      setDone(null);
    },
    onRefund: (id) => {
      setRefundSaleId(id);
      setDialog('refund');
    },
  });

  const onScan = useCallback(
    (scan: ScanEvent) => {
      if (dialog) toast.info(t('till.scanIgnored', { code: scan.code }));
      else {
        // a quantity typed in the scan box before the scan ("3*") applies to the scanned item
        const box = scanRef.current;
        const prefix = box && /^\d{1,7}(?:[.,]\d{1,3})?\*$/.test(box.value) ? box.value : '';
        if (box && prefix) setFieldValue(box, '');
        void handleCode(prefix + scan.code);
      }
    },
    [dialog, handleCode, t, toast],
  );
  useScans(onScan);

  const needs = quote && !stale ? quote.approvalsNeeded : [];

  // Paying waits for the server's price of the cart as it is now (a quantity being typed is committed first).
  const pay = useCallback(() => {
    if (!cartNow.current.lines.length) return;
    (document.activeElement as HTMLElement | null)?.blur?.();
    setPayWhenPriced(true);
  }, []);

  useEffect(() => {
    if (payWhenPriced && !stale && quote) {
      setPayWhenPriced(false);
      setDialog(quote.approvalsNeeded.length ? 'approval' : 'pay');
    }
  }, [payWhenPriced, stale, quote]);

  const complete = async (payments: PaymentInput[], grant = sale.approval) => {
    const approval = grant ? approvalOf(grant) : undefined;
    let result: CompleteResult;
    try {
      result = await api.sales.complete({
        cart,
        payments,
        idempotencyKey: sale.idempotencyKey(),
        ...(approval ? { approval } : {}),
        ...(sale.parkedId ? { parkedId: sale.parkedId } : {}),
      });
    } catch (e) {
      const credit = creditApprovalNeeds(e);
      if (!credit) throw e;
      setCreditWait({ needs: credit, payments });
      setDialog('approval');
      return;
    }
    setDone(result);
    sale.reset();
    setSelected(-1);
    closeDialog();
  };

  const park = async () => {
    if (!cart.lines.length) return toast.info(t('till.nothingToPark'));
    try {
      // a resumed sale parks again under its own id (one row, not a copy)
      const parked = await api.sales.park({ cart, ...(sale.parkedId ? { id: sale.parkedId } : {}) });
      toast.success(t('till.parked', { label: parked.label || parked.customerName || t('till.walkIn') }));
      sale.reset();
      setSelected(-1);
      focusScan();
    } catch (e) {
      onError(e);
    }
  };

  const resume = async (id: string) => {
    if (cart.lines.length) {
      toast.error(t('till.finishFirst'));
      return;
    }
    try {
      const parked = await api.sales.resume({ id });
      const c = parked.cart.customerId ? tillCustomerOf(await api.customers.get({ id: parked.cart.customerId })) : null;
      sale.setCustomer(c);
      setCart(parked.cart);
      sale.setParkedId(parked.id);
      setSelected(parked.cart.lines.length - 1);
      setDone(null);
      closeDialog();
    } catch (e) {
      onError(e);
    }
  };

  // A manager approved the discounts and prices they saw; a new one needs their PIN again.
  const applyDiscount = (target: 'line' | 'order', d: Discount | null) => {
    sale.setApproval(null);
    if (target === 'line') setCart((c) => setLineDiscount(c, selected, d));
    else setCart((c) => ({ ...c, orderDiscount: d }));
    closeDialog();
  };

  const runKey = (k: FunctionKey) => {
    switch (k) {
      case 'F2':
        focusScan();
        break;
      case 'F3':
        setCustFocus((n) => n + 1);
        break;
      case 'F4':
        if (cart.lines.length) {
          if (selected < 0) setSelected(cart.lines.length - 1);
          if (touch) setDialog('qty');
          else setQtyFocus((n) => n + 1);
        }
        break;
      case 'F6':
        if (cart.lines.length) setDialog('discount');
        break;
      case 'F8':
        void park();
        break;
      case 'F9':
        setDialog('parked');
        break;
      case 'F10':
        setDialog('receive');
        break;
      case 'F12':
        pay();
        break;
      case 'Esc':
        if (done) setDone(null);
        else if (document.activeElement !== scanRef.current) focusScan();
        else if (cart.lines.length || customer) setDialog('cancel');
        break;
    }
  };
  useFunctionKeys((k) => {
    if (k !== 'F7') runKey(k);
    else if (needs.length) setDialog('approval');
  }, dialog != null);

  const lineKey = (key: 'up' | 'down' | 'delete') => {
    const n = cart.lines.length;
    if (!n) return;
    if (key === 'delete') {
      if (selected >= 0) {
        setCart((c) => removeLine(c, selected));
        setSelected(Math.min(selected, n - 2));
      }
    } else setSelected((s) => (s < 0 ? n - 1 : Math.max(0, Math.min(n - 1, s + (key === 'down' ? 1 : -1)))));
  };

  const selectedName =
    selected >= 0 && cart.lines[selected]
      ? (quote?.lines[selected]?.name ?? sale.products.get(cart.lines[selected].productId)?.name ?? '')
      : null;

  return (
    <section className={touch ? 'till till-touch' : 'till'} aria-labelledby="h-till">
      <h1 id="h-till" tabIndex={-1} className="sr-only">
        {t('nav.till')}
      </h1>
      <div className="till-main">
        <ScanBox
          ref={scanRef}
          onProduct={add}
          onCode={(c) => void handleCode(c)}
          onLineKey={lineKey}
          money={money}
          onError={onError}
        />
        {done && <CompletionPanel result={done} money={money} onDismiss={() => setDone(null)} />}
        {done && <AfterSaleAccountOffer order={done.order} money={money} onReceive={() => setDialog('receive')} />}
        {cart.lines.length === 0 && !done ? (
          <div className="till-empty">
            <p className="till-empty-title">{t('till.emptyTitle')}</p>
            <p className="muted">{t('till.emptyHint')}</p>
          </div>
        ) : (
          cart.lines.length > 0 && (
            <CartTable
              cart={cart}
              quote={quote}
              products={sale.products}
              selected={selected}
              onSelect={setSelected}
              onQty={(i, q) => setCart((c) => setQty(c, i, q))}
              onRemove={(i) => {
                setCart((c) => removeLine(c, i));
                setSelected((s) => Math.min(s, cart.lines.length - 2));
                focusScan();
              }}
              onKeypad={(i) => {
                setSelected(i);
                setDialog('qty');
              }}
              onDone={focusScan}
              money={money}
              locale={locale}
              qtyFocus={qtyFocus}
            />
          )
        )}
        {cart.orderDiscount && (
          <p className="muted till-order-discount">
            {t('till.orderDiscountOn', {
              value:
                cart.orderDiscount.kind === 'percent'
                  ? `${cart.orderDiscount.bp / 100}%`
                  : money(cart.orderDiscount.amount),
            })}
          </p>
        )}
      </div>
      <TillSide
        sale={sale}
        done={done}
        pointsPay={pointsPay}
        onPointsPay={(amount) => {
          setPointsPay(amount);
          if (amount > 0) pay();
        }}
        onAttached={() => {
          setDone(null);
          focusScan();
        }}
        onCode={(c) => void handleCode(c)}
        onReceive={() => setDialog('receive')}
        onPay={pay}
        onApprove={() => setDialog('approval')}
        money={money}
        dateText={(ms) => dateFmt.format(ms)}
        focusKey={custFocus}
      />
      <FunctionKeyBar onKey={runKey} />

      {dialog === 'pay' && quote && (
        <PaymentDialog
          quote={quote}
          methods={settings?.paymentMethods ?? ['cash']}
          hasCustomer={customer != null}
          currency={currency}
          locale={locale}
          money={money}
          onComplete={complete}
          onClose={closeDialog}
          initialPayments={pointsPay > 0 ? [{ method: 'points', amount: pointsPay }] : []}
        />
      )}
      {dialog === 'qty' && cart.lines[selected] && (
        <QuantityDialog
          name={selectedName ?? ''}
          unit={quote?.lines[selected]?.unit ?? sale.products.get(cart.lines[selected].productId)?.unit ?? 'piece'}
          qtyMilli={cart.lines[selected].qtyMilli}
          locale={locale}
          onSet={(q) => {
            setCart((c) => setQty(c, selected, q));
            closeDialog();
          }}
          onClose={closeDialog}
        />
      )}
      {dialog === 'discount' && (
        <DiscountDialog
          lineName={selectedName}
          current={(target) => (target === 'order' ? cart.orderDiscount : (cart.lines[selected]?.discount ?? null))}
          currency={currency}
          locale={locale}
          onApply={applyDiscount}
          onPrice={(price) => {
            sale.setApproval(null);
            setCart((c) => setUnitPrice(c, selected, price));
            closeDialog();
          }}
          priceChanged={cart.lines[selected]?.unitPrice != null}
          onClose={closeDialog}
        />
      )}
      {dialog === 'approval' && (
        <ApprovalDialog
          needs={creditWait?.needs ?? needs}
          cart={cart}
          onApproved={(grant) => {
            sale.setApproval(grant);
            toast.success(t('till.approved', { name: grant.name }));
            setDialog(null);
            // over the credit limit: the sale goes through with the payments already taken
            if (creditWait) complete(creditWait.payments, grant).catch(onError);
            else setPayWhenPriced(true);
            setCreditWait(null);
          }}
          onClose={() => {
            setCreditWait(null);
            closeDialog();
          }}
        />
      )}
      {dialog === 'receive' && (
        <ReceivePaymentDialog
          customer={customer ?? payerOf(done?.order)}
          formats={{ currency, locale, money, dateText: (ms) => dateFmt.format(ms) }}
          onClose={closeDialog}
        />
      )}
      {dialog === 'parked' && (
        <ParkedDialog timeText={(ms) => timeFmt.format(ms)} onResume={(id) => void resume(id)} onClose={closeDialog} />
      )}
      {dialog === 'refund' && refundSaleId && (
        <RefundDialog saleId={refundSaleId} currency={currency} locale={locale} onClose={closeDialog} />
      )}
      {dialog === 'cancel' && (
        <CancelSaleDialog
          onCancelSale={() => {
            // cancelling a resumed sale discards it from the parked list too
            if (sale.parkedId) api.sales.discardParked({ id: sale.parkedId }).catch(onError);
            sale.reset();
            setSelected(-1);
            closeDialog();
          }}
          onClose={closeDialog}
        />
      )}
    </section>
  );
}
