import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { onFollowUps } from './changes';

/** How many follow-ups are due today, beside "Today" in the navigation; refreshed every minute. */
export function TodayBadge() {
  const t = useT();
  const { can } = useShell();
  const [count, setCount] = useState(0);
  const allowed = can('customers.view');
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    const load = () =>
      api.relationships
        .today({ limit: 1 })
        .then((r) => live && setCount(r.count))
        .catch(() => {
          /* a badge is a hint; the Today screen shows errors */
        });
    void load();
    const timer = setInterval(load, 60_000);
    const off = onFollowUps(() => void load());
    return () => {
      live = false;
      clearInterval(timer);
      off();
    };
  }, [allowed]);
  if (!count) return null;
  return (
    <span className="nav-badge" role="status" aria-label={t('rel.today.badge', { count })} data-testid="today-badge">
      {count}
    </span>
  );
}
