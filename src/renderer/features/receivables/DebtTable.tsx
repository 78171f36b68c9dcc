import { useT } from '../../i18n';
import { DataTable, type DataTableProps, type SummaryRow } from '../../ui/DataTable';

type Tab = 'debtors' | 'aging' | 'statement';

/**
 * The table of a receivables tab: named after its tab and classed `<tab>-table`, in a wrap that scrolls sideways, its
 * summary rows (totals, opening and closing balances) in the bold `aging-total` style.
 */
export function DebtTable<R>({
  tab,
  head,
  foot,
  ...table
}: Omit<DataTableProps<R>, 'label' | 'labelledBy' | 'className' | 'wrap'> & { tab: Tab }) {
  const t = useT();
  const bold = (rows?: readonly SummaryRow[]) => rows?.map((r) => ({ className: 'aging-total', ...r }));
  return (
    <DataTable
      {...table}
      label={t(`debt.tab.${tab}`)}
      className={`${tab}-table`}
      wrap
      head={bold(head)}
      foot={bold(foot)}
    />
  );
}
