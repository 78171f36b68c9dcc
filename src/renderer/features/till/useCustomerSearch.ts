import { useCallback, useEffect, useRef, useState } from 'react';
import type { CustomerListRow } from '../../../shared/contract/customers';
import { api } from '../../lib/api';

const DEBOUNCE_MS = 150;
const ROWS = 6;

/**
 * Customers matching what the cashier types at the till: asked once typing pauses, at least two characters, six
 * rows, with the highlighted one (back to the first on each answer). An answer to older text than the latest never
 * replaces the rows; `clear` empties them and drops any answer still on its way (a customer was just picked).
 */
export function useCustomerSearch(text: string, onError?: (e: unknown) => void) {
  const [rows, setRows] = useState<CustomerListRow[]>([]);
  const [sel, setSel] = useState(0);
  const seq = useRef(0);
  const reportError = useRef(onError);
  reportError.current = onError;

  useEffect(() => {
    const mine = ++seq.current;
    const q = text.trim();
    if (q.length < 2) {
      setRows([]);
      return;
    }
    const timer = setTimeout(() => {
      api.customers
        .search({ text: q, limit: ROWS })
        .then((page) => {
          if (mine !== seq.current) return;
          setRows(page.rows);
          setSel(0);
        })
        .catch((e) => {
          if (mine !== seq.current) return;
          setRows([]);
          reportError.current?.(e);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const clear = useCallback(() => {
    seq.current++;
    setRows([]);
  }, []);

  return { rows, sel, setSel, clear };
}
