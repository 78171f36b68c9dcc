import { Fragment, type InputHTMLAttributes, type ReactNode, type RefObject, useId, useRef } from 'react';
import { CURRENCIES, CURRENCY_CODES, type CurrencyCode } from '../../shared/money';
import { LANGUAGE_NAMES, type Lang } from '../i18n';
import { TIME_ZONES } from '../lib/places';

export type Option<T extends string = string> = { value: T; label: string };

type Base = { id: string; label: string; className?: string };

/** `<div class="field">` with a label bound to the control by id. */
export function Field({ id, label, className, children }: Base & { children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>;

/** Labelled `<input>`; `children` go after the input (e.g. a datalist). */
export function TextField({
  id,
  label,
  className,
  value,
  onChange,
  children,
  ...rest
}: Base & InputProps & { value: string | number; onChange: (v: string) => void; children?: ReactNode }) {
  return (
    <Field id={id} label={label} className={className}>
      <input id={id} {...rest} value={value} onChange={(e) => onChange(e.target.value)} />
      {children}
    </Field>
  );
}

/** A labelled search box, looked up as it is typed: `type="search"`, and no browser suggestions of past entries. */
export function SearchField(props: Parameters<typeof TextField>[0]) {
  return <TextField type="search" autoComplete="off" {...props} />;
}

/**
 * A money amount typed as the shop writes it (parsed by the caller): decimal keypad, selected on focus, and an
 * optional button that fills in a whole amount ("Pay all UGX 45,000") and puts the cursor back in the field.
 */
export function AmountField({
  id,
  label,
  className,
  value,
  onChange,
  inputRef,
  fill,
  ...rest
}: Base &
  Omit<InputProps, 'inputMode' | 'autoComplete' | 'onFocus'> & {
    value: string;
    onChange: (v: string) => void;
    inputRef?: RefObject<HTMLInputElement | null>;
    fill?: { label: string; value: string } | null;
  }) {
  const own = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? own;
  return (
    <Field id={id} label={label} className={className}>
      <input
        ref={ref}
        id={id}
        inputMode="decimal"
        autoComplete="off"
        className="pay-amount"
        {...rest}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onFocus={(e) => e.target.select()}
      />
      {fill && (
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={() => {
            onChange(fill.value);
            ref.current?.focus();
          }}
        >
          {fill.label}
        </button>
      )}
    </Field>
  );
}

/** Labelled PIN input: masked, numeric keypad, digits only, at most 8. */
export function PinField({
  id,
  label,
  className,
  value,
  onChange,
  autoComplete = 'off',
  autoFocus,
  describedBy,
}: Base & {
  value: string;
  onChange: (v: string) => void;
  autoComplete?: 'off' | 'new-password';
  autoFocus?: boolean;
  describedBy?: string;
}) {
  return (
    <Field id={id} label={label} className={className}>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        required
        maxLength={8}
        aria-describedby={describedBy}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
    </Field>
  );
}

export function TextAreaField({
  id,
  label,
  className,
  value,
  onChange,
}: Base & { value: string; onChange: (v: string) => void }) {
  return (
    <Field id={id} label={label} className={className}>
      <textarea id={id} rows={2} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/** Checkbox first, label after it. */
export function CheckField({
  id,
  label,
  checked,
  onChange,
}: Omit<Base, 'className'> & { checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function Options<T extends string>({ options }: { options: readonly Option<T>[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

/**
 * A fieldset of radio buttons, one a choice, under its legend; `autoFocus` names the choice that takes the cursor. The
 * buttons' shared `name` is the group's own: nothing reads it but the browser, which keeps one choice per name.
 */
export function RadioGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  className = 'plain',
  disabled,
  autoFocus,
}: {
  legend: string;
  options: readonly Option<T>[];
  value: T;
  onChange: (value: T) => void;
  className?: string;
  disabled?: boolean;
  autoFocus?: T;
}) {
  const name = useId();
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="radio-line">
          <input
            type="radio"
            name={name}
            checked={value === o.value}
            disabled={disabled}
            onChange={() => onChange(o.value)}
            autoFocus={autoFocus === o.value}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A choice of one as a row of small buttons (a list's filter, a period): the chosen one pressed and primary. The row
 * goes inside whatever box holds it (a `row-actions` or `segmented` one).
 */
export function PressedButtons<T extends string>({
  options,
  value,
  onChange,
}: {
  options: readonly Option<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return options.map((o) => (
    <button
      key={o.value}
      type="button"
      className={`btn btn-sm${value === o.value ? ' btn-primary' : ''}`}
      aria-pressed={value === o.value}
      onClick={() => onChange(o.value)}
    >
      {o.label}
    </button>
  ));
}

export function SelectField<T extends string>({
  id,
  label,
  className,
  value,
  onChange,
  options,
}: Base & { value: T; onChange: (v: T) => void; options: readonly Option<T>[] }) {
  return (
    <Field id={id} label={label} className={className}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        <Options options={options} />
      </select>
    </Field>
  );
}

export const LANGUAGE_OPTIONS: readonly Option<Lang>[] = (Object.keys(LANGUAGE_NAMES) as Lang[]).map((l) => ({
  value: l,
  label: LANGUAGE_NAMES[l],
}));

export const CURRENCY_OPTIONS: readonly Option<CurrencyCode>[] = CURRENCY_CODES.map((c) => ({
  value: c,
  label: `${c} – ${CURRENCIES[c].name}`,
}));

type ValueProps<T extends string> = Base & { value: T; onChange: (v: T) => void };

export function LanguageSelect(p: ValueProps<Lang>) {
  return <SelectField {...p} options={LANGUAGE_OPTIONS} />;
}

export function CurrencySelect(p: ValueProps<CurrencyCode>) {
  return <SelectField {...p} options={CURRENCY_OPTIONS} />;
}

/** Known time zones, with the current value kept first if it is not among them. */
export function TimeZoneSelect(p: ValueProps<string>) {
  const zones = TIME_ZONES.includes(p.value) ? TIME_ZONES : [p.value, ...TIME_ZONES];
  return <SelectField {...p} options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))} />;
}

/** One text field of a form described as data: which value of the form it edits, and its input's attributes. */
export type TextSpec<K extends string> = Base & InputProps & { key: K };

const keypadSpec =
  (inputMode: 'numeric' | 'decimal') =>
  <K extends string>(key: K, id: string, label: string): TextSpec<K> => ({ key, id, label, inputMode });
/** The spec of a field for a whole number (numeric keypad). */
export const numberSpec = keypadSpec('numeric');
/** The spec of a field for an amount or a decimal (decimal keypad). */
export const decimalSpec = keypadSpec('decimal');

/** The props of a row of fields over one object, from a list of specs each naming which value it edits. */
export type SpecFieldsProps<S extends { key: K; id: string }, K extends string, V> = {
  specs: readonly S[];
  values: { readonly [key in K]: V };
  onChange: (key: K, value: V) => void;
};

/**
 * One field a spec over one object (`TextFields`, `SelectFields`, `CheckFields`): `field` draws a spec's field, less
 * its key, with the value it edits and the setter of that value.
 */
export function specFields<S extends { key: K; id: string }, K extends string, V>(
  { specs, values, onChange }: SpecFieldsProps<S, K, V>,
  field: (spec: Omit<S, 'key'>, value: V, set: (value: V) => void) => ReactNode,
) {
  return specs.map(({ key, ...spec }) => (
    <Fragment key={spec.id}>{field(spec, values[key], (v) => onChange(key, v))}</Fragment>
  ));
}

/**
 * Several labelled text fields over one form object, from a list of specs: a form's rows of fields without writing
 * the same `<TextField id label value onChange>` again for every value.
 */
export function TextFields<K extends string>(props: SpecFieldsProps<TextSpec<K>, K, string>) {
  return specFields(props, (spec, value, set) => <TextField {...spec} value={value} onChange={set} />);
}
