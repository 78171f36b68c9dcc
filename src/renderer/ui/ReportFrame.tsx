import { type FormEvent, type ReactNode, useState } from 'react';
import { TextFields } from './fields';

/**
 * The filters above a list or report: a form whose submit applies them (Enter in any field, or its button), so a
 * report is read once per question and not on every key.
 */
export function FilterBar({
  className,
  onApply,
  children,
}: {
  className: string;
  onApply: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onApply();
      }}
    >
      {children}
    </form>
  );
}

/**
 * A filter bar's typed values (text as typed, read when the filters are applied), ready to spread on `TextFields`:
 * `<TextFields specs={…} {...form} />`.
 */
export function useFilterValues<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  const onChange = (key: keyof T & string, value: string) => setValues((v) => ({ ...v, [key]: value }));
  return { values, onChange };
}

/** From and to days (YYYY-MM-DD) as two date fields, for any filter over a period. */
export function DateRangeFields({
  idPrefix,
  labels: [fromLabel, toLabel],
  value,
  onChange,
}: {
  idPrefix: string;
  /** the from field's label, then the to field's */
  labels: readonly [string, string];
  value: { from: string; to: string };
  onChange: (v: { from: string; to: string }) => void;
}) {
  return (
    <TextFields
      specs={[
        { key: 'from', id: `${idPrefix}-from`, label: fromLabel, type: 'date' },
        { key: 'to', id: `${idPrefix}-to`, label: toLabel, type: 'date' },
      ]}
      values={value}
      onChange={(k, v) => onChange({ ...value, [k]: v })}
    />
  );
}

/**
 * A report screen's frame, top to bottom: its title and export beside it, the filters, a line of facts, the chart,
 * then the table. Every slot is optional; the frame adds no markup for an empty one.
 */
export function ReportFrame({
  className,
  title,
  exportGroup,
  filters,
  facts,
  chart,
  children,
}: {
  className: string;
  title?: ReactNode;
  exportGroup?: ReactNode;
  filters?: ReactNode;
  facts?: ReactNode;
  chart?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      {filters}
      {(title || exportGroup) && (
        <div className="debt-bar">
          {title && <h2 className="debt-h2">{title}</h2>}
          {exportGroup}
        </div>
      )}
      {facts}
      {chart}
      {children}
    </div>
  );
}
