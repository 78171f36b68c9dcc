import { useCallback, useEffect, useState } from 'react';
import type { Category } from '../../../shared/contract/customers';
import type { DebtorRow } from '../../../shared/contract/debts';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { ExportButtons } from '../../ui/ExportButtons';
import { debtFormat } from './format';

type Sort = 'balance' | 'overdue' | 'oldestDue';
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
  const { onError, store, can } = useShell();
  const f = debtFormat(store);
  const [sort, setSort] = useState<Sort>('balance');
  const [overdue, setOverdue] = useState<Overdue>('any');
  const [categoryId, setCategoryId] = useState('');
  const [createdBy, setCreatedBy] = useState('');
  const [categories, setCategories] = useState<Category[]>([]);
  const [staff, setStaff] = useState<Array<{ id: string; name: string }>>([]);
  const [rows, setRows] = useState<DebtorRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [summary, setSummary] = useState({ count: 0, total: 0 });

  useEffect(() => {
    api.customers.categories(null).then(setCategories).catch(onError);
    if (can('staff.view'))
      api.staff
        .list(null)
        .then((s) => setStaff(s.map((x) => ({ id: x.id, name: x.name }))))
        .catch(onError);
  }, [onError, can]);

  const query = useCallback(
    (cursor?: string) =>
      api.debts.debtors({
        sort,
        overdue,
        categoryId: categoryId || null,
        createdBy: createdBy || null,
        cursor,
        limit: 50,
      }),
    [sort, overdue, categoryId, createdBy],
  );

  useEffect(() => {
    let live = true;
    query()
      .then((p) => {
        if (!live) return;
        setRows(p.rows);
        setNext(p.nextCursor);
        setSummary({ count: p.count, total: p.total });
      })
      .catch(onError);
    return () => {
      live = false;
    };
  }, [query, onError]);

  const more = async () => {
    if (!next) return;
    try {
      const p = await query(next);
      setRows((r) => [...(r ?? []), ...p.rows]);
      setNext(p.nextCursor);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <div className="debt-panel">
      <div className="debt-filters">
        <div className="field">
          <label htmlFor="debt-sort">{t('debt.sort')}</label>
          <select id="debt-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            {(['balance', 'overdue', 'oldestDue'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`debt.sort.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="debt-overdue">{t('debt.filter.overdue')}</label>
          <select id="debt-overdue" value={overdue} onChange={(e) => setOverdue(e.target.value as Overdue)}>
            {OVERDUE.map((o) => (
              <option key={o} value={o}>
                {t(overdueLabel(o))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="debt-category">{t('debt.filter.category')}</label>
          <select id="debt-category" value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">{t('debt.filter.anyCategory')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {staff.length > 0 && (
          <div className="field">
            <label htmlFor="debt-creator">{t('debt.filter.creator')}</label>
            <select id="debt-creator" value={createdBy} onChange={(e) => setCreatedBy(e.target.value)}>
              <option value="">{t('debt.filter.anyone')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
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
              filter: { sort, overdue, categoryId: categoryId || null, createdBy: createdBy || null },
            })
          }
        />
      </div>
      {rows && rows.length === 0 && <p className="muted">{t('debt.none')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label={t('debt.tab.debtors')}>
            <thead>
              <tr>
                <th scope="col">{t('debt.col.customer')}</th>
                <th scope="col" className="wide-only">
                  {t('debt.col.phone')}
                </th>
                <th scope="col" className="wide-only">
                  {t('debt.col.category')}
                </th>
                <th scope="col" className="num">
                  {t('debt.col.balance')}
                </th>
                <th scope="col" className="num">
                  {t('debt.col.overdue')}
                </th>
                <th scope="col">{t('debt.col.oldestDue')}</th>
                <th scope="col" className="num">
                  {t('debt.col.limit')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('debt.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td className="mono wide-only">{r.phone ?? ''}</td>
                  <td className="wide-only">{r.category ?? ''}</td>
                  <td className={r.balance < 0 ? 'num debt-credit' : 'num'}>{f.plain(r.balance)}</td>
                  <td className={r.overdue > 0 ? 'num debt-owes' : 'num'}>{r.overdue ? f.plain(r.overdue) : ''}</td>
                  <td className="nowrap">{r.oldestDueAt === null ? '' : f.date(r.oldestDueAt)}</td>
                  <td className="num">{r.creditLimit === null ? '' : f.plain(r.creditLimit)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-sm"
                      onClick={() => onStatement(r.id)}
                      aria-label={`${t('debt.open')}: ${r.name}`}
                    >
                      {t('debt.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <button type="button" className="btn" onClick={() => void more()}>
          {t('debt.more')}
        </button>
      )}
    </div>
  );
}
