import type { AgingReport, DebtorRow } from '../../../shared/contract/debts';
import type { ReportCell as Cell, ReportColumn as Column } from '../exports/report-file';

const BUCKET_COLUMNS: Column[] = [
  { header: 'Current', weight: 1, money: true },
  { header: '1-30 days', weight: 1, money: true },
  { header: '31-60 days', weight: 1, money: true },
  { header: '61-90 days', weight: 1, money: true },
  { header: 'Over 90 days', weight: 1, money: true },
];

export function agingTable(r: AgingReport, dateOf: (ms: number) => string) {
  const columns: Column[] = [
    { header: 'Customer', weight: 2.4 },
    { header: 'Oldest due', weight: 1 },
    { header: 'Balance', weight: 1.1, money: true },
    ...BUCKET_COLUMNS,
  ];
  const rows: Cell[][] = r.customers.map((c) => [
    c.name,
    c.oldestDueAt === null ? '' : dateOf(c.oldestDueAt),
    { minor: c.balance },
    { minor: c.current },
    { minor: c.d1_30 },
    { minor: c.d31_60 },
    { minor: c.d61_90 },
    { minor: c.over90 },
  ]);
  const t = r.totals;
  rows.push([
    'Total',
    '',
    { minor: t.balance },
    { minor: t.current },
    { minor: t.d1_30 },
    { minor: t.d31_60 },
    { minor: t.d61_90 },
    { minor: t.over90 },
  ]);
  return { columns, rows, title: `Aging as of ${r.asOf}`, emptyText: 'Nobody owes anything.' };
}

export function debtorsTable(rows: DebtorRow[], dateOf: (ms: number) => string, today: string) {
  const columns: Column[] = [
    { header: 'Customer', weight: 2.2 },
    { header: 'Phone', weight: 1.3 },
    { header: 'Category', weight: 1.1 },
    { header: 'Balance', weight: 1.1, money: true },
    { header: 'Overdue', weight: 1.1, money: true },
    { header: 'Oldest due', weight: 1 },
    { header: 'Credit limit', weight: 1, money: true },
  ];
  const cells: Cell[][] = rows.map((d) => [
    d.name,
    d.phone ?? '',
    d.category ?? '',
    { minor: d.balance },
    { minor: d.overdue },
    d.oldestDueAt === null ? '' : dateOf(d.oldestDueAt),
    d.creditLimit === null ? '' : { minor: d.creditLimit },
  ]);
  return { columns, rows: cells, title: `Debtors on ${today}`, emptyText: 'Nobody owes anything.' };
}
