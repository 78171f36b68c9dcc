import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { ExportButtons, type FetchFile } from './ExportButtons';
import './table.css';

/**
 * One column: its header, what a row shows in it, and how it lines up. `num` columns (money, counts, dates in
 * figures) are right-aligned with tabular figures; the caller formats them with the shop's `shopFormat`.
 */
export type Column<R> = {
  key: string;
  header: ReactNode;
  cell: (row: R) => ReactNode;
  num?: boolean;
  /** the header cell's class (besides `num`), e.g. `wide-only` */
  headerClassName?: string;
  /** the body cell's class (besides `num`); a function for classes that follow the value */
  className?: string | ((row: R) => string | undefined);
  /** a hover text for the body cell (e.g. the full file name behind a short label) */
  title?: (row: R) => string;
  /** makes the header a button that sorts by this column (aria-sort says which way) */
  sort?: (a: R, b: R) => number;
  /** leave the column out (e.g. actions a cashier may not take) */
  hidden?: boolean;
};

/**
 * A row of figures that is not a data row (a total, an opening or closing balance): its label in a `th` under the
 * column `labelAt` (the first by default), empty cells before it, then the given cells by column key.
 */
export type SummaryRow = {
  label: ReactNode;
  labelAt?: string;
  cells?: Partial<Record<string, ReactNode>>;
  testId?: string;
  className?: string;
  /** the figures in `th` cells too (a table foot of totals, styled as the header) */
  cellsAsHeaders?: boolean;
};

/**
 * The `<thead>` of a table written by hand (one whose cells hold inputs or several parts): one row of column heads;
 * the heads at the `num` positions line up with figures, those at `srOnly` are read out but not shown.
 */
export function TableHead({
  cells,
  num = [],
  srOnly = [],
}: {
  cells: readonly ReactNode[];
  num?: readonly number[];
  srOnly?: readonly number[];
}) {
  return (
    <thead>
      <tr>
        {cells.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the heads are fixed, a head is its position
          <th key={i} scope="col" className={num.includes(i) ? 'num' : undefined}>
            {srOnly.includes(i) ? <span className="sr-only">{c}</span> : c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** What a `DataTable` is given: its rows and columns, and the states and extras it may show. */
export type DataTableProps<R> = {
  /** `undefined`/`null` while loading */
  rows: readonly R[] | null | undefined;
  columns: readonly Column<R>[];
  rowKey: (row: R) => string;
  /** the table's accessible name, or the id of the heading that gives it */
  label?: string;
  labelledBy?: string;
  className?: string;
  /** inside a horizontally scrolling `.table-wrap` */
  wrap?: boolean;
  /** shown instead of the table when there are no rows (a muted line) */
  empty?: ReactNode;
  loading?: ReactNode;
  /** a failure to show in place of the table (the toast has said why already) */
  error?: ReactNode;
  /** summary rows first in the body (e.g. the totals), and last (e.g. a closing balance) */
  head?: readonly SummaryRow[];
  foot?: readonly SummaryRow[];
  /** where the foot rows go: last in the body, in a `<tfoot>`, or in a `<tfoot>` that stays in sight */
  footIn?: 'tbody' | 'tfoot' | 'sticky';
  /** with no rows, a line inside the table (under the head rows) instead of the `empty` line in place of it */
  emptyRow?: ReactNode;
  rowClassName?: (row: R) => string | undefined;
  onRowActivate?: (row: R) => void;
  /** virtualise when there are more rows than this, inside a box this many pixels high */
  virtual?: { above: number; height: number; rowHeight: number };
  exportFile?: { label: string; fetchFile: FetchFile };
};

type SortState = { key: string; dir: 'ascending' | 'descending' } | null;

const join = (...c: Array<string | false | undefined | null>) => c.filter(Boolean).join(' ') || undefined;

/**
 * A list as a table: the same `<table class="table">` markup every screen had, with a column config instead of
 * hand-written `<th>`/`<td>` rows. Optional, each off unless asked for: sortable headers, keyboard row navigation
 * (↑ ↓ Home End, Enter), a totals row (first in the body, or sticky at the foot), an export group, and
 * virtualised rows for long lists.
 */
export function DataTable<R>({
  rows,
  columns,
  wrap = false,
  empty,
  loading,
  error,
  footIn = 'tbody',
  virtual,
  exportFile,
  ...pass
}: DataTableProps<R>) {
  const shown = columns.filter((c) => !c.hidden);
  const [sort, setSort] = useState<SortState>(null);
  const sorted = useMemo(() => {
    if (!rows || !sort) return rows;
    const col = shown.find((c) => c.key === sort.key);
    if (!col?.sort) return rows;
    const by = col.sort;
    const out = [...rows].sort(by);
    return sort.dir === 'descending' ? out.reverse() : out;
  }, [rows, sort, shown]);

  const exportGroup = exportFile && <ExportButtons label={exportFile.label} fetchFile={exportFile.fetchFile} />;
  if (error)
    return (
      <p className="muted" role="alert">
        {error}
      </p>
    );
  if (!sorted) return loading ? <p className="muted">{loading}</p> : null;
  if (sorted.length === 0 && empty !== undefined && pass.emptyRow === undefined)
    return (
      <>
        {exportGroup}
        <p className="muted">{empty}</p>
      </>
    );

  const table = (
    <Table
      {...pass}
      rows={sorted}
      columns={shown}
      sort={sort}
      onSort={setSort}
      footIn={footIn}
      virtual={virtual && sorted.length > virtual.above ? virtual : undefined}
    />
  );
  return (
    <>
      {exportGroup}
      {wrap || virtual ? <div className="table-wrap">{table}</div> : table}
    </>
  );
}

/** What the table itself is given: the rows as sorted, the sort state, and virtual rows only when it is on. */
type TableProps<R> = Omit<
  DataTableProps<R>,
  'rows' | 'wrap' | 'empty' | 'loading' | 'error' | 'exportFile' | 'virtual'
> & {
  rows: readonly R[];
  sort: SortState;
  onSort: (s: SortState) => void;
  footIn: NonNullable<DataTableProps<R>['footIn']>;
  virtual: { height: number; rowHeight: number } | undefined;
};

function Table<R>({
  rows,
  columns,
  rowKey,
  label,
  labelledBy,
  className,
  sort,
  onSort,
  head,
  foot,
  footIn,
  emptyRow,
  rowClassName,
  onRowActivate,
  virtual,
}: TableProps<R>) {
  const box = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => box.current,
    estimateSize: () => virtual?.rowHeight ?? 40,
    overscan: 10,
  });

  const summary = (r: SummaryRow, i: number) => {
    const at = Math.max(
      0,
      columns.findIndex((c) => c.key === r.labelAt),
    );
    return (
      <tr key={i} className={join(r.className, footIn === 'sticky' && 'table-totals-sticky')} data-testid={r.testId}>
        {columns.map((c, n) =>
          n === at ? (
            <th key={c.key} scope="row">
              {r.label}
            </th>
          ) : r.cellsAsHeaders ? (
            <th key={c.key} className={c.num && n > at ? 'num' : undefined}>
              {r.cells?.[c.key]}
            </th>
          ) : (
            <td key={c.key} className={c.num && n > at ? 'num' : undefined}>
              {r.cells?.[c.key]}
            </td>
          ),
        )}
      </tr>
    );
  };

  const keyNav = onRowActivate
    ? (e: KeyboardEvent<HTMLTableSectionElement>) => {
        const last = rows.length - 1;
        const to =
          e.key === 'ArrowDown'
            ? Math.min(last, active + 1)
            : e.key === 'ArrowUp'
              ? Math.max(0, active - 1)
              : e.key === 'Home'
                ? 0
                : e.key === 'End'
                  ? last
                  : null;
        if (e.key === 'Enter' && e.target instanceof HTMLTableRowElement) {
          const row = rows[active];
          if (row !== undefined) onRowActivate(row);
          return;
        }
        if (to === null) return;
        e.preventDefault();
        setActive(to);
        if (virtual) virtualizer.scrollToIndex(to);
        body.current?.querySelector<HTMLElement>(`tr[data-index="${to}"]`)?.focus();
      }
    : undefined;

  const renderRow = (r: R, i: number) => (
    <tr
      key={rowKey(r)}
      className={rowClassName?.(r)}
      data-index={onRowActivate || virtual ? i : undefined}
      tabIndex={onRowActivate ? (i === active ? 0 : -1) : undefined}
      onFocus={onRowActivate ? () => setActive(i) : undefined}
    >
      {columns.map((c) => {
        const own = typeof c.className === 'function' ? c.className(r) : c.className;
        return (
          <td
            key={c.key}
            className={join(c.num && !own?.split(' ').includes('num') && 'num', own)}
            title={c.title?.(r)}
          >
            {c.cell(r)}
          </td>
        );
      })}
    </tr>
  );

  const items = virtual ? virtualizer.getVirtualItems() : null;
  const padTop = items && items.length > 0 ? (items[0]?.start ?? 0) : 0;
  const padBottom = items && items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  const table = (
    <table className={join('table', className)} aria-label={label} aria-labelledby={labelledBy}>
      <thead>
        <tr>
          {columns.map((c) => {
            const dir = sort?.key === c.key ? sort.dir : undefined;
            return (
              <th
                key={c.key}
                scope="col"
                className={join(c.num && 'num', c.headerClassName)}
                aria-sort={c.sort ? (dir ?? 'none') : undefined}
              >
                {c.sort ? (
                  <button
                    type="button"
                    className="th-sort"
                    onClick={() => onSort({ key: c.key, dir: dir === 'ascending' ? 'descending' : 'ascending' })}
                  >
                    {c.header}
                  </button>
                ) : (
                  c.header
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody ref={body} onKeyDown={keyNav}>
        {head?.map(summary)}
        {rows.length === 0 && emptyRow !== undefined && (
          <tr>
            <td colSpan={columns.length} className="muted">
              {emptyRow}
            </td>
          </tr>
        )}
        {items ? (
          <>
            {padTop > 0 && <tr className="table-spacer" style={{ height: padTop }} />}
            {items.map((v) => renderRow(rows[v.index] as R, v.index))}
            {padBottom > 0 && <tr className="table-spacer" style={{ height: padBottom }} />}
          </>
        ) : (
          rows.map(renderRow)
        )}
        {footIn === 'tbody' && foot?.map(summary)}
      </tbody>
      {footIn !== 'tbody' && foot && <tfoot>{foot.map(summary)}</tfoot>}
    </table>
  );
  return virtual ? (
    <div ref={box} className="table-virtual" style={{ maxHeight: virtual.height }}>
      {table}
    </div>
  ) : (
    table
  );
}
