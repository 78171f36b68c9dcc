import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { type Column, DataTable } from '../../ui/DataTable';
import type { PricingRule } from './useRulesList';

/**
 * The card a pricing list screen shows: its heading with the New button, a line when there are none, and a table with
 * the caller's columns followed by the status pill and Edit / (extra) / Delete per row.
 */
export function RulesListPanel<R extends PricingRule>({
  headingId,
  title,
  newLabel,
  emptyText,
  rules,
  columns,
  extraActions,
  onNew,
  onEdit,
  onDelete,
}: {
  headingId: string;
  title: string;
  newLabel: string;
  emptyText: string;
  /** null while loading: neither the empty line nor the table shows */
  rules: R[] | null;
  /** the columns before Status */
  columns: Column<R>[];
  /** buttons between Edit and Delete */
  extraActions?: (r: R) => ReactNode;
  onNew: () => void;
  onEdit: (r: R) => void;
  onDelete: (r: R) => void;
}) {
  const t = useT();
  return (
    <div className="card">
      <div className="section-head">
        <h2 id={headingId}>{title}</h2>
        <div className="row-actions">
          <button type="button" className="btn btn-primary" onClick={onNew}>
            {newLabel}
          </button>
        </div>
      </div>
      <DataTable
        rows={rules}
        columns={[
          ...columns,
          {
            key: 'status',
            header: t('pr.status'),
            cell: (r) => (
              <span className={`pill ${r.active ? 'pill-ok' : 'pill-off'}`}>
                {r.active ? t('pr.active') : t('pr.inactive')}
              </span>
            ),
          },
          {
            key: 'actions',
            header: <span className="sr-only">{t('pr.actions')}</span>,
            cell: (r) => (
              <div className="row-actions">
                <RowButton label={t('common.edit')} name={r.name} onClick={() => onEdit(r)} />
                {extraActions?.(r)}
                <RowButton label={t('pr.delete')} name={r.name} danger onClick={() => onDelete(r)} />
              </div>
            ),
          },
        ]}
        rowKey={(r) => r.id}
        labelledBy={headingId}
        empty={emptyText}
        rowClassName={(r) => (r.active ? undefined : 'row-inactive')}
      />
    </div>
  );
}

/** A row's small button; the rule's name is there for a screen reader (and getByRole) to tell the rows apart. */
export function RowButton({
  label,
  name,
  danger,
  onClick,
}: {
  label: string;
  name: string;
  danger?: boolean;
  onClick: () => void;
}) {
  return (
    <button type="button" className={danger ? 'btn btn-sm btn-danger' : 'btn btn-sm'} onClick={onClick}>
      {label}
      <span className="sr-only"> {name}</span>
    </button>
  );
}
