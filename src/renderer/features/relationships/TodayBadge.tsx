import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { NavBadge } from '../../ui/NavBadge';
import { onFollowUps } from './changes';

/** How many follow-ups are due today, beside "Today" in the navigation; refreshed every minute. */
export function TodayBadge() {
  const t = useT();
  const { can } = useShell();
  return (
    <NavBadge
      allowed={can('customers.view')}
      read={() => api.relationships.today({ limit: 1 }).then((r) => r.count)}
      everyMs={60_000}
      listen={onFollowUps}
      label={(count) => t('rel.today.badge', { count })}
      testId="today-badge"
    />
  );
}
