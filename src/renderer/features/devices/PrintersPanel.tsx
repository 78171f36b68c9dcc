import { useCallback, useEffect, useState } from 'react';
import type { PrinterProfile } from '../../../shared/contract/devices';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useToast } from '../../ui/toast';
import { EMPTY_PRINTER, PrinterForm } from './PrinterForm';
import { ReceiptLogo } from './ReceiptLogo';

type Draft = Omit<PrinterProfile, 'id'> & { id?: string };

export function PrintersPanel({ onPreview }: { onPreview: (p: { svg: string; title: string }) => void }) {
  const t = useT();
  const toast = useToast();
  const { onError, can } = useShell();
  const manage = can('devices.manage');
  const [printers, setPrinters] = useState<PrinterProfile[]>([]);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setPrinters(await api.devices.printers(null));
    } catch (e) {
      onError(e);
    }
  }, [onError]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (d: Draft) => {
    try {
      setPrinters(await api.devices.savePrinter(d));
      toast.success(t('dev.saved', { name: d.name }));
      setEditing(null);
    } catch (e) {
      onError(e);
    }
  };
  const remove = async (p: PrinterProfile) => {
    try {
      setPrinters(await api.devices.removePrinter({ id: p.id }));
      toast.success(t('dev.removed', { name: p.name }));
    } catch (e) {
      onError(e);
    }
  };
  const test = async (p: PrinterProfile) => {
    setBusy(p.id);
    try {
      const [status, preview] = await Promise.all([
        api.devices.testPrinter({ id: p.id }),
        api.devices.previewTest({ id: p.id }),
      ]);
      onPreview({ svg: preview.svg, title: t('dev.previewOf', { what: `${t('dev.testPage')} · ${p.name}` }) });
      if (status.online && status.warning) toast.info(t('dev.testWarning', { name: p.name, warning: status.warning }));
      else if (status.online) toast.success(t('dev.testOk', { name: p.name }));
      else toast.error(t('dev.testFailed', { name: p.name, problem: status.problem ?? '' }));
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="card">
      <h2>{t('dev.printers')}</h2>
      {printers.length === 0 ? (
        <p className="muted">{t('dev.noPrinters')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('dev.col.name')}</th>
              <th scope="col">{t('dev.col.address')}</th>
              <th scope="col">{t('dev.col.paper')}</th>
              <th scope="col">{t('dev.col.codePage')}</th>
              <th scope="col">{t('dev.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {printers.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.name} {p.isDefault && <span className="pill pill-ok">{t('dev.default')}</span>}
                </td>
                <td>
                  <code>{p.uri}</code>
                </td>
                <td>{p.paperMm} mm</td>
                <td>{p.codePage}</td>
                <td>
                  <div className="row-actions">
                    {manage && (
                      <button
                        type="button"
                        className="btn btn-sm"
                        disabled={busy === p.id}
                        onClick={() => void test(p)}
                      >
                        {t('dev.testPrint')}
                        <span className="sr-only"> {p.name}</span>
                      </button>
                    )}
                    {manage && (
                      <button type="button" className="btn btn-sm" onClick={() => setEditing(p)}>
                        {t('dev.edit')}
                        <span className="sr-only"> {p.name}</span>
                      </button>
                    )}
                    {manage && (
                      <button type="button" className="btn btn-sm btn-ghost" onClick={() => void remove(p)}>
                        {t('dev.remove')}
                        <span className="sr-only"> {p.name}</span>
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage &&
        (editing ? (
          <PrinterForm key={editing.id ?? 'new'} initial={editing} onSave={save} onCancel={() => setEditing(null)} />
        ) : (
          <button
            type="button"
            className="btn"
            onClick={() => setEditing({ ...EMPTY_PRINTER, isDefault: printers.length === 0 })}
          >
            {t('dev.add')}
          </button>
        ))}
      <ReceiptLogo />
    </div>
  );
}
