import type { ReactNode } from 'react';
import { useT } from '../../i18n';
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
  headers,
  cells,
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
  /** the <th>s before Status */
  headers: ReactNode;
  /** the <td>s before Status */
  cells: (r: R) => ReactNode;
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
      {rules && rules.length === 0 && <p className="muted">{emptyText}</p>}
      {rules && rules.length > 0 && (
        <table className="table" aria-labelledby={headingId}>
          <thead>
            <tr>
              {headers}
              <th scope="col">{t('pr.status')}</th>
              <th scope="col">
                <span className="sr-only">{t('pr.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} className={r.active ? '' : 'row-inactive'}>
                {cells(r)}
                <td>
                  <span className={`pill ${r.active ? 'pill-ok' : 'pill-off'}`}>
                    {r.active ? t('pr.active') : t('pr.inactive')}
                  </span>
                </td>
                <td>
                  <div className="row-actions">
                    <RowButton label={t('common.edit')} name={r.name} onClick={() => onEdit(r)} />
                    {extraActions?.(r)}
                    <RowButton label={t('pr.delete')} name={r.name} danger onClick={() => onDelete(r)} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
