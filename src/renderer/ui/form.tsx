import { type ComponentProps, useMemo, useState } from 'react';
import { CheckField, type SpecFieldsProps, specFields, TextField } from './fields';

/** The keys of a form object whose values are of type V. */
type KeysOf<F, V> = { [K in keyof F]: F[K] extends V ? K : never }[keyof F] & string;

/**
 * The props that bind a field to one value of a form object: `bind('name')` gives a `TextField` its value and
 * onChange, `check('active')` a `CheckField` its checked and onChange, so a form writes each field on one line.
 */
export function binders<F>(form: F, setForm: (next: F) => void) {
  const put = <K extends keyof F>(key: K, value: F[K]) => setForm({ ...form, [key]: value });
  return {
    put,
    bind: <K extends KeysOf<F, string>>(key: K) => ({ value: form[key], onChange: (v: F[K]) => put(key, v) }),
    check: <K extends KeysOf<F, boolean>>(key: K) => ({
      checked: form[key] as boolean,
      onChange: (v: boolean) => put(key, v as F[K]),
    }),
  };
}

/** A form object in state with its binders (see `binders`). */
export function useForm<F>(initial: F | (() => F)) {
  const [form, setForm] = useState<F>(initial);
  return { form, setForm, ...binders(form, setForm) };
}

/**
 * A form over what the screen read: null until the answer comes, then the form the answer gives (following a newer
 * answer) until the person edits it; from then on their edits, until `setForm(null)` goes back to the answer.
 */
export function useLoadedForm<T, F>(data: T | undefined, seed: (data: T) => F) {
  const [edited, setForm] = useState<F | null>(null);
  // seeded once per answer (the cache keeps an answer's identity), so rows seeded with keys keep them
  // biome-ignore lint/correctness/useExhaustiveDependencies: the seed is read with the answer it is given
  const seeded = useMemo(() => (data === undefined ? null : seed(data)), [data]);
  const form = edited ?? seeded;
  return { form, setForm };
}

/** One checkbox of a form described as data: which true-or-false value it edits, its id and label. */
export type CheckSpec<K extends string> = { key: K; id: string; label: string };

/** Several checkboxes over one form object, from a list of specs (the `TextFields` of true-or-false values). */
export function CheckFields<K extends string>(props: SpecFieldsProps<CheckSpec<K>, K, boolean>) {
  return specFields(props, ({ id, label }, checked, set) => (
    <CheckField id={id} label={label} checked={checked} onChange={set} />
  ));
}

/** The spec of a field for a secret kept in the main process: never shown again, dots while one is kept. */
export const secretSpec = <K extends string>(key: K, id: string, label: string, kept: boolean | undefined) =>
  ({ key, id, label, type: 'password', autoComplete: 'new-password', placeholder: kept ? '••••••' : '' }) as const;

/** A text field with a line of help under it, which the input is described by (its id is `<id>-hint`). */
export function HintedTextField({ hint, ...field }: ComponentProps<typeof TextField> & { hint: string }) {
  return (
    <div>
      <TextField {...field} aria-describedby={`${field.id}-hint`} />
      <p id={`${field.id}-hint`} className="muted">
        {hint}
      </p>
    </div>
  );
}
