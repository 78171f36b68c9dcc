import {
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  IMPORT_FIELDS,
  IMPORT_PRESETS,
  type ImportField,
  type ImportPreview,
} from '../../../../shared/contract/customer-import';
import { type MessageKey, useT } from '../../../i18n';
import type { Choice } from './ImportWizard';

/** Step 2: what was detected (each choice can be changed) and which column fills which customer field. */
export function ColumnsStep({
  fileName,
  preview,
  choice,
  busy,
  onChoice,
  onBack,
  onNext,
}: {
  fileName: string;
  preview: ImportPreview;
  choice: Choice;
  busy: boolean;
  onChoice: (next: Choice) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const t = useT();
  // a change of layout re-detects the columns; a column choice keeps the others
  const layout = (patch: Choice) => onChoice({ ...choice, ...patch, columns: undefined });
  const setField = (index: number, field: ImportField | null) => {
    const others = (choice.columns ?? []).filter((c) => c.index !== index);
    onChoice({ ...choice, columns: [...others, { index, field }] });
  };

  return (
    <>
      <div className="card import-card">
        <h2>{t('imp.found', { file: fileName })}</h2>
        <div className="import-settings">
          {preview.kind === 'spreadsheet' && preview.sheets.length > 1 && (
            <div className="field">
              <label htmlFor="imp-sheet">{t('imp.sheet')}</label>
              <select
                id="imp-sheet"
                value={preview.sheet ?? ''}
                disabled={busy}
                onChange={(e) => layout({ sheet: e.target.value, headerRow: undefined })}
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
            <label htmlFor="imp-header">{t('imp.headerRow')}</label>
            <input
              id="imp-header"
              type="number"
              min={1}
              max={10000}
              value={preview.headerRow}
              disabled={busy}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1) layout({ headerRow: n });
              }}
            />
          </div>
          {preview.kind === 'text' && (
            <>
              <div className="field">
                <label htmlFor="imp-delimiter">{t('imp.delimiter')}</label>
                <select
                  id="imp-delimiter"
                  value={preview.delimiter ?? ','}
                  disabled={busy}
                  onChange={(e) => layout({ delimiter: e.target.value as Choice['delimiter'] })}
                >
                  {IMPORT_DELIMITERS.map((d) => (
                    <option key={d} value={d}>
                      {t(`imp.delimiter.${d}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="imp-encoding">{t('imp.encoding')}</label>
                <select
                  id="imp-encoding"
                  value={preview.encoding ?? 'utf-8'}
                  disabled={busy}
                  onChange={(e) => layout({ encoding: e.target.value as Choice['encoding'] })}
                >
                  {IMPORT_ENCODINGS.map((d) => (
                    <option key={d} value={d}>
                      {t(`imp.encoding.${d}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="imp-preset">{t('imp.preset')}</label>
            <select
              id="imp-preset"
              value={preview.preset}
              disabled={busy}
              onChange={(e) => layout({ preset: e.target.value as Choice['preset'] })}
            >
              {IMPORT_PRESETS.map((p) => (
                <option key={p} value={p}>
                  {t(`imp.preset.${p}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted">{t('imp.rows', { n: preview.rows })}</p>
      </div>

      <div className="card import-card">
        <h2 id="h-imp-columns">{t('imp.columns')}</h2>
        <table className="table import-columns" aria-labelledby="h-imp-columns">
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
                    onChange={(e) => setField(c.index, (e.target.value || null) as ImportField | null)}
                  >
                    <option value="">{t('imp.field.none')}</option>
                    {IMPORT_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`imp.field.${f}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted" role="status">
          {preview.unmapped.length ? t('imp.unmapped', { list: preview.unmapped.join(', ') }) : t('imp.allMapped')}
        </p>
      </div>

      <div className="row-actions">
        <button type="button" className="btn btn-primary" disabled={busy} onClick={onNext}>
          {t('imp.check')}
        </button>
        <button type="button" className="btn btn-ghost" disabled={busy} onClick={onBack}>
          {t('imp.startOver')}
        </button>
      </div>
    </>
  );
}
