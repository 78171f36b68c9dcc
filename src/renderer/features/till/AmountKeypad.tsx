import { useState } from 'react';
import { type CurrencyCode, exponentOf, separatorsOf } from '../../../shared/money';
import { useT } from '../../i18n';
import { Keypad } from '../../ui/Keypad';
import { useTouchMode } from '../../ui/useTouchMode';

/**
 * On a touch till, a Keypad button beside an amount field that opens number keys for it, so the amount can be given
 * without a keyboard. The first key replaces the suggested amount; `resetKey` starts that again (a new suggestion).
 */
export function AmountKeypad({
  id,
  label,
  value,
  onChange,
  currency,
  locale,
  disabled,
  resetKey,
}: {
  id: string;
  /** the amount field's label, to name the keys by */
  label: string;
  value: string;
  onChange: (v: string) => void;
  currency: CurrencyCode;
  locale: string;
  disabled?: boolean;
  resetKey?: string;
}) {
  const t = useT();
  const touch = useTouchMode();
  const [open, setOpen] = useState(false);
  if (!touch) return null;
  return (
    <div className="pay-keypad">
      <button
        type="button"
        className="btn keypad-toggle"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
      >
        {t('keypad.label')}
      </button>
      {open && !disabled && (
        <Keypad
          key={resetKey}
          id={id}
          label={`${t('keypad.label')}: ${label}`}
          value={value}
          onChange={onChange}
          maxLength={12}
          decimal={exponentOf(currency) > 0 ? separatorsOf(locale).decimal : undefined}
          focusable
          replaceFirst
        />
      )}
    </div>
  );
}
