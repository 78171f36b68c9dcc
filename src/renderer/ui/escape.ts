import type { KeyboardEvent } from 'react';

/**
 * A key handler for a panel, form or confirmation that Esc closes: it calls `close` and keeps the key from doing
 * anything else (the screen under it going back too).
 */
export const closeOnEscape =
  (close: () => void) =>
  (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };
