import { useEffect, useRef, useState } from 'react';

/**
 * A count beside a section in the navigation, read on opening and every `everyMs` (and whenever `listen` says so), for
 * those `allowed` to see it. A badge is a hint: a failed read leaves it as it was (the section itself shows errors).
 */
export function NavBadge({
  allowed,
  read,
  everyMs,
  listen,
  label,
  testId,
}: {
  allowed: boolean;
  read: () => Promise<number>;
  everyMs: number;
  /** subscribes to changes that make the count stale; returns the unsubscribe */
  listen?: (changed: () => void) => () => void;
  label: (count: number) => string;
  testId: string;
}) {
  const [count, setCount] = useState(0);
  const ask = useRef({ read, listen });
  ask.current = { read, listen };
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    const load = () =>
      ask.current
        .read()
        .then((n) => live && setCount(n))
        .catch(() => {});
    void load();
    const timer = setInterval(load, everyMs);
    const off = ask.current.listen?.(() => void load());
    return () => {
      live = false;
      clearInterval(timer);
      off?.();
    };
  }, [allowed, everyMs]);
  if (!count) return null;
  return (
    <span className="nav-badge" role="status" aria-label={label(count)} data-testid={testId}>
      {count}
    </span>
  );
}
