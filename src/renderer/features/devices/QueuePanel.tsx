import type { PrintJob } from '../../../shared/contract/devices';
import { type MessageKey, useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { printInvoice } from '../../lib/print-pdf';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';

const RETRYABLE: ReadonlySet<PrintJob['status']> = new Set(['queued', 'failed', 'cancelled']);
const CANCELLABLE: ReadonlySet<PrintJob['status']> = new Set(['queued', 'failed']);

export function QueuePanel({ onPreview }: { onPreview: (p: { svg: string; title: string }) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const { onError, store } = useShell();
  // live: every print.job event makes the devices answers stale, so the list reads again (a handful of rows)
  const { data: jobs, refetch } = useApiQuery('devices', 'queue', { limit: 50 });

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await refetch();
    } catch (e) {
      onError(e);
    }
  };
  const show = async (j: PrintJob) => {
    try {
      const p = await api.devices.previewJob({ id: j.id });
      onPreview({ svg: p.svg, title: t('dev.previewOf', { what: j.documentNumber ?? j.template }) });
    } catch (e) {
      onError(e);
    }
  };
  const fmt = new Intl.DateTimeFormat(store?.locale ?? 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    ...(store?.timeZone ? { timeZone: store.timeZone } : {}),
  });
  const labelOf = (j: PrintJob) => j.documentNumber ?? t(`dev.template.${j.template}` as MessageKey);
  const salesOrder = (j: PrintJob) => j.salesOrderId as string;

  /** one row action: the button's words, then the job it acts on for a screen reader */
  const action = (j: PrintJob, words: string, onClick: () => void, ghost = false) => (
    <button type="button" className={ghost ? 'btn btn-sm btn-ghost' : 'btn btn-sm'} onClick={onClick}>
      {words}
      <span className="sr-only"> {labelOf(j)}</span>
    </button>
  );

  const columns: Column<PrintJob>[] = [
    {
      key: 'document',
      header: t('dev.col.document'),
      cell: (j) => (
        <>
          {labelOf(j)}
          <div className="muted small">
            {t(`dev.template.${j.template}` as MessageKey)} · {fmt.format(j.createdAt)}
          </div>
        </>
      ),
    },
    { key: 'printer', header: t('dev.col.printer'), cell: (j) => j.printerName ?? '—' },
    {
      key: 'status',
      header: t('dev.col.status'),
      cell: (j) => (
        <>
          <span className={`pill pill-job-${j.status}`}>{t(`dev.status.${j.status}` as MessageKey)}</span>
          <div className="muted small">
            {t('dev.col.attempts')}: {j.attempts}
          </div>
        </>
      ),
    },
    {
      key: 'error',
      header: t('dev.col.error'),
      className: 'job-error',
      cell: (j) => (j.status === 'done' ? '' : (j.lastError ?? '')),
    },
    {
      key: 'actions',
      header: t('dev.col.actions'),
      cell: (j) => (
        <div className="row-actions">
          {action(j, t('dev.show'), () => void show(j))}
          {RETRYABLE.has(j.status) &&
            action(j, t('dev.retry'), () => void act(() => api.devices.retryJob({ id: j.id })))}
          {CANCELLABLE.has(j.status) &&
            action(j, t('dev.cancel'), () => void act(() => api.devices.cancelJob({ id: j.id })), true)}
          {j.salesOrderId &&
            action(
              j,
              t('dev.invoice'),
              () =>
                void act(async () => {
                  const f = await api.devices.invoicePdf({ salesOrderId: salesOrder(j) });
                  downloadBase64(f.fileName, f.mimeType, f.base64);
                }),
              true,
            )}
          {j.salesOrderId && action(j, t('dev.printA4'), () => void act(() => printInvoice(salesOrder(j))), true)}
          {j.salesOrderId &&
            j.status === 'done' &&
            action(
              j,
              t('dev.reprint'),
              () =>
                void act(async () => {
                  await api.devices.reprint({ salesOrderId: salesOrder(j) });
                  toast.success(t('dev.reprinted', { number: labelOf(j) }));
                }),
            )}
        </div>
      ),
    },
  ];

  return (
    <div className="card">
      <h2>{t('dev.queue')}</h2>
      <DataTable
        rows={jobs ?? []}
        columns={columns}
        rowKey={(j) => j.id}
        className="queue-table"
        empty={t('dev.queueEmpty')}
      />
    </div>
  );
}
