import { useRef } from 'react';
import { useT } from '../i18n';

/**
 * On-screen number pad for touch tills; edits the value it is given (a PIN by default). For quantities and amounts it
 * takes a decimal key, keys in the tab order (so a keyboard works it too), its own name, and `replaceFirst`: the first
 * key typed replaces the suggested value, as typing into a selected field would.
 */
export function Keypad({
  value,
  onChange,
  maxLength = 8,
  decimal,
  focusable = false,
  replaceFirst = false,
  label,
  id,
}: {
  value: string;
  onChange: (v: string) => void;
  maxLength?: number;
  /** the decimal separator key to offer (none for PINs and whole numbers) */
  decimal?: string;
  /** keys reachable with Tab (a PIN pad keeps the cursor in its PIN field) */
  focusable?: boolean;
  replaceFirst?: boolean;
  label?: string;
  id?: string;
}) {
  const t = useT();
  const fresh = useRef(replaceFirst);
  const current = () => {
    const v = fresh.current ? '' : value;
    fresh.current = false;
    return v;
  };
  const press = (d: string) => {
    const v = current();
    if (d === decimal && v.includes(d)) return;
    if (v.length < maxLength) onChange((d === decimal && !v ? '0' : v) + d);
  };
  const tabIndex = focusable ? undefined : -1;
  const back = (
    <button
      type="button"
      tabIndex={tabIndex}
      className="keypad-aux"
      aria-label={t('keypad.back')}
      onClick={() => {
        fresh.current = false;
        onChange(value.slice(0, -1));
      }}
    >
      ⌫
    </button>
  );
  const clear = (wide: boolean) => (
    <button
      type="button"
      tabIndex={tabIndex}
      className={wide ? 'keypad-aux keypad-wide' : 'keypad-aux'}
      onClick={() => {
        fresh.current = false;
        onChange('');
      }}
    >
      {t('keypad.clear')}
    </button>
  );
  return (
    // biome-ignore lint/a11y/useSemanticElements: a grid of keys, not a form section; fieldset would break the grid layout
    <div className="keypad" role="group" id={id} aria-label={label ?? t('keypad.label')}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
        <button key={d} type="button" tabIndex={tabIndex} onClick={() => press(d)}>
          {d}
        </button>
      ))}
      {decimal ? (
        <button type="button" tabIndex={tabIndex} onClick={() => press(decimal)}>
          {decimal}
        </button>
      ) : (
        clear(false)
      )}
      <button type="button" tabIndex={tabIndex} onClick={() => press('0')}>
        0
      </button>
      {back}
      {decimal && clear(true)}
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

/** A keypad drawn as nine keys, for a button that opens one (the button's name says what it is for). */
export function KeypadIcon({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {[5, 12, 19].flatMap((y) =>
        [5, 12, 19].map((x) => (
          <rect key={`${x}-${y}`} x={x - 2.5} y={y - 2.5} width="5" height="5" rx="1.2" fill="currentColor" />
        )),
      )}
    </svg>
  );
}
