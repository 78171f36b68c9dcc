import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type Category, CUSTOMER_TYPES, type CustomerListRow, SEARCH_SORTS } from '../../../shared/contract/customers';
import { formatMoney } from '../../../shared/money';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { SearchField } from '../../ui/fields';
import { blankFirst, namedOptions, rowOptions, SelectFields } from '../../ui/SelectFields';
import { CategoriesPanel } from './CategoriesPanel';
import { ExportPanel } from './ExportPanel';
import { type ListQuery, queryFilters } from './list-query';
import { MoreFilters } from './MoreFilters';

export { DEFAULT_QUERY, type ListQuery, queryFilters } from './list-query';

export const NEW_SHORTCUT = 'F2';
const PAGE = 50;
const STATUSES = ['active', 'inactive', 'merged', 'any'] as const;

const ROW_HEIGHT = 64;
const DEBOUNCE_MS = 150;

/** The list's columns; those with a sort are headers that sort the list when pressed. */
const LIST_COLUMNS: Array<{ key: string; label: MessageKey; sort?: ListQuery['sort']; numeric?: boolean }> = [
  { key: 'name', label: 'cust.sort.name', sort: 'name' },
  { key: 'contact', label: 'cust.col.phone' },
  { key: 'category', label: 'cust.category' },
  { key: 'status', label: 'cust.status' },
  { key: 'visit', label: 'cust.sort.lastActivity', sort: 'lastActivity' },
  { key: 'balance', label: 'cust.sort.balance', sort: 'balance', numeric: true },
  { key: 'points', label: 'cust.sort.points', sort: 'points', numeric: true },
  { key: 'spent', label: 'cust.sort.totalSpent', sort: 'totalSpent', numeric: true },
];

export function StatusPill({ status }: { status: CustomerListRow['status'] }) {
  const t = useT();
  return (
    <span className={`pill ${status === 'active' ? 'pill-ok' : 'pill-off'}`}>
      {t(`cust.status.${status}` as MessageKey)}
    </span>
  );
}

export function CustomerList({
  query,
  setQuery,
  categories,
  onOpen,
  onNew,
  actions,
  onCategoriesChange,
}: {
  /** the category list after the shop changed it here */
  onCategoriesChange?: (list: Category[]) => void;
  /** more buttons for the heading (e.g. categories, import) */
  actions?: ReactNode;
  query: ListQuery;
  setQuery: (q: ListQuery) => void;
  categories: Category[];
  onOpen: (id: string) => void;
  onNew?: () => void;
}) {
  const t = useT();
  const { onError, can, store } = useShell();
  const locale = store?.locale;
  const money = (n: number) => formatMoney(n, store?.currency ?? 'UGX', locale);
  const [panel, setPanel] = useState<'export' | 'categories' | null>(null);
  const toggle = (p: 'export' | 'categories') => setPanel((x) => (x === p ? null : p));
  const [rows, setRows] = useState<CustomerListRow[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [sel, setSel] = useState(0);
  const seq = useRef(0);
  const loadingMore = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  const params = useMemo(
    () => ({
      ...queryFilters(query),
      status: query.status,
      sort: query.sort,
      direction: query.sort === 'name' ? ('asc' as const) : ('desc' as const),
      limit: PAGE,
    }),
    [query],
  );

  // Results as you type: one request per pause, answers to older requests are dropped.
  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    const timer = setTimeout(() => {
      api.customers
        .search(params)
        .then((page) => {
          if (mine !== seq.current) return;
          setRows(page.rows);
          setNext(page.nextCursor);
          setSel(0);
          scrollRef.current?.scrollTo({ top: 0 });
        })
        .catch(onError)
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [params, onError]);

  const loadMore = useCallback(() => {
    if (!next || loadingMore.current) return;
    loadingMore.current = true;
    const mine = seq.current;
    api.customers
      .search({ ...params, cursor: next })
      .then((page) => {
        if (mine !== seq.current) return;
        setRows((r) => [...r, ...page.rows]);
        setNext(page.nextCursor);
      })
      .catch(onError)
      .finally(() => {
        loadingMore.current = false;
      });
  }, [next, params, onError]);

  const virt = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    useFlushSync: false,
  });
  const items = virt.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (rows.length && lastShown >= rows.length - 10) loadMore();
  }, [lastShown, rows.length, loadMore]);

  const move = (to: number) => {
    if (!rows.length) return;
    const i = Math.max(0, Math.min(rows.length - 1, to));
    setSel(i);
    virt.scrollToIndex(i, { align: 'auto' });
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
    if (e.key === 'ArrowDown') move(sel + 1);
    else if (e.key === 'ArrowUp') move(sel - 1);
    else if (e.key === 'PageDown') move(sel + page);
    else if (e.key === 'PageUp') move(sel - page);
    else if (e.key === 'Enter') {
      const row = rows[sel];
      if (row) onOpen(row.id);
    } else return;
    e.preventDefault();
  };

  const set =
    <K extends keyof ListQuery>(k: K) =>
    (v: ListQuery[K]) =>
      setQuery({ ...query, [k]: v });
  const bind = <K extends keyof ListQuery>(k: K) => ({ value: query[k], onChange: set(k) });
  const named = (prefix: string, values: readonly string[]) => namedOptions(t, prefix, values);
  const selected = rows[sel];

  return (
    <section className="section cust-section" aria-labelledby="h-customers">
      <div className="section-head">
        <h1 id="h-customers" tabIndex={-1}>
          {t('cust.title')}
        </h1>
        <div className="row-actions head-actions">
          {actions}
          {onCategoriesChange && can('settings.edit') && (
            <button
              type="button"
              className="btn"
              aria-expanded={panel === 'categories'}
              onClick={() => toggle('categories')}
            >
              {t('cust.cat.open')}
            </button>
          )}
          {can('customers.export') && (
            <button type="button" className="btn" aria-expanded={panel === 'export'} onClick={() => toggle('export')}>
              {t('cust.export')}
            </button>
          )}
          {onNew && (
            <button type="button" className="btn btn-primary" onClick={onNew} aria-keyshortcuts={NEW_SHORTCUT}>
              {t('cust.new')} <kbd>{NEW_SHORTCUT}</kbd>
            </button>
          )}
        </div>
      </div>
      {panel === 'export' && <ExportPanel query={query} onClose={() => setPanel(null)} />}
      {panel === 'categories' && onCategoriesChange && (
        <CategoriesPanel categories={categories} onChange={onCategoriesChange} onClose={() => setPanel(null)} />
      )}
      <div className="card cust-filters">
        <SearchField
          id="cust-search"
          label={t('cust.search')}
          className="cust-search"
          autoFocus
          role="combobox"
          aria-expanded={rows.length > 0}
          aria-controls="cust-listbox"
          aria-autocomplete="list"
          aria-activedescendant={selected ? `cust-opt-${selected.id}` : undefined}
          aria-describedby="cust-search-hint"
          {...bind('text')}
          onKeyDown={onKey}
        >
          <span id="cust-search-hint" className="hint">
            {t('cust.searchHint')}
          </span>
        </SearchField>
        <SelectFields
          specs={[
            { key: 'status', id: 'cust-status', label: t('cust.status'), options: named('cust.status', STATUSES) },
            {
              key: 'type',
              id: 'cust-type',
              label: t('cust.type'),
              options: blankFirst(t('cust.type.any'), named('cust.type', CUSTOMER_TYPES)),
            },
            {
              key: 'categoryId',
              id: 'cust-category',
              label: t('cust.category'),
              options: blankFirst(t('cust.category.any'), rowOptions(categories)),
            },
            { key: 'sort', id: 'cust-sort', label: t('cust.sort'), options: named('cust.sort', SEARCH_SORTS) },
          ]}
          values={query}
          onChange={(k, v) => setQuery({ ...query, [k]: v })}
        />
        <MoreFilters query={query} setQuery={setQuery} />
      </div>
      <div className="card cust-list-card">
        <div className="cust-row cust-head">
          {LIST_COLUMNS.map((col) =>
            col.sort ? (
              <button
                key={col.key}
                type="button"
                className={`cust-sort-head${col.numeric ? ' num' : ''}`}
                aria-pressed={query.sort === col.sort}
                onClick={() => setQuery({ ...query, sort: col.sort as ListQuery['sort'] })}
              >
                {t(col.label)}
                {query.sort === col.sort && <span aria-hidden="true">{col.sort === 'name' ? ' ▲' : ' ▼'}</span>}
              </button>
            ) : (
              <span key={col.key} aria-hidden="true">
                {t(col.label)}
              </span>
            ),
          )}
        </div>
        <div className="cust-scroll" ref={scrollRef}>
          {rows.length === 0 && !loading ? (
            <p className="muted empty-line">{t('cust.empty', { key: NEW_SHORTCUT })}</p>
          ) : (
            <div
              id="cust-listbox"
              role="listbox"
              aria-label={t('cust.list')}
              className="cust-listbox"
              style={{ height: virt.getTotalSize() }}
            >
              {items.map((it) => {
                const r = rows[it.index] as CustomerListRow;
                return (
                  <div
                    key={r.id}
                    id={`cust-opt-${r.id}`}
                    role="option"
                    tabIndex={-1}
                    aria-selected={it.index === sel}
                    aria-setsize={next ? -1 : rows.length}
                    aria-posinset={it.index + 1}
                    className={`cust-row cust-option${r.status === 'active' ? '' : ' row-inactive'}`}
                    style={{ transform: `translateY(${it.start}px)`, height: ROW_HEIGHT }}
                    onClick={() => onOpen(r.id)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') onOpen(r.id);
                    }}
                    onMouseEnter={() => setSel(it.index)}
                  >
                    <span className="cust-name">
                      <strong title={r.displayName}>{r.displayName}</strong>
                      {(r.companyName || r.cardNo) && (
                        <span className="muted cust-sub">
                          {r.companyName && (r.companyName === r.displayName ? t('cust.type.business') : r.companyName)}
                          {r.companyName && r.cardNo && ' · '}
                          {r.cardNo && <span className="mono">{r.cardNo}</span>}
                        </span>
                      )}
                    </span>
                    <span className="cust-name">
                      <span className="nowrap">{r.phone ?? ''}</span>
                      {r.email && (
                        <span className="muted cust-sub cust-ellipsis" title={r.email}>
                          {r.email}
                        </span>
                      )}
                    </span>
                    <span>{r.categoryName ?? ''}</span>
                    <span>
                      <StatusPill status={r.status} />
                    </span>
                    <span className="nowrap">
                      {r.lastActivityAt ? new Date(r.lastActivityAt).toLocaleDateString(locale) : ''}
                    </span>
                    <span className={`num nowrap${r.balance > 0 ? ' owes' : ''}`}>
                      {r.balance ? money(r.balance) : ''}
                    </span>
                    <span className="num nowrap">{r.pointsBalance || ''}</span>
                    <span className="num nowrap">{r.totalSpent ? money(r.totalSpent) : ''}</span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
        <p className="muted cust-count" aria-live="polite">
          {loading
            ? t('cust.loading')
            : next
              ? t('cust.more', { n: rows.length })
              : t('cust.count', { n: rows.length })}
        </p>
      </div>
    </section>
  );
}
