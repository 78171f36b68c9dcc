import { useSyncExternalStore } from 'react';

// Whether this till is worked with a finger: a touch screen is present (Chromium may still report `pointer: fine`
// for one, so the touch points count as well), or a touch has been seen. Once seen it stays for the session.
let touch =
  typeof window !== 'undefined' &&
  (navigator.maxTouchPoints > 0 ||
    window.matchMedia?.('(pointer: coarse)').matches === true ||
    window.matchMedia?.('(any-pointer: coarse)').matches === true);
const listeners = new Set<() => void>();

function seen() {
  if (touch) return;
  touch = true;
  for (const l of listeners) l();
}

if (typeof window !== 'undefined' && !touch) {
  window.addEventListener('touchstart', seen, { capture: true, passive: true });
  window.addEventListener('pointerdown', (e) => e.pointerType === 'touch' && seen(), { capture: true });
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

/** True on a touch till: bigger targets and on-screen keypads for quantities and amounts. */
export function useTouchMode(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => touch,
    () => false,
  );
}
