import { useState } from 'react';
import type { CustomerListRow } from '../../../shared/contract/customers';
import { useApiQuery } from '../../ui/query';
import { useDebounced } from '../../ui/useDebounced';

/**
 * A customer looked up as it is typed, for a box that picks one (a statement, a message preview): the text, and the
 * customers found once two letters are typed and the typing has settled. `field` binds the search box (spread it on a
 * `SearchField`); `clear` empties the box after a pick.
 */
export function useCustomerFinder(limit: number) {
  const [text, setText] = useState('');
  const typed = text.trim();
  const settled = useDebounced(typed, 200);
  const search = useApiQuery('customers', 'search', { text: settled, limit }, { enabled: settled.length >= 2 });
  const found = typed.length >= 2 ? (search.data?.rows ?? []) : [];
  return { field: { value: text, onChange: setText }, found, clear: () => setText('') };
}

/** The customers a finder found, each a button with their name and phone; nothing while none are found. */
export function FoundCustomers({
  className,
  label,
  found,
  onPick,
}: {
  className: string;
  label: string;
  found: readonly CustomerListRow[];
  onPick: (customer: CustomerListRow) => void;
}) {
  if (found.length === 0) return null;
  return (
    <ul className={className} aria-label={label}>
      {found.map((c) => (
        <li key={c.id}>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => onPick(c)}>
            {c.displayName} {c.phone && <span className="muted">{c.phone}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
