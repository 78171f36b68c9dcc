import { useEffect, useRef } from 'react';
import type { FunctionKey } from './TotalsPanel';

const F_KEYS: Record<string, FunctionKey | 'F7'> = {
  F2: 'F2',
  F3: 'F3',
  F4: 'F4',
  F6: 'F6',
  F7: 'F7',
  F8: 'F8',
  F9: 'F9',
  F10: 'F10',
  F12: 'F12',
  Escape: 'Esc',
};

/**
 * The till's function keys, wherever the cursor is, caught before the shell sees them (the shell locks on F12
 * elsewhere). While a dialog is open the dialog owns Esc, and the other function keys do nothing.
 */
export function useFunctionKeys(run: (k: FunctionKey | 'F7') => void, dialogOpen: boolean): void {
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const k = F_KEYS[e.key];
      if (!k) return;
      if (dialogOpen) {
        if (k !== 'Esc') e.preventDefault();
        return;
      }
      // Esc in a search box with text clears that box; the till's own Esc is for everything else
      const el = document.activeElement;
      if (k === 'Esc' && el instanceof HTMLInputElement && el.type === 'search' && el.value) return;
      e.preventDefault();
      runRef.current(k);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dialogOpen]);
}
