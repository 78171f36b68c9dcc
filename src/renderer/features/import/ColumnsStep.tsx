import type { ReactNode } from 'react';
import { useT } from '../../i18n';

/** What the columns step can change; a wizard's own choice type may hold more (a text file's layout, a preset). */
export interface ColumnsChoice<F extends string> {
  sheet?: string;
  headerRow?: number;
  columns?: Array<{ index: number; field: F | null }>;
}

/** What was detected in the file, as every import's preview says it. */
export interface ColumnsPreview {
  sheets: string[];
  sheet: string | null;
  headerRow: number;
  columns: Array<{ index: number; header: string; field: string | null; samples: string[] }>;
  unmapped: string[];
}

/**
 * Step 2: what was detected (each choice can be changed) and which column fills which field. A change of layout
 * (sheet, header row, or the caller's `layout` settings) detects the columns again; a column's choice keeps the others.
 */
export function ColumnsStep<F extends string, C extends ColumnsChoice<F>>({
  idPrefix,
  fileName,
  preview,
  choice,
  fields,
  busy,
  layout,
  rowsText,
  mappingNote,
  canCheck,
  onChoice,
  onBack,
  onNext,
}: {
  /** ids of this wizard's controls: `${idPrefix}-sheet`, `${idPrefix}-header`, `h-${idPrefix}-columns` */
  idPrefix: string;
  fileName: string;
  preview: ColumnsPreview;
  choice: C;
  fields: ReadonlyArray<{ value: F; label: string }>;
  busy: boolean;
  /** more layout settings after the header row, given `relayout` to report a change with */
  layout?: (relayout: (patch: Partial<C>) => void) => ReactNode;
  /** "1,240 rows below the header" */
  rowsText: string;
  /** under the columns: what is still missing, or that nothing is */
  mappingNote: ReactNode;
  /** false keeps "Check the rows" off (e.g. while a required field has no column) */
  canCheck: boolean;
  onChoice: (next: C) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const t = useT();
  const relayout = (patch: Partial<C>) => onChoice({ ...choice, ...patch, columns: undefined });
  const setField = (index: number, field: F | null) => {
    const others = (choice.columns ?? []).filter((c) => c.index !== index);
    onChoice({ ...choice, columns: [...others, { index, field }] });
  };

  return (
    <>
      <div className="card import-card">
        <h2>{t('imp.found', { file: fileName })}</h2>
        <div className="import-settings">
          {preview.sheets.length > 1 && (
            <div className="field">
              <label htmlFor={`${idPrefix}-sheet`}>{t('imp.sheet')}</label>
              <select
                id={`${idPrefix}-sheet`}
                value={preview.sheet ?? ''}
                disabled={busy}
                onChange={(e) => relayout({ sheet: e.target.value, headerRow: undefined } as Partial<C>)}
              >
                {preview.sheets.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${idPrefix}-header`}>{t('imp.headerRow')}</label>
            <input
              id={`${idPrefix}-header`}
              type="number"
              min={1}
              max={10000}
              value={preview.headerRow}
              disabled={busy}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1) relayout({ headerRow: n } as Partial<C>);
              }}
            />
          </div>
          {layout?.(relayout)}
        </div>
        <p className="muted">{rowsText}</p>
      </div>

      <div className="card import-card">
        <h2 id={`h-${idPrefix}-columns`}>{t('imp.columns')}</h2>
        <table className="table import-columns" aria-labelledby={`h-${idPrefix}-columns`}>
          <thead>
            <tr>
              <th scope="col">{t('imp.col.header')}</th>
              <th scope="col">{t('imp.col.example')}</th>
              <th scope="col">{t('imp.col.field')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c) => (
              <tr key={c.index} className={c.field ? undefined : 'import-unmapped'}>
                <th scope="row">{c.header || `#${c.index + 1}`}</th>
                <td className="import-sample">{c.samples.join(' · ')}</td>
                <td>
                  <select
                    aria-label={t('imp.col.fieldFor', { name: c.header || `#${c.index + 1}` })}
                    value={c.field ?? ''}
                    disabled={busy}
                    onChange={(e) => setField(c.index, (e.target.value || null) as F | null)}
                  >
                    <option value="">{t('imp.field.none')}</option>
                    {fields.map((f) => (
                      <option key={f.value} value={f.value}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {mappingNote}
      </div>

      <div className="row-actions">
        <button type="button" className="btn btn-primary" disabled={busy || !canCheck} onClick={onNext}>
          {t('imp.check')}
        </button>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={onBack}>
          {t('imp.startOver')}
        </button>
      </div>
    </>
  );
}
