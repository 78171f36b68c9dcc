import type { FormEvent, ReactNode } from 'react';
import type { CurrencyCode } from '../../../shared/money';

/** What a card of shop-wide rules is given: whether this person may change them, and how the shop writes money. */
export type ShopCardProps = { editable: boolean; currency: CurrencyCode; locale: string };

/**
 * A card of settings on the settings screen: a form under its heading, its controls off while they may not be
 * changed (or a save is under way), and the Save button last for those who may change them (`save` false otherwise).
 */
export function SettingsCard({
  id,
  title,
  onSubmit,
  disabled,
  save,
  saveClassName = 'btn btn-primary',
  children,
}: {
  /** the heading's id, naming the form */
  id: string;
  title: ReactNode;
  onSubmit: (e: FormEvent) => void;
  disabled: boolean;
  save: ReactNode;
  saveClassName?: string;
  children: ReactNode;
}) {
  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <fieldset disabled={disabled} className="plain">
        {children}
        {save && (
          <button type="submit" className={saveClassName}>
            {save}
          </button>
        )}
      </fieldset>
    </form>
  );
}
