import { useState } from 'react';
import type { PrinterProfile } from '../../../shared/contract/devices';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { useApiQuery, useSetAnswer } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { EMPTY_PRINTER, PrinterForm } from './PrinterForm';
import { ReceiptLogo } from './ReceiptLogo';

type Draft = Omit<PrinterProfile, 'id'> & { id?: string };

export function PrintersPanel({ onPreview }: { onPreview: (p: { svg: string; title: string }) => void }) {
  const t = useT();
  const toast = useToast();
  const { onError, can } = useShell();
  const manage = can('devices.manage');
  const printers = useApiQuery('devices', 'printers', null).data ?? [];
  const setAnswer = useSetAnswer();
  const setPrinters = (list: PrinterProfile[]) => setAnswer('devices', 'printers', null, list);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

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

  /** one row action: the button's words, then the printer it acts on for a screen reader */
  const action = (
    p: PrinterProfile,
    words: string,
    onClick: () => void,
    extra?: { ghost?: boolean; busy?: boolean },
  ) => (
    <button
      type="button"
      className={extra?.ghost ? 'btn btn-sm btn-ghost' : 'btn btn-sm'}
      disabled={extra?.busy}
      onClick={onClick}
    >
      {words}
      <span className="sr-only"> {p.name}</span>
    </button>
  );
  const columns: Column<PrinterProfile>[] = [
    {
      key: 'name',
      header: t('dev.col.name'),
      cell: (p) => (
        <>
          {p.name} {p.isDefault && <span className="pill pill-ok">{t('dev.default')}</span>}
        </>
      ),
    },
    { key: 'address', header: t('dev.col.address'), cell: (p) => <code>{p.uri}</code> },
    { key: 'paper', header: t('dev.col.paper'), cell: (p) => `${p.paperMm} mm` },
    { key: 'codePage', header: t('dev.col.codePage'), cell: (p) => p.codePage },
    {
      key: 'actions',
      header: t('dev.col.actions'),
      cell: (p) => (
        <div className="row-actions">
          {manage && action(p, t('dev.testPrint'), () => void test(p), { busy: busy === p.id })}
          {manage && action(p, t('dev.edit'), () => setEditing(p))}
          {manage && action(p, t('dev.remove'), () => void remove(p), { ghost: true })}
        </div>
      ),
    },
  ];

  return (
    <div className="card">
      <h2>{t('dev.printers')}</h2>
      <DataTable rows={printers} columns={columns} rowKey={(p) => p.id} empty={t('dev.noPrinters')} />
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
