import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { AuditRow } from '../../../shared/contract/audit';
import { useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { SelectField, TextField } from '../../ui/fields';

const KNOWN_ACTIONS = [
  'customer.view',
  'customer.dataExport',
  'customers.export',
  'statement.pdf',
  'statement.print',
  'staff.signIn',
  'staff.signInFailed',
  'staff.signInRefused',
  'staff.unlock',
  'staff.signOut',
  'staff.create',
  'staff.update',
  'settings.create',
  'settings.update',
  'taxRate.create',
  'taxRate.update',
];
const ENTITIES = ['staff', 'settings', 'taxRate', 'customer', 'privacy', 'report'];

interface Filters {
  action: string;
  entity: string;
  from: string;
  to: string;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export function AuditScreen() {
  const { t, lang } = useI18n();
  const { onError, store } = useShell();
  const [draft, setDraft] = useState<Filters>({ action: '', entity: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const fetchPage = useCallback(
    async (f: Filters, after: string | null) => {
      setLoading(true);
      try {
        const page = await api.audit.list({
          limit: 50,
          ...(f.action.trim() ? { action: f.action.trim() } : {}),
          ...(f.entity ? { entity: f.entity } : {}),
          ...(f.from ? { from: new Date(`${f.from}T00:00:00`).getTime() } : {}),
          ...(f.to ? { to: new Date(`${f.to}T23:59:59.999`).getTime() } : {}),
          ...(after ? { cursor: after } : {}),
        });
        setRows((prev) => (after ? [...prev, ...page.rows] : page.rows));
        setCursor(page.nextCursor);
      } catch (err) {
        onError(err);
      } finally {
        setLoading(false);
      }
    },
    [onError],
  );

  useEffect(() => {
    void fetchPage(filters, null);
  }, [filters, fetchPage]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };

  const fmt = new Intl.DateTimeFormat(store?.locale ?? (lang === 'id' ? 'id-ID' : 'en-GB'), {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...(store?.timeZone ? { timeZone: store.timeZone } : {}),
  });

  return (
    <section className="section" aria-labelledby="h-audit">
      <h1 id="h-audit" tabIndex={-1}>
        {t('audit.title')}
      </h1>
      <form className="card filters" onSubmit={apply}>
        <TextField
          id="f-action"
          label={t('audit.filterAction')}
          list="audit-actions"
          value={draft.action}
          onChange={(v) => setDraft({ ...draft, action: v })}
        >
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </TextField>
        <SelectField
          id="f-entity"
          label={t('audit.filterEntity')}
          value={draft.entity}
          onChange={(v) => setDraft({ ...draft, entity: v })}
          options={[{ value: '', label: t('audit.any') }, ...ENTITIES.map((en) => ({ value: en, label: en }))]}
        />
        <TextField
          id="f-from"
          label={t('audit.from')}
          type="date"
          value={draft.from}
          onChange={(v) => setDraft({ ...draft, from: v })}
        />
        <TextField
          id="f-to"
          label={t('audit.to')}
          type="date"
          value={draft.to}
          onChange={(v) => setDraft({ ...draft, to: v })}
        />
        <button type="submit" className="btn btn-primary">
          {t('audit.apply')}
        </button>
      </form>
      <div className="card table-wrap">
        <table className="table audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">{fmt.format(new Date(r.at))}</td>
                <td>{r.actorName}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>{r.entity}</td>
                <td>
                  {r.changes.length > 0 && (
                    <ul className="changes">
                      {r.changes.map((c, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: changes have no id and never reorder
                        <li key={i}>
                          <strong>{c.field}</strong>: {show(c.before)} → {show(c.after)}
                        </li>
                      ))}
                    </ul>
                  )}
                  {r.note && <span className="muted">{r.note}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && rows.length === 0 && <p className="muted empty-line">{t('audit.empty')}</p>}
        {cursor && (
          <button type="button" className="btn" disabled={loading} onClick={() => void fetchPage(filters, cursor)}>
            {t('audit.loadMore')}
          </button>
        )}
      </div>
    </section>
  );
}
