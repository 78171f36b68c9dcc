import { useEffect, useState } from 'react';
import type { Statement } from '../../../shared/contract/debts';
import { type MessageKey, useT } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { useShell } from '../../lib/session';
import type { Column } from '../../ui/DataTable';
import { SearchField, TextField } from '../../ui/fields';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { FoundCustomers, useCustomerFinder } from '../customers/CustomerFinder';
import { DebtTable } from './DebtTable';
import { BUCKETS, debtFormat } from './format';
import { ReminderBox } from './ReminderBox';

/** One customer's statement for a period: on screen, as a PDF, on the receipt printer, and a reminder to send. */
export function StatementPanel({
  customerId,
  onCustomer,
}: {
  customerId: string | null;
  onCustomer: (id: string) => void;
}) {
  const t = useT();
  const toast = useToast();
  const { onError, store, can } = useShell();
  const f = debtFormat(store);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // a customer picked elsewhere (Debtors, Aging, Alerts) starts from this month so far, the shop's days; the Show
  // button asks for the period in the pickers
  const [asked, setAsked] = useState<{ customerId: string | null; from?: string; to?: string }>({ customerId });
  useEffect(() => {
    setAsked({ customerId });
  }, [customerId]);
  const statement = useApiQuery(
    'debts',
    'statement',
    { customerId: asked.customerId ?? '', from: asked.from, to: asked.to },
    { enabled: !!customerId && asked.customerId === customerId, keepPrevious: true },
  );
  const st: Statement | null = (customerId && statement.data) || null;
  useEffect(() => {
    if (!statement.data) return;
    setFrom(statement.data.from);
    setTo(statement.data.to);
  }, [statement.data]);
  const show = (id: string, period: { from?: string; to?: string }) => {
    const next = { customerId: id, ...period };
    if (JSON.stringify(next) === JSON.stringify(asked)) void statement.refetch();
    else setAsked(next);
  };

  const finder = useCustomerFinder(8);

  const period = { from: from || undefined, to: to || undefined };
  const pdf = async (all: boolean) => {
    try {
      const file = all
        ? await api.debts.statementsAll({ from, to })
        : await api.debts.statementPdf({ customerId: customerId as string, ...period });
      downloadBase64(file.fileName, file.mimeType, file.base64);
    } catch (e) {
      onError(e);
    }
  };
  const print = async () => {
    try {
      await api.debts.statementPrint({ customerId: customerId as string, ...period });
      toast.success(t('debt.st.printed'));
    } catch (e) {
      onError(e);
    }
  };

  const columns: Column<Statement['lines'][number]>[] = [
    { key: 'date', header: t('debt.st.date'), className: 'nowrap', cell: (l) => f.date(l.at) },
    { key: 'details', header: t('debt.st.details'), cell: (l) => l.description },
    { key: 'charges', header: t('debt.st.charges'), num: true, cell: (l) => (l.debit ? f.plain(l.debit) : '') },
    { key: 'payments', header: t('debt.st.payments'), num: true, cell: (l) => (l.credit ? f.plain(l.credit) : '') },
    { key: 'balance', header: t('debt.st.balance'), num: true, cell: (l) => f.plain(l.balance) },
  ];

  return (
    <div className="debt-panel">
      <div className="debt-filters">
        <SearchField id="st-find" label={t('debt.st.find')} className="debt-find" {...finder.field}>
          <FoundCustomers
            className="debt-found"
            label={t('debt.st.customer')}
            found={finder.found}
            onPick={(c) => {
              finder.clear();
              onCustomer(c.id);
            }}
          />
        </SearchField>
        <form
          className="debt-period"
          onSubmit={(e) => {
            e.preventDefault();
            if (customerId) show(customerId, period);
          }}
        >
          <TextField id="st-from" label={t('debt.st.from')} type="date" value={from} onChange={setFrom} />
          <TextField id="st-to" label={t('debt.st.to')} type="date" value={to} onChange={setTo} />
          <button type="submit" className="btn btn-primary" disabled={!customerId}>
            {t('debt.st.show')}
          </button>
          {can('reports.view') && (
            <button type="button" className="btn" disabled={!from || !to} onClick={() => void pdf(true)}>
              {t('debt.st.all')}
            </button>
          )}
        </form>
      </div>
      {!customerId && <p className="muted">{t('debt.st.pick')}</p>}
      {customerId && st && (
        <div className="statement" data-testid="statement">
          <div className="debt-bar">
            <div>
              <h2 className="debt-h2">{st.customer.name}</h2>
              <p className="muted">
                {[st.customer.code, st.customer.phone, st.customer.email, st.customer.address]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            </div>
            <div className="row-actions">
              <button type="button" className="btn btn-primary" onClick={() => void pdf(false)}>
                {t('debt.st.pdf')}
              </button>
              <button type="button" className="btn" onClick={() => void print()}>
                {t('debt.st.print')}
              </button>
            </div>
          </div>
          <DebtTable
            tab="statement"
            rows={st.lines}
            columns={columns}
            rowKey={(l) => l.id}
            head={[{ label: t('debt.st.opening'), labelAt: 'details', cells: { balance: f.plain(st.opening) } }]}
            emptyRow={t('debt.st.empty')}
            foot={[
              {
                label: t('debt.st.closing'),
                labelAt: 'details',
                testId: 'statement-closing',
                cells: { balance: f.plain(st.closing) },
              },
            ]}
          />
          <h3 className="debt-h3">{t('debt.st.agingLine')}</h3>
          <dl className="debt-aging-line">
            {BUCKETS.map((b) => (
              <div key={b}>
                <dt>{t(`debt.bucket.${b}` as MessageKey)}</dt>
                <dd>{f.plain(st.aging[b])}</dd>
              </div>
            ))}
          </dl>
          {st.closing > 0 && <ReminderBox customerId={customerId} />}
        </div>
      )}
    </div>
  );
}
