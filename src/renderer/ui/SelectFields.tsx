import type { MessageKey, TFunction } from '../i18n';
import { type Option, SelectField, type SpecFieldsProps, specFields } from './fields';

/** One select of a form or filter bar described as data: which value it edits, its id, label and choices. */
export type SelectSpec<K extends string> = { key: K; id: string; label: string; options: readonly Option[] };

/**
 * Several labelled selects over one object, from a list of specs: a filter bar's or form's row of choices without
 * writing the same `<SelectField id label value onChange options>` again for every value.
 */
export function SelectFields<K extends string>(props: SpecFieldsProps<SelectSpec<K>, K, string>) {
  return specFields(props, (spec, value, set) => <SelectField {...spec} value={value} onChange={set} />);
}

/** Choices named by their message keys under one prefix: `namedOptions(t, 'a.b', ['x'])` → x named t('a.b.x'). */
export function namedOptions<T extends string>(t: TFunction, prefix: string, values: readonly T[]): Option<T>[] {
  return values.map((value) => ({ value, label: t(`${prefix}.${value}` as MessageKey) }));
}

/** Choices from rows with an id and a name (categories, staff, tills): the id is chosen, the name shown. */
export function rowOptions(rows: readonly { id: string; name: string }[]): Option[] {
  return rows.map((r) => ({ value: r.id, label: r.name }));
}

/** The choices with a blank one first ("any", "none"): the value '' under the given words. */
export function blankFirst<T extends string>(label: string, options: readonly Option<T>[]): Option<T | ''>[] {
  return [{ value: '', label }, ...options];
}
