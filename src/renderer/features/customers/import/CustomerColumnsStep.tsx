import {
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  IMPORT_FIELDS,
  IMPORT_PRESETS,
  type ImportField,
  type ImportPreview,
} from '../../../../shared/contract/customer-import';
import { type MessageKey, useT } from '../../../i18n';
import { namedOptions } from '../../../ui/SelectFields';
import { ColumnsStep } from '../../import/ColumnsStep';
import type { Choice } from './ImportWizard';

/**
 * Step 2 for a customer file: beside the sheet and header row, a text file's delimiter and encoding and the preset
 * of the till the file came from; every customer field can take a column, and none has to.
 */
export function CustomerColumnsStep({
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
  return (
    <ColumnsStep<ImportField, Choice>
      idPrefix="imp"
      fileName={fileName}
      preview={preview}
      choice={choice}
      fields={namedOptions(t, 'imp.field', IMPORT_FIELDS)}
      busy={busy}
      layout={(relayout) => (
        <>
          {preview.kind === 'text' && (
            <>
              <LayoutSelect
                id="imp-delimiter"
                label={t('imp.delimiter')}
                value={preview.delimiter ?? ','}
                options={IMPORT_DELIMITERS}
                optionKey={(d) => `imp.delimiter.${d}`}
                busy={busy}
                onChange={(delimiter) => relayout({ delimiter })}
              />
              <LayoutSelect
                id="imp-encoding"
                label={t('imp.encoding')}
                value={preview.encoding ?? 'utf-8'}
                options={IMPORT_ENCODINGS}
                optionKey={(e) => `imp.encoding.${e}`}
                busy={busy}
                onChange={(encoding) => relayout({ encoding })}
              />
            </>
          )}
          <LayoutSelect
            id="imp-preset"
            label={t('imp.preset')}
            value={preview.preset}
            options={IMPORT_PRESETS}
            optionKey={(p) => `imp.preset.${p}`}
            busy={busy}
            onChange={(preset) => relayout({ preset })}
          />
        </>
      )}
      rowsText={t('imp.rows', { n: preview.rows })}
      mappingNote={
        <p className="muted" role="status">
          {preview.unmapped.length ? t('imp.unmapped', { list: preview.unmapped.join(', ') }) : t('imp.allMapped')}
        </p>
      }
      canCheck
      onChoice={onChoice}
      onBack={onBack}
      onNext={onNext}
    />
  );
}

/** One of a customer file's layout settings, its choices named in the wizard's words. */
function LayoutSelect<V extends string>({
  id,
  label,
  value,
  options,
  optionKey,
  busy,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly V[];
  optionKey: (v: V) => string;
  busy: boolean;
  onChange: (v: V) => void;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={busy} onChange={(e) => onChange(e.target.value as V)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(optionKey(o) as MessageKey)}
          </option>
        ))}
      </select>
    </div>
  );
}
