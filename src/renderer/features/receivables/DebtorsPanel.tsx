import type { DebtorRow } from '../../../shared/contract/debts';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import type { Column } from '../../ui/DataTable';
import { ExportButtons } from '../../ui/ExportButtons';
import { useApiPages, useApiQuery } from '../../ui/query';
import { useFilterValues } from '../../ui/ReportFrame';
import { blankFirst, namedOptions, rowOptions, SelectFields } from '../../ui/SelectFields';
import { DebtTable } from './DebtTable';
import { debtFormat } from './format';

type Sort = 'balance' | 'overdue' | 'oldestDue';
const SORTS: Sort[] = ['balance', 'overdue', 'oldestDue'];
type Overdue = 'any' | 'overdue' | 'd1_30' | 'd31_60' | 'd61_90' | 'over90' | 'credit';
const OVERDUE: Overdue[] = ['any', 'overdue', 'd1_30', 'd31_60', 'd61_90', 'over90', 'credit'];

const overdueLabel = (o: Overdue): MessageKey =>
  o === 'any'
    ? 'debt.filter.any'
    : o === 'overdue'
      ? 'debt.filter.overdueAny'
      : o === 'credit'
        ? 'debt.filter.credit'
        : (`debt.bucket.${o}` as MessageKey);

/** Everyone with a balance, sorted and filtered, a page at a time. */
export function DebtorsPanel({ onStatement }: { onStatement: (customerId: string) => void }) {
  const t = useT();
  const { store, can } = useShell();
  const f = debtFormat(store);
  const choice = useFilterValues({ sort: 'balance', overdue: 'any', categoryId: '', createdBy: '' });
  const { sort, overdue, categoryId, createdBy } = choice.values;
  const categories = useApiQuery('customers', 'categories', null).data ?? [];
  const staffList = useApiQuery('staff', 'list', null, { enabled: can('staff.view') }).data;
  const staff = (can('staff.view') ? (staffList ?? []) : []).map((x) => ({ id: x.id, name: x.name }));
  const filter = {
    sort: sort as Sort,
    overdue: overdue as Overdue,
    categoryId: categoryId || null,
    createdBy: createdBy || null,
  };
  const debtors = useApiPages('debts', 'debtors', { ...filter, limit: 50 });
  const rows = debtors.rows;
  const summary = { count: debtors.first?.count ?? 0, total: debtors.first?.total ?? 0 };

  const columns: Column<DebtorRow>[] = [
    { key: 'customer', header: t('debt.col.customer'), cell: (r) => r.name },
    {
      key: 'phone',
      header: t('debt.col.phone'),
      headerClassName: 'wide-only',
      className: 'mono wide-only',
      cell: (r) => r.phone ?? '',
    },
    {
      key: 'category',
      header: t('debt.col.category'),
      headerClassName: 'wide-only',
      className: 'wide-only',
      cell: (r) => r.category ?? '',
    },
    {
      key: 'balance',
      header: t('debt.col.balance'),
      num: true,
      className: (r) => (r.balance < 0 ? 'debt-credit' : undefined),
      cell: (r) => f.plain(r.balance),
    },
    {
      key: 'overdue',
      header: t('debt.col.overdue'),
      num: true,
      className: (r) => (r.overdue > 0 ? 'debt-owes' : undefined),
      cell: (r) => (r.overdue ? f.plain(r.overdue) : ''),
    },
    {
      key: 'oldestDue',
      header: t('debt.col.oldestDue'),
      className: 'nowrap',
      cell: (r) => (r.oldestDueAt === null ? '' : f.date(r.oldestDueAt)),
    },
    {
      key: 'limit',
      header: t('debt.col.limit'),
      num: true,
      cell: (r) => (r.creditLimit === null ? '' : f.plain(r.creditLimit)),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('debt.col.actions')}</span>,
      cell: (r) => (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => onStatement(r.id)}
          aria-label={`${t('debt.open')}: ${r.name}`}
        >
          {t('debt.open')}
        </button>
      ),
    },
  ];

  return (
    <div className="debt-panel">
      <div className="debt-filters">
        <SelectFields
          specs={[
            { key: 'sort', id: 'debt-sort', label: t('debt.sort'), options: namedOptions(t, 'debt.sort', SORTS) },
            {
              key: 'overdue',
              id: 'debt-overdue',
              label: t('debt.filter.overdue'),
              options: OVERDUE.map((o) => ({ value: o, label: t(overdueLabel(o)) })),
            },
            {
              key: 'categoryId',
              id: 'debt-category',
              label: t('debt.filter.category'),
              options: blankFirst(t('debt.filter.anyCategory'), rowOptions(categories)),
            },
            ...(staff.length > 0
              ? [
                  {
                    key: 'createdBy' as const,
                    id: 'debt-creator',
                    label: t('debt.filter.creator'),
                    options: blankFirst(t('debt.filter.anyone'), rowOptions(staff)),
                  },
                ]
              : []),
          ]}
          {...choice}
        />
      </div>
      <div className="debt-bar">
        <p className="debt-summary" data-testid="debtors-summary">
          {t('debt.summary', { count: summary.count, total: f.money(summary.total) })}
        </p>
        <ExportButtons
          label={t('debt.export')}
          fetchFile={(format) =>
            api.debts.export({
              what: 'debtors',
              format,
              filter,
            })
          }
        />
      </div>
      <DebtTable tab="debtors" rows={rows} columns={columns} rowKey={(r) => r.id} empty={t('debt.none')} />
      {debtors.more && (
        <button type="button" className="btn" onClick={debtors.more}>
          {t('debt.more')}
        </button>
      )}
    </div>
  );
}
