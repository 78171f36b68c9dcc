import { useEffect, useState } from 'react';
import type { FollowUp } from '../../../shared/contract/relationships';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';

/**
 * At the till, under the attached customer: their open follow-ups (collect a payment, deliver an order), so the cashier
 * can do it while the customer is there. Silent when there are none.
 */
export function TillFollowUps({ customerId }: { customerId: string }) {
  const t = useT();
  const { can } = useShell();
  const [open, setOpen] = useState<FollowUp[]>([]);
  const allowed = can('customers.view');
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    api.relationships
      .followUps({ customerId })
      .then((rows) => live && setOpen(rows))
      .catch(() => {
        /* a hint at the till; the customer's page shows errors */
      });
    return () => {
      live = false;
    };
  }, [customerId, allowed]);
  if (open.length === 0) return null;
  return (
    <div className="notice" role="note" data-testid="till-follow-ups">
      <strong>{t('rel.till.open', { count: open.length })}:</strong> {open.map((f) => f.title).join(' · ')}
    </div>
  );
}
