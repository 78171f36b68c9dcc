import { type ReactNode, useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../shared/contract/customers';
import type { HistoryOrderRow } from '../../../../shared/contract/history';
import type { RefundRow } from '../../../../shared/contract/refunds';
import { type CurrencyCode, formatMoney } from '../../../../shared/money';
import { type MessageKey, useT } from '../../../i18n';
import { api } from '../../../lib/api';
import { downloadBase64 } from '../../../lib/download';
import { useShell } from '../../../lib/session';
import { type Column, DataTable } from '../../../ui/DataTable';
import { useApiPages, useApiQuery } from '../../../ui/query';
import { useToast } from '../../../ui/toast';
import { OrderDialog } from './OrderDialog';

const DAY = 86_400_000;
// laid out inline here: one row of small controls above each table
const FILTER_ROW = {
  display: 'flex',
  gap: '1rem',
  flexWrap: 'wrap',
  alignItems: 'end',
  border: 0,
  padding: 0,
} as const;

/** a yyyy-mm-dd from a date input → epoch ms at the start of that day (local time), or undefined */
const dayStart = (v: string) => (v ? new Date(`${v}T00:00:00`).getTime() : undefined);

interface Filter {
  from: string;
  to: string;
  status: string;
}

/** The history's question for one table's filter: its days from the start of the first to the end of the last. */
function historyQuery(customerId: string, f: Filter) {
  const to = dayStart(f.to);
  return { customerId, from: dayStart(f.from), to: to === undefined ? undefined : to + DAY, status: f.status as 'any' };
}

/** One table of the history (sales, or refunds) under its filters, with its count and total, read a page at a time. */
function HistorySection<R extends { id: string }>({
  filter,
  onFilter,
  statuses,
  label,
  pages,
  columns,
  tableLabel,
  empty,
  money,
}: {
  filter: Filter;
  onFilter: (f: Filter) => void;
  statuses: string[];
  label: string;
  pages: { rows: R[] | null; first: { totals: { count: number; amount: number } } | null; more: (() => void) | null };
  columns: Column<R>[];
  tableLabel: string;
  empty: string;
  money: (n: number) => string;
}) {
  const t = useT();
  const totals = pages.first?.totals ?? { count: 0, amount: 0 };
  return (
    <>
      <Filters value={filter} onChange={onFilter} statuses={statuses} label={label} />
      <p className="muted">{t('sh.totals', { n: totals.count, amount: money(totals.amount) })}</p>
      <DataTable rows={pages.rows ?? []} columns={columns} rowKey={(x) => x.id} label={tableLabel} empty={empty} />
      {pages.more && (
        <button type="button" className="btn btn-sm" onClick={pages.more}>
          {t('sh.more')}
        </button>
      )}
    </>
  );
}

function Filters({
  value,
  onChange,
  statuses,
  label,
}: {
  value: Filter;
  onChange: (f: Filter) => void;
  statuses: string[];
  label: string;
}) {
  const t = useT();
  return (
    <fieldset className="history-filters" style={FILTER_ROW}>
      <legend className="sr-only">{label}</legend>
      {(['from', 'to'] as const).map((k) => (
        <label key={k}>
          {t(`sh.${k}`)}{' '}
          <input
            type="date"
            className="input"
            value={value[k]}
            onChange={(e) => onChange({ ...value, [k]: e.target.value })}
          />
        </label>
      ))}
      <label>
        {t('sh.status')}{' '}
        <select className="input" value={value.status} onChange={(e) => onChange({ ...value, status: e.target.value })}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`sh.status.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

/** A customer's sales and refunds on their page: summary card, filtered tables, a sale opened, export. */
export function CustomerSales({ customerId }: { customerId: string }) {
  const t = useT();
  const toast = useToast();
  const { onError, can, store } = useShell();
  const currency: CurrencyCode = store?.currency ?? 'UGX';
  const money = (n: number) => formatMoney(n, currency, store?.locale);
  const day = (ms: number | null) => (ms === null ? t('sh.never') : new Date(ms).toLocaleDateString(store?.locale));
  const [orderFilter, setOrderFilter] = useState<Filter>({ from: '', to: '', status: 'any' });
  const [refundFilter, setRefundFilter] = useState<Filter>({ from: '', to: '', status: 'any' });
  const [opened, setOpened] = useState<string | null>(null);
  const [what, setWhat] = useState<'sales' | 'refunds'>('sales');
  const [format, setFormat] = useState<ExportFormat>('xlsx');

  const summaryQ = useApiQuery('history', 'summary', { customerId });
  const summary = summaryQ.data ?? null;
  const orders = useApiPages('history', 'orders', historyQuery(customerId, orderFilter));
  const refunds = useApiPages('history', 'refunds', historyQuery(customerId, refundFilter));
  // a refund from an opened sale changes all three
  const reload = () => {
    void summaryQ.refetch();
    void orders.refetch();
    void refunds.refetch();
  };

  const exportFile = async () => {
    try {
      const file = await api.history.export({ customerId, what, format });
      downloadBase64(file.fileName, file.mimeType, file.base64);
      toast.success(t('sh.export.done', { n: file.rows, file: file.fileName }));
    } catch (err) {
      onError(err);
    }
  };

  const figures: Array<[string, string]> = summary
    ? [
        [t('sh.totalSpent'), money(summary.totalSpent)],
        [t('sh.orders'), String(summary.orders)],
        [t('sh.average'), money(summary.averageOrder)],
        [t('sh.first'), day(summary.firstPurchaseAt)],
        [t('sh.last'), day(summary.lastPurchaseAt)],
        [t('sh.refundsTotal'), `${money(summary.refundsTotal)} (${summary.refunds})`],
      ]
    : [];

  const when = (ms: number) => new Date(ms).toLocaleString(store?.locale);
  const saleLink = (id: string, number: ReactNode) => (
    <button type="button" className="btn btn-sm btn-link" onClick={() => setOpened(id)}>
      {number}
    </button>
  );
  const orderColumns: Column<HistoryOrderRow>[] = [
    { key: 'number', header: t('sh.col.number'), cell: (o) => saleLink(o.id, o.number) },
    { key: 'date', header: t('sh.col.date'), cell: (o) => when(o.completedAt) },
    { key: 'status', header: t('sh.col.status'), cell: (o) => t(`sh.status.${o.status}` as MessageKey) },
    { key: 'lines', header: t('sh.col.lines'), cell: (o) => o.lineCount },
    { key: 'total', header: t('sh.col.total'), cell: (o) => money(o.total) },
    { key: 'refunded', header: t('sh.col.refunded'), cell: (o) => (o.refunded ? money(o.refunded) : '') },
  ];
  const refundColumns: Column<RefundRow>[] = [
    { key: 'number', header: t('sh.col.number'), cell: (r) => r.number },
    { key: 'date', header: t('sh.col.date'), cell: (r) => when(r.at) },
    { key: 'sale', header: t('sh.col.sale'), cell: (r) => saleLink(r.salesOrderId, r.saleNumber) },
    { key: 'status', header: t('sh.col.status'), cell: (r) => t(`sh.status.${r.status}` as MessageKey) },
    { key: 'method', header: t('sh.col.method'), cell: (r) => r.method.replace('_', ' ') },
    { key: 'reason', header: t('sh.col.reason'), cell: (r) => r.reason },
    { key: 'total', header: t('sh.col.total'), cell: (r) => money(r.total) },
  ];

  return (
    <section className="card customer-sales" aria-labelledby="h-sales">
      <h2 id="h-sales">{t('sh.title')}</h2>
      <dl className="cust-details sales-summary" aria-label={t('sh.summary')}>
        {figures.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>

      <h3>{t('sh.orders')}</h3>
      <HistorySection
        filter={orderFilter}
        onFilter={setOrderFilter}
        statuses={['any', 'completed', 'voided']}
        label={t('sh.orders')}
        pages={orders}
        columns={orderColumns}
        tableLabel={t('sh.ordersTable')}
        empty={t('sh.noOrders')}
        money={money}
      />

      <h3>{t('sh.refunds')}</h3>
      <HistorySection
        filter={refundFilter}
        onFilter={setRefundFilter}
        statuses={['any', 'completed', 'cancelled']}
        label={t('sh.refunds')}
        pages={refunds}
        columns={refundColumns}
        tableLabel={t('sh.refundsTable')}
        empty={t('sh.noRefunds')}
        money={money}
      />

      {can('customers.export') && (
        <div className="row-actions">
          <label>
            {t('sh.export.what')}{' '}
            <select className="input" value={what} onChange={(e) => setWhat(e.target.value as 'sales' | 'refunds')}>
              <option value="sales">{t('sh.orders')}</option>
              <option value="refunds">{t('sh.refunds')}</option>
            </select>
          </label>
          <label>
            {t('sh.export.format')}{' '}
            <select className="input" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn" onClick={() => void exportFile()}>
            {t('sh.export')}
          </button>
        </div>
      )}

      {opened && <OrderDialog id={opened} onClose={() => setOpened(null)} onChanged={reload} />}
    </section>
  );
}
