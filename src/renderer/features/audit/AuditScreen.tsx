import { Fragment, useState } from 'react';
import type { AuditRow } from '../../../shared/contract/audit';
import { useI18n } from '../../i18n';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { SelectField, TextField } from '../../ui/fields';
import { useApiPages } from '../../ui/query';
import { DateRangeFields, FilterBar } from '../../ui/ReportFrame';
import { Screen } from '../../ui/Screen';

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
  const { store } = useShell();
  const [draft, setDraft] = useState<Filters>({ action: '', entity: '', from: '', to: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const audit = useApiPages('audit', 'list', {
    limit: 50,
    ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
    ...(filters.entity ? { entity: filters.entity } : {}),
    ...(filters.from ? { from: new Date(`${filters.from}T00:00:00`).getTime() } : {}),
    ...(filters.to ? { to: new Date(`${filters.to}T23:59:59.999`).getTime() } : {}),
  });
  const rows = audit.rows ?? [];
  const loading = audit.fetching;

  const fmt = new Intl.DateTimeFormat(store?.locale ?? (lang === 'id' ? 'id-ID' : 'en-GB'), {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...(store?.timeZone ? { timeZone: store.timeZone } : {}),
  });

  const columns: Column<AuditRow>[] = [
    { key: 'when', header: t('audit.when'), className: 'nowrap', cell: (r) => fmt.format(new Date(r.at)) },
    { key: 'who', header: t('audit.who'), cell: (r) => r.actorName },
    { key: 'action', header: t('audit.action'), cell: (r) => <code>{breakAfterDots(r.action)}</code> },
    { key: 'entity', header: t('audit.entity'), cell: (r) => r.entity },
    {
      key: 'changes',
      header: t('audit.changes'),
      cell: (r) => (
        <>
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
        </>
      ),
    },
  ];

  return (
    <Screen headingId="h-audit" title={t('audit.title')}>
      <FilterBar className="card filters" onApply={() => setFilters({ ...draft })}>
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
        <DateRangeFields
          idPrefix="f"
          labels={[t('audit.from'), t('audit.to')]}
          value={draft}
          onChange={(v) => setDraft({ ...draft, ...v })}
        />
        <button type="submit" className="btn btn-primary">
          {t('audit.apply')}
        </button>
      </FilterBar>
      <div className="card table-wrap">
        <DataTable rows={rows} columns={columns} rowKey={(r) => r.id} className="audit-table" />
        {!loading && rows.length === 0 && <p className="muted empty-line">{t('audit.empty')}</p>}
        {audit.more && (
          <button type="button" className="btn" disabled={loading} onClick={() => audit.more?.()}>
            {t('audit.loadMore')}
          </button>
        )}
      </div>
    </Screen>
  );
}

/** An action's code ("staff.signIn") with a line break allowed after each dot, so it never breaks inside a word. */
function breakAfterDots(code: string) {
  return code.split('.').map((part, i, all) => (
    <Fragment key={all.slice(0, i + 1).join('.')}>
      {part}
      {i < all.length - 1 && (
        <>
          .<wbr />
        </>
      )}
    </Fragment>
  ));
}
