import { useState } from 'react';
import {
  type CustomerExportFilter,
  EXPORT_FIELDS,
  EXPORT_FORMATS,
  type ExportField,
  type ExportFormat,
} from '../../../shared/contract/customers';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import { EscButton, InlineError } from '../../ui/DialogParts';
import { closeOnEscape } from '../../ui/escape';
import { RadioGroup } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';
import { namedOptions } from '../../ui/SelectFields';
import { useToast } from '../../ui/toast';
import { type ListQuery, queryFilters } from './list-query';

/** What most shops want in a list they hand to someone: names and how to reach them. */
const DEFAULT_FIELDS: ExportField[] = ['code', 'displayName', 'companyName', 'phone', 'email', 'category', 'status'];

/** The list's filters as the export's filter; the list's "All" means active and inactive, never merged tombstones. */
export function exportFilterOf(q: ListQuery): Partial<CustomerExportFilter> {
  return { ...queryFilters(q), status: q.status === 'any' ? 'all' : q.status };
}

/** Export all customers, or the list as filtered now, to xlsx/csv/pdf with the chosen columns. */
export function ExportPanel({ query, onClose }: { query: ListQuery; onClose: () => void }) {
  const t = useT();
  const toast = useToast();
  const { onError } = useShell();
  const [scope, setScope] = useState<'all' | 'filtered'>('filtered');
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [fields, setFields] = useState<Set<ExportField>>(() => new Set(DEFAULT_FIELDS));
  const [busy, setBusy] = useState(false);
  const filter = scope === 'all' ? ({ status: 'all' } as const) : exportFilterOf(query);
  // how many people's data leaves the shop in this file, said before it is made
  const count = useApiQuery('customers', 'exportCount', { filter });

  const toggle = (f: ExportField) =>
    setFields((s) => {
      const next = new Set(s);
      if (next.has(f)) next.delete(f);
      else next.add(f);
      return next;
    });

  const run = async () => {
    setBusy(true);
    try {
      const file = await api.customers.export({
        format,
        fields: EXPORT_FIELDS.filter((f) => fields.has(f)),
        filter,
      });
      downloadBase64(file.fileName, file.mimeType, file.base64);
      toast.success(t('cust.export.done', { n: file.rows, file: file.fileName }));
      onClose();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card export-panel" role="dialog" aria-labelledby="h-export" onKeyDown={closeOnEscape(onClose)}>
      <h2 id="h-export">{t('cust.export.title')}</h2>
      <div className="export-grid">
        <RadioGroup
          legend={t('cust.export.which')}
          options={namedOptions(t, 'cust.export.scope', ['filtered', 'all'] as const)}
          value={scope}
          onChange={setScope}
          autoFocus="filtered"
        />
        <RadioGroup
          legend={t('cust.export.format')}
          options={namedOptions(t, 'cust.export.format', EXPORT_FORMATS)}
          value={format}
          onChange={setFormat}
        />
      </div>
      <fieldset className="plain">
        <legend>
          {t('cust.export.fields')}{' '}
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setFields(new Set(EXPORT_FIELDS))}>
            {t('cust.export.allFields')}
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setFields(new Set())}>
            {t('cust.export.noFields')}
          </button>
        </legend>
        <div className="export-fields">
          {EXPORT_FIELDS.map((f) => (
            <label key={f} className="radio-line">
              <input type="checkbox" checked={fields.has(f)} onChange={() => toggle(f)} />
              {t(`cust.field.${f}` as MessageKey)}
            </label>
          ))}
        </div>
      </fieldset>
      {count.data && (
        <p className="notice" role="status">
          {t('cust.export.leaves', { n: count.data.customers })}
        </p>
      )}
      <InlineError error={fields.size === 0 && t('cust.export.pickField')} />
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || fields.size === 0}
          onClick={() => void run()}
        >
          {busy ? t('cust.export.working') : t('cust.export.go')}
        </button>
        <EscButton label={t('common.cancel')} onClick={onClose} />
      </div>
    </div>
  );
}
