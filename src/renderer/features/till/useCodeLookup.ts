import { useCallback, useRef } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import type { TillCustomer } from '../../../shared/contract/sales';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';
import { parseQty } from './cart';

/** "3*" before a code (typed, then scanned or typed) sells that many: 3 pieces, 1.5 kg */
const QTY_TIMES = /^(\d{1,7}(?:[.,]\d{1,3})?)\*(\S+)$/;

/**
 * What a code typed or scanned at the till is, and what to do with it: a product joins the sale, a loyalty card
 * attaches its customer, a receipt number opens its refund (with the permission), a refund number or an unknown code
 * says so.
 */
export function useCodeLookup(on: {
  add: (p: Product, qtyMilli?: number) => void;
  onCustomer: (c: TillCustomer) => void;
  onRefund: (saleId: string) => void;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, can } = useShell();
  // the latest handlers, so the lookup itself stays the same function (scanner subscriptions depend on it)
  const handlers = useRef(on);
  handlers.current = on;
  return useCallback(
    async (typed: string) => {
      const times = QTY_TIMES.exec(typed);
      const code = times ? (times[2] as string) : typed;
      try {
        const r = await api.sales.lookupCode({ code });
        switch (r.kind) {
          case 'product': {
            const qty = times ? parseQty(times[1] as string, r.product.unit) : 1000;
            if (qty == null) toast.error(t('till.badTimes', { qty: times?.[1] ?? '', name: r.product.name }));
            else handlers.current.add(r.product, qty);
            break;
          }
          case 'customer':
            handlers.current.onCustomer(r.customer);
            toast.success(t('till.customerAttached', { name: r.customer.displayName }));
            break;
          case 'sale':
            if (!can('sales.refund')) toast.error(t('till.refundNeedsManager', { number: r.number }));
            else handlers.current.onRefund(r.id);
            break;
          case 'refund':
            toast.info(t('till.isDocument', { number: r.number }));
            break;
          case 'unknown':
            toast.error(r.message);
            break;
        }
      } catch (e) {
        onError(e);
      }
    },
    [can, onError, t, toast],
  );
}
