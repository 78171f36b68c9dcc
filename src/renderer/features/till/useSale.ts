import { useCallback, useEffect, useRef, useState } from 'react';
import type { Product } from '../../../shared/contract/catalog';
import type { Customer } from '../../../shared/contract/customers';
import type { Approval, Cart, Quote, TillCustomer } from '../../../shared/contract/sales';
import { api } from '../../lib/api';
import { EMPTY_CART } from './cart';

const QUOTE_DEBOUNCE_MS = 120;

/** The till's view of a customer found by name (customers.get) rather than by card (sales.lookupCode). */
export function tillCustomerOf(c: Customer): TillCustomer {
  return {
    id: c.id,
    displayName: c.displayName,
    status: c.status,
    categoryId: c.categoryId,
    categoryName: c.categoryName,
    phonePrimary: c.phonePrimary,
    loyaltyCardNo: c.loyaltyCardNo,
    notes: c.notes,
    notesImportant: c.notesImportant,
    lastActivityAt: c.lastActivityAt,
    balance: c.balance,
    pointsBalance: 0,
    creditLimit: c.creditLimit,
  };
}

export interface ApprovalGrant extends Approval {
  name: string;
}

/**
 * The open sale: the cart as the cashier built it, the attached customer, a manager's approval, and the server's
 * price for it. Every change is priced again by sales.quote (debounced; answers to older carts are dropped), so the
 * screen never shows client arithmetic as a price.
 */
export function useSale(onError: (e: unknown) => void) {
  const [cart, setCartState] = useState<Cart>(() => kept()?.cart ?? EMPTY_CART);
  const [customer, setCustomerState] = useState<TillCustomer | null>(() => kept()?.customer ?? null);
  const [approval, setApproval] = useState<ApprovalGrant | null>(null);
  /** the parked sale this cart was resumed from: it stays parked until this sale completes, is re-parked or cancelled */
  const [parkedId, setParkedId] = useState<string | null>(() => kept()?.parkedId ?? null);
  const [quote, setQuote] = useState<Quote | null>(null);
  /** the cart and approval the shown quote belongs to */
  const [quotedFor, setQuotedFor] = useState<{ cart: Cart; approval: ApprovalGrant | null } | null>(null);
  const [products, setProducts] = useState<ReadonlyMap<string, Product>>(new Map());
  const seq = useRef(0);
  /** one key per attempt to pay for this cart: a retry after a lost answer reuses it, so it never sells twice */
  const attemptKey = useRef<string | null>(null);

  const setCart = useCallback((next: Cart | ((c: Cart) => Cart)) => {
    attemptKey.current = null;
    setCartState(next);
  }, []);

  const remember = useCallback((p: Product) => {
    setProducts((m) => (m.get(p.id) === p ? m : new Map(m).set(p.id, p)));
  }, []);

  const setCustomer = useCallback(
    (c: TillCustomer | null) => {
      setCustomerState(c);
      setCart((cur) => ({ ...cur, customerId: c?.id ?? null }));
    },
    [setCart],
  );

  useEffect(() => {
    const mine = ++seq.current;
    if (cart.lines.length === 0) {
      setQuote(null);
      setQuotedFor({ cart, approval });
      return;
    }
    const timer = setTimeout(() => {
      const grant = approval ? approvalOf(approval) : undefined;
      api.sales
        .quote(grant ? { cart, approval: grant } : { cart })
        .then((q) => {
          if (mine !== seq.current) return;
          setQuote(q);
          setQuotedFor({ cart, approval });
        })
        .catch((e) => {
          if (mine === seq.current) onError(e);
        });
    }, QUOTE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [cart, approval, onError]);

  // The open sale outlives the screen: locking the till (by hand or when idle) or switching sections unmounts it.
  useEffect(() => keep(cart, customer, parkedId), [cart, customer, parkedId]);

  const reset = useCallback(() => {
    attemptKey.current = null;
    setCartState(EMPTY_CART);
    setCustomerState(null);
    setApproval(null);
    setParkedId(null);
  }, []);

  const idempotencyKey = useCallback(() => {
    attemptKey.current ??= crypto.randomUUID();
    return attemptKey.current;
  }, []);

  return {
    cart,
    setCart,
    customer,
    setCustomer,
    approval,
    setApproval,
    quote,
    /** true while the shown prices belong to an older cart (or the approval changed since) */
    stale: quotedFor?.cart !== cart || quotedFor.approval !== approval,
    products,
    remember,
    reset,
    idempotencyKey,
    parkedId,
    setParkedId,
  };
}
export type Sale = ReturnType<typeof useSale>;

const KEEP_KEY = 'counterline.till.openSale';

/** The open sale kept in this tab (never the manager's approval: it holds a PIN). */
function keep(cart: Cart, customer: TillCustomer | null, parkedId: string | null): void {
  try {
    if (cart.lines.length === 0 && !customer) sessionStorage.removeItem(KEEP_KEY);
    else sessionStorage.setItem(KEEP_KEY, JSON.stringify({ cart, customer, parkedId }));
  } catch {
    /* storage full or off: the sale just does not survive a lock */
  }
}

function kept(): { cart: Cart; customer: TillCustomer | null; parkedId?: string | null } | null {
  try {
    const text = sessionStorage.getItem(KEEP_KEY);
    return text ? (JSON.parse(text) as { cart: Cart; customer: TillCustomer | null; parkedId?: string | null }) : null;
  } catch {
    return null;
  }
}

/** What goes to main with a sale: the approval token (or the PIN, when no token was given), never the name. */
export function approvalOf(g: ApprovalGrant): Approval {
  return g.token ? { staffId: g.staffId, token: g.token } : { staffId: g.staffId, pin: g.pin };
}
