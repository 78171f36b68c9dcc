import { useCallback, useEffect, useState } from 'react';
import type { PrintJob } from '../../../shared/contract/devices';
import { type MessageKey, useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { downloadBase64 } from '../../lib/download';
import { printInvoice } from '../../lib/print-pdf';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';

export function QueuePanel({ onPreview }: { onPreview: (p: { svg: string; title: string }) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const { onError, store } = useShell();
  const [jobs, setJobs] = useState<PrintJob[]>([]);

  const load = useCallback(async () => {
    try {
      setJobs(await api.devices.queue({ limit: 50 }));
    } catch (e) {
      onError(e);
    }
  }, [onError]);
  useEffect(() => {
    void load();
    // live: every job change reloads the list (a handful of rows)
    return api.on('print.job', () => void load());
  }, [load]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
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

  return (
    <div className="card">
      <h2>{t('dev.queue')}</h2>
      {jobs.length === 0 ? (
        <p className="muted">{t('dev.queueEmpty')}</p>
      ) : (
        <table className="table queue-table">
          <thead>
            <tr>
              <th scope="col">{t('dev.col.document')}</th>
              <th scope="col">{t('dev.col.printer')}</th>
              <th scope="col">{t('dev.col.status')}</th>
              <th scope="col">{t('dev.col.error')}</th>
              <th scope="col">{t('dev.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => {
              const label = j.documentNumber ?? t(`dev.template.${j.template}` as MessageKey);
              return (
                <tr key={j.id}>
                  <td>
                    {label}
                    <div className="muted small">
                      {t(`dev.template.${j.template}` as MessageKey)} · {fmt.format(j.createdAt)}
                    </div>
                  </td>
                  <td>{j.printerName ?? '—'}</td>
                  <td>
                    <span className={`pill pill-job-${j.status}`}>{t(`dev.status.${j.status}` as MessageKey)}</span>
                    <div className="muted small">
                      {t('dev.col.attempts')}: {j.attempts}
                    </div>
                  </td>
                  <td className="job-error">{j.status === 'done' ? '' : (j.lastError ?? '')}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="btn btn-sm" onClick={() => void show(j)}>
                        {t('dev.show')}
                        <span className="sr-only"> {label}</span>
                      </button>
                      {(j.status === 'queued' || j.status === 'failed' || j.status === 'cancelled') && (
                        <button
                          type="button"
                          className="btn btn-sm"
                          onClick={() => void act(() => api.devices.retryJob({ id: j.id }))}
                        >
                          {t('dev.retry')}
                          <span className="sr-only"> {label}</span>
                        </button>
                      )}
                      {(j.status === 'queued' || j.status === 'failed') && (
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost"
                          onClick={() => void act(() => api.devices.cancelJob({ id: j.id }))}
                        >
                          {t('dev.cancel')}
                          <span className="sr-only"> {label}</span>
                        </button>
                      )}
                      {j.salesOrderId && (
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost"
                          onClick={() =>
                            void act(async () => {
                              const f = await api.devices.invoicePdf({ salesOrderId: j.salesOrderId as string });
                              downloadBase64(f.fileName, f.mimeType, f.base64);
                            })
                          }
                        >
                          {t('dev.invoice')}
                          <span className="sr-only"> {label}</span>
                        </button>
                      )}
                      {j.salesOrderId && (
                        <button
                          type="button"
                          className="btn btn-sm btn-ghost"
                          onClick={() => void act(() => printInvoice(j.salesOrderId as string))}
                        >
                          {t('dev.printA4')}
                          <span className="sr-only"> {label}</span>
                        </button>
                      )}
                      {j.salesOrderId && j.status === 'done' && (
                        <button
                          type="button"
                          className="btn btn-sm"
                          onClick={() =>
                            void act(async () => {
                              await api.devices.reprint({ salesOrderId: j.salesOrderId as string });
                              toast.success(t('dev.reprinted', { number: label }));
                            })
                          }
                        >
                          {t('dev.reprint')}
                          <span className="sr-only"> {label}</span>
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
