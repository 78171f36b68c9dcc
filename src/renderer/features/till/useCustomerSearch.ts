import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustomerListRow } from '../../../shared/contract/customers';
import { api } from '../../lib/api';

const DEBOUNCE_MS = 150;
const ROWS = 6;

/**
 * What a till search box finds as the cashier types: asked once typing pauses, at least two characters, with the
 * highlighted row (back to the first on each answer). An answer to older text than the latest never replaces the
 * rows; `clear` empties them and drops any answer still on its way (a row was just picked). A failed search is
 * reported; `emptyOnError` also empties the rows.
 */
export function useTillSearch<R>(
  text: string,
  ask: (q: string) => Promise<{ rows: R[] }>,
  onError?: (e: unknown) => void,
  emptyOnError = false,
) {
  const [rows, setRows] = useState<R[]>([]);
  const [sel, setSel] = useState(0);
  const seq = useRef(0);
  // the latest callbacks, without asking again when they change
  const latest = useRef({ ask, onError });
  latest.current = { ask, onError };

  useEffect(() => {
    const mine = ++seq.current;
    const q = text.trim();
    if (q.length < 2) {
      setRows([]);
      return;
    }
    const timer = setTimeout(() => {
      latest.current
        .ask(q)
        .then((page) => {
          if (mine !== seq.current) return;
          setRows(page.rows);
          setSel(0);
        })
        .catch((e) => {
          if (emptyOnError) {
            if (mine !== seq.current) return;
            setRows([]);
          }
          latest.current.onError?.(e);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, emptyOnError]);

  const clear = useCallback(() => {
    seq.current++;
    setRows([]);
  }, []);

  return { rows, sel, setSel, clear };
}

/** Customers matching what the cashier types at the till (six rows); see useTillSearch. */
export function useCustomerSearch(text: string, onError?: (e: unknown) => void) {
  return useTillSearch<CustomerListRow>(text, (q) => api.customers.search({ text: q, limit: ROWS }), onError, true);
}
