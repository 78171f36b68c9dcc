import { useT } from '../i18n';

/** On-screen number pad for touch tills; edits the PIN value it is given. */
export function Keypad({
  value,
  onChange,
  maxLength = 8,
}: {
  value: string;
  onChange: (v: string) => void;
  maxLength?: number;
}) {
  const t = useT();
  const press = (d: string) => {
    if (value.length < maxLength) onChange(value + d);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a grid of keys, not a form section; fieldset would break the grid layout
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
        <button key={d} type="button" tabIndex={-1} onClick={() => press(d)}>
          {d}
        </button>
      ))}
      <button type="button" tabIndex={-1} className="keypad-aux" onClick={() => onChange('')}>
        {t('keypad.clear')}
      </button>
      <button type="button" tabIndex={-1} onClick={() => press('0')}>
        0
      </button>
      <button
        type="button"
        tabIndex={-1}
        className="keypad-aux"
        aria-label={t('keypad.back')}
        onClick={() => onChange(value.slice(0, -1))}
      >
        ⌫
      </button>
    </div>
  );
}

/** Masked numeric PIN input, labelled "PIN" (or given label). */
export function PinInput({
  id,
  label,
  value,
  onChange,
  autoFocus,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]*"
        maxLength={8}
        value={value}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 8))}
      />
    </div>
  );
}
