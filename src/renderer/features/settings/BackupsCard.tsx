import { type FormEvent, useState } from 'react';
import type { BackupInfo, BackupSettings } from '../../../shared/contract/backups';
import { type MessageKey, useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { type Column, DataTable } from '../../ui/DataTable';
import { ConfirmDialog, ProgressDialog } from '../../ui/DialogParts';
import { CheckField, TextField } from '../../ui/fields';
import { useLoadedForm } from '../../ui/form';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';

const size = (bytes: number, locale: string) =>
  `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1_048_576)} MB`;

const RESTORE_STEPS = ['check', 'keep', 'swap', 'upgrade'] as const;
type RestoreStep = (typeof RESTORE_STEPS)[number];

/**
 * Backups: "Back up now", the daily schedule and where copies go (owner), and every backup with its check. The owner
 * restores a checked backup from its row: a confirm that says what goes and what is kept, then the steps as they
 * happen; once it is in place every screen signs in again (the App hears `shop.restored`).
 */
export function BackupsCard({ editable, locale }: { editable: boolean; locale: string }) {
  const { t } = useI18n();
  const { onError, can } = useShell();
  const toast = useToast();
  // the settings are a draft the form edits: the answer until the owner changes something
  const { form: settings, setForm: setSettings } = useLoadedForm(
    useApiQuery('backups', 'settings', null).data,
    (s): BackupSettings => s,
  );
  const backups = useApiQuery('backups', 'list', null);
  const list = backups.data ?? [];
  const [running, setRunning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState<BackupInfo | null>(null);
  const [step, setStep] = useState<RestoreStep | null>(null);

  const reload = () => backups.refetch();

  const backUp = async () => {
    setRunning(true);
    try {
      const made = await api.backups.create(null);
      if (made.ok) toast.success(t('bk.done', { name: made.name }));
      else toast.error(t('bk.failed', { problem: made.problem ?? '' }));
      await reload();
    } catch (err) {
      onError(err);
    } finally {
      setRunning(false);
    }
  };

  const when = (b: BackupInfo) => new Date(b.at).toLocaleString(locale);
  const restore = async (b: BackupInfo) => {
    setAsked(null);
    setStep('check');
    const stop = api.on('backups.restoreProgress', (e) => setStep(e.step));
    try {
      await api.backups.restore({ file: b.file });
    } catch (err) {
      setStep(null);
      onError(err);
    } finally {
      stop();
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!settings) return;
    setBusy(true);
    try {
      setSettings(await api.backups.saveSettings(settings));
      toast.success(t('bk.saved'));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!settings) return null;
  const columns: Column<BackupInfo>[] = [
    {
      key: 'at',
      header: t('bk.col.at'),
      title: (b) => b.file,
      cell: (b) => new Date(b.at).toLocaleString(locale),
    },
    { key: 'reason', header: t('bk.col.reason'), cell: (b) => t(`bk.reason.${b.reason}` as MessageKey) },
    { key: 'size', header: t('bk.col.size'), num: true, cell: (b) => size(b.bytes, locale) },
    { key: 'customers', header: t('bk.col.customers'), num: true, cell: (b) => b.counts.customers ?? '–' },
    { key: 'sales', header: t('bk.col.sales'), num: true, cell: (b) => b.counts.sales_orders ?? '–' },
    { key: 'check', header: t('bk.col.check'), cell: (b) => (b.ok ? t('bk.ok') : b.problem) },
    { key: 'copy', header: t('bk.col.copy'), cell: (b) => b.copy ?? '–' },
  ];
  if (can('data.restore'))
    columns.push({
      key: 'restore',
      header: '',
      cell: (b) =>
        b.ok && (
          <button
            type="button"
            className="btn"
            aria-label={t('bk.restoreOf', { when: when(b) })}
            onClick={() => setAsked(b)}
          >
            {t('bk.restore')}
          </button>
        ),
    });
  const set = (patch: Partial<BackupSettings>) => setSettings({ ...settings, ...patch });
  const count = (key: 'keepDaily' | 'keepWeekly' | 'keepMonthly') => (
    <TextField
      id={`bk-${key}`}
      label={t(`bk.${key}` as MessageKey)}
      type="number"
      min={0}
      value={settings[key]}
      onChange={(v) => set({ [key]: Number(v) })}
    />
  );
  /** a folder copies go to; blank for none */
  const folder = (key: 'folder' | 'secondFolder', id: string, label: string) => (
    <TextField id={id} label={label} value={settings[key] ?? ''} onChange={(v) => set({ [key]: v.trim() || null })} />
  );
  return (
    <section className="card" aria-labelledby="h-backups">
      <h2 id="h-backups">{t('bk.title')}</h2>
      <p className="muted">{t('bk.intro')}</p>
      <p>
        <button type="button" className="btn btn-primary" disabled={running} onClick={() => void backUp()}>
          {running ? t('bk.running') : t('bk.now')}
        </button>
      </p>
      <form onSubmit={save} aria-label={t('bk.save')}>
        <fieldset disabled={!editable || busy} className="plain">
          <CheckField
            id="bk-daily"
            label={t('bk.daily')}
            checked={settings.daily}
            onChange={(daily) => set({ daily })}
          />
          <div className="grid-2">
            <TextField
              id="bk-closing"
              label={t('bk.closing')}
              type="time"
              value={settings.closingTime}
              onChange={(closingTime) => set({ closingTime })}
            />
            {folder('folder', 'bk-folder', t('bk.folder'))}
            {folder('secondFolder', 'bk-second', t('bk.second'))}
            {count('keepDaily')}
            {count('keepWeekly')}
            {count('keepMonthly')}
          </div>
          {editable && (
            <button type="submit" className="btn">
              {t('bk.save')}
            </button>
          )}
        </fieldset>
      </form>
      <h3 id="h-backup-list">{t('bk.list')}</h3>
      <DataTable rows={list} columns={columns} rowKey={(b) => b.file} labelledBy="h-backup-list" empty={t('bk.none')} />
      <p className="muted">{t('bk.restoreHint')}</p>
      {asked && (
        <ConfirmDialog
          title={t('bk.restoreTitle', { when: when(asked) })}
          text={t('bk.restoreText', { when: when(asked) })}
          confirmLabel={t('bk.restoreYes')}
          cancelLabel={t('bk.restoreNo')}
          onConfirm={() => void restore(asked)}
          onClose={() => setAsked(null)}
        />
      )}
      {step && (
        <ProgressDialog
          title={t('bk.restoring')}
          label={t('bk.restoring')}
          done={RESTORE_STEPS.indexOf(step)}
          total={RESTORE_STEPS.length}
          status={t(`bk.step.${step}` as MessageKey)}
          cancelLabel=""
        />
      )}
    </section>
  );
}
