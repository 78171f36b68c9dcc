import { type ComponentProps, useState } from 'react';
import { type CurrencyCode, exponentOf, separatorsOf } from '../../../shared/money';
import { useT } from '../../i18n';
import { AmountField } from '../../ui/fields';
import { Keypad } from '../../ui/Keypad';
import { useTouchMode } from '../../ui/useTouchMode';

/**
 * A payment dialog's amount field. On a touch till a Keypad button beside it opens number keys for it, so the amount
 * can be given without a keyboard: the first key replaces the suggested amount, and `resetKey` starts that again (a
 * new suggestion).
 */
export function PayAmount({
  currency,
  locale,
  busy,
  resetKey,
  ...field
}: ComponentProps<typeof AmountField> & {
  currency: CurrencyCode;
  locale: string;
  busy: boolean;
  resetKey?: string;
}) {
  const t = useT();
  const touch = useTouchMode();
  const [open, setOpen] = useState(false);
  const off = busy || field.disabled;
  const keys = `${field.id}-keypad`;
  return (
    <>
      <AmountField {...field} />
      {touch && (
        <div className="pay-keypad">
          <button
            type="button"
            className="btn keypad-toggle"
            aria-expanded={open}
            aria-controls={open ? keys : undefined}
            disabled={off}
            onClick={() => setOpen((o) => !o)}
          >
            {t('keypad.label')}
          </button>
          {open && !off && (
            <Keypad
              key={resetKey}
              id={keys}
              label={`${t('keypad.label')}: ${field.label}`}
              value={field.value}
              onChange={field.onChange}
              maxLength={12}
              decimal={exponentOf(currency) > 0 ? separatorsOf(locale).decimal : undefined}
              focusable
              replaceFirst
            />
          )}
        </div>
      )}
    </>
  );
}
