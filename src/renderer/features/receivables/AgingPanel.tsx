import { useEffect, useState } from 'react';
import type { AgingDetail, AgingReport } from '../../../shared/contract/debts';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { ExportButtons } from '../../ui/ExportButtons';
import { useApiQuery } from '../../ui/query';
import { AgingChart } from './AgingChart';
import { DebtTable } from './DebtTable';
import { BUCKETS, debtFormat } from './format';

/** Debts by age as of a date: the chart, totals, one row per customer, and each customer's open invoices. */
export function AgingPanel({ onStatement }: { onStatement: (customerId: string) => void }) {
  const t = useT();
  const { onError, store } = useShell();
  const f = debtFormat(store);
  const [asOf, setAsOf] = useState('');
  const [byInvoice, setByInvoice] = useState(false);
  const [limit, setLimit] = useState(100);
  const [drill, setDrill] = useState<AgingDetail | null>(null);
  // the first question asks for today (the shop's, from the main process), then shows that date in the picker;
  // later ones are the Show button's and the More button's
  const [asked, setAsked] = useState<{ asOf?: string; basis: 'due' | 'invoice'; limit: number }>({
    basis: 'due',
    limit: 100,
  });
  const aging = useApiQuery('debts', 'aging', asked, { keepPrevious: true });
  const report: AgingReport | undefined = aging.data;
  useEffect(() => {
    if (report) setAsOf(report.asOf);
  }, [report]);
  const ask = (date: string, invoice: boolean, rows: number) => {
    const next = { asOf: date || undefined, basis: invoice ? ('invoice' as const) : ('due' as const), limit: rows };
    if (JSON.stringify(next) === JSON.stringify(asked)) void aging.refetch();
    else setAsked(next);
  };

  const open = async (customerId: string) => {
    try {
      setDrill(await api.debts.agingOf({ customerId, asOf, basis: byInvoice ? 'invoice' : 'due' }));
    } catch (e) {
      onError(e);
    }
  };

  const columns: Column<AgingReport['customers'][number]>[] = [
    { key: 'customer', header: t('debt.col.customer'), cell: (c) => c.name },
    { key: 'balance', header: t('debt.col.balance'), num: true, cell: (c) => f.plain(c.balance) },
    ...BUCKETS.map(
      (b): Column<AgingReport['customers'][number]> => ({
        key: b,
        header: t(`debt.bucket.${b}` as MessageKey),
        num: true,
        className: (c) => (c[b] ? undefined : 'muted'),
        cell: (c) => (c[b] ? f.plain(c[b]) : '–'),
      }),
    ),
    {
      key: 'actions',
      header: <span className="sr-only">{t('debt.col.actions')}</span>,
      className: 'nowrap',
      cell: (c) => (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => void open(c.id)}
          aria-label={`${t('debt.drill')}: ${c.name}`}
        >
          {t('debt.drill')}
        </button>
      ),
    },
  ];
  const drillColumns: Column<AgingDetail['items'][number]>[] = [
    { key: 'doc', header: t('debt.drill.doc'), className: 'mono', cell: (i) => i.documentNo ?? i.kind },
    { key: 'date', header: t('debt.drill.date'), className: 'nowrap', cell: (i) => f.date(i.at) },
    { key: 'due', header: t('debt.drill.due'), className: 'nowrap', cell: (i) => f.date(i.dueAt) },
    { key: 'amount', header: t('debt.drill.amount'), num: true, cell: (i) => f.plain(i.amount) },
    { key: 'open', header: t('debt.drill.open'), num: true, cell: (i) => f.plain(i.open) },
    {
      key: 'days',
      header: t('debt.drill.days'),
      num: true,
      cell: (i) => (
        <>
          {i.daysPast > 0 ? i.daysPast : ''}{' '}
          <span className="pill pill-off">{t(`debt.bucket.${i.bucket}` as MessageKey)}</span>
        </>
      ),
    },
  ];

  return (
    <div className="debt-panel">
      <form
        className="debt-filters"
        onSubmit={(e) => {
          e.preventDefault();
          ask(asOf, byInvoice, limit);
        }}
      >
        <div className="field">
          <label htmlFor="aging-asof">{t('debt.asOf')}</label>
          <input id="aging-asof" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </div>
        <label className="check-line">
          <input type="checkbox" checked={byInvoice} onChange={(e) => setByInvoice(e.target.checked)} />
          {t('debt.byInvoiceDate')}
        </label>
        <button type="submit" className="btn btn-primary">
          {t('debt.aging.refresh')}
        </button>
      </form>
      {report && (
        <>
          <div className="debt-bar">
            <h2 className="debt-h2">
              {t('debt.aging.title', { date: f.date(Date.parse(`${report.asOf}T12:00:00Z`)) })}
            </h2>
            <ExportButtons
              label={t('debt.export')}
              fetchFile={(format) =>
                api.debts.export({ what: 'aging', format, asOf: report.asOf, basis: report.basis })
              }
            />
          </div>
          <AgingChart totals={report.totals} format={f.plain} />
          <DebtTable
            tab="aging"
            rows={report.customers}
            columns={columns}
            rowKey={(c) => c.id}
            head={[
              {
                label: t('debt.aging.total'),
                testId: 'aging-total',
                cells: {
                  balance: f.plain(report.totals.balance),
                  ...Object.fromEntries(BUCKETS.map((b) => [b, f.plain(report.totals[b])])),
                },
              },
            ]}
          />
          <p className="muted">{t('debt.aging.customers', { count: report.customerCount })}</p>
          {report.customers.length < report.customerCount && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                const rows = Math.min(500, limit + 100);
                setLimit(rows);
                ask(asOf, byInvoice, rows);
              }}
            >
              {t('debt.more')}
            </button>
          )}
        </>
      )}
      {drill && (
        <Dialog
          title={t('debt.drill.title', { name: drill.name })}
          onClose={() => setDrill(null)}
          className="debt-drill"
        >
          {drill.items.length === 0 ? (
            <p>{t('debt.drill.none')}</p>
          ) : (
            <DataTable rows={drill.items} columns={drillColumns} rowKey={(i) => i.entryId} />
          )}
          {drill.credit > 0 && <p>{t('debt.drill.credit', { amount: f.money(drill.credit) })}</p>}
          <div className="row-actions">
            <button
              type="button"
              className="btn"
              onClick={() => {
                setDrill(null);
                onStatement(drill.customerId);
              }}
            >
              {t('debt.open')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setDrill(null)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
