const EVENT = 'counterline:follow-ups-changed';

/** Tells the navigation badge that a follow-up was added or closed, so it does not wait for its next refresh. */
export function announceFollowUps(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onFollowUps(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
