import type { ReactNode } from 'react';

/**
 * What makes a till search box a combobox over its result list (products, customers): spread on the input. `active`
 * is the id of the highlighted result's element.
 */
export function comboboxOf(listId: string, open: boolean, active: string | undefined) {
  return {
    type: 'search',
    autoComplete: 'off',
    role: 'combobox',
    'aria-expanded': open,
    'aria-controls': listId,
    'aria-autocomplete': 'list',
    'aria-activedescendant': active,
  } as const;
}

/**
 * The results under a till search box: the arrow keys move the highlight (in the box), a click or tap picks one
 * without taking the cursor from the box. Each result's element id is `optionId(row)`.
 */
export function SearchResults<R extends { id: string }>({
  id,
  label,
  search: { rows, sel, setSel },
  optionId,
  onPick,
  hover,
  children,
}: {
  id: string;
  label: string;
  /** what the box found and which is highlighted (useTillSearch) */
  search: { rows: readonly R[]; sel: number; setSel: (i: number) => void };
  optionId: (r: R) => string;
  onPick: (r: R) => void;
  /** the pointer moves the highlight too */
  hover?: boolean;
  /** the result's text */
  children: (r: R) => ReactNode;
}) {
  if (rows.length === 0) return null;
  return (
    <div id={id} role="listbox" aria-label={label} className="till-results">
      {rows.map((r, i) => (
        <div
          key={r.id}
          id={optionId(r)}
          role="option"
          tabIndex={-1}
          aria-selected={i === sel}
          className="till-result"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onPick(r)}
          onKeyDown={() => {}}
          onMouseEnter={hover ? () => setSel(i) : undefined}
        >
          {children(r)}
        </div>
      ))}
    </div>
  );
}
