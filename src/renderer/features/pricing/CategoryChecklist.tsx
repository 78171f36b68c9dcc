import type { ReactNode } from 'react';
import type { Category } from '../../../shared/contract/customers';

/** A checkbox per customer category, in a fieldset whose legend says what ticking one means. */
export function CategoryChecklist({
  legend,
  categories,
  checked,
  onChange,
  note,
  children,
}: {
  legend: string;
  categories: Category[];
  checked: Set<string>;
  onChange: (update: (checked: Set<string>) => Set<string>) => void;
  /** said after a category's name, e.g. that it has another list already */
  note?: (c: Category) => ReactNode;
  /** below the boxes: more fields and the help line */
  children?: ReactNode;
}) {
  return (
    <fieldset className="plain pr-assign">
      <legend>{legend}</legend>
      {categories.map((c) => (
        <label key={c.id} className="radio-line">
          <input
            type="checkbox"
            checked={checked.has(c.id)}
            onChange={(e) =>
              onChange((s) => {
                const n = new Set(s);
                if (e.target.checked) n.add(c.id);
                else n.delete(c.id);
                return n;
              })
            }
          />
          {c.name}
          {note?.(c)}
        </label>
      ))}
      {children}
    </fieldset>
  );
}
