import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { BackupInfo, BackupSettings } from '../../../shared/contract/backups';
import { type MessageKey, useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { CheckField, TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';

const size = (bytes: number, locale: string) =>
  `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1_048_576)} MB`;

/**
 * Backups: "Back up now", the daily schedule and where copies go (owner), and every backup with its check. A restore
 * replaces the open shop, so it is a command-line step with Counterline closed; the card says how.
 */
export function BackupsCard({ editable, locale }: { editable: boolean; locale: string }) {
  const { t } = useI18n();
  const { onError } = useShell();
  const toast = useToast();
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [list, setList] = useState<BackupInfo[]>([]);
  const [running, setRunning] = useState(false);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => api.backups.list(null).then(setList).catch(onError), [onError]);
  useEffect(() => {
    api.backups.settings(null).then(setSettings).catch(onError);
    void reload();
  }, [onError, reload]);

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
            <TextField
              id="bk-folder"
              label={t('bk.folder')}
              value={settings.folder ?? ''}
              onChange={(v) => set({ folder: v.trim() || null })}
            />
            <TextField
              id="bk-second"
              label={t('bk.second')}
              value={settings.secondFolder ?? ''}
              onChange={(v) => set({ secondFolder: v.trim() || null })}
            />
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
      {list.length === 0 ? (
        <p className="muted">{t('bk.none')}</p>
      ) : (
        <table className="table" aria-labelledby="h-backup-list">
          <thead>
            <tr>
              <th scope="col">{t('bk.col.at')}</th>
              <th scope="col">{t('bk.col.reason')}</th>
              <th scope="col" className="num">
                {t('bk.col.size')}
              </th>
              <th scope="col" className="num">
                {t('bk.col.customers')}
              </th>
              <th scope="col" className="num">
                {t('bk.col.sales')}
              </th>
              <th scope="col">{t('bk.col.check')}</th>
              <th scope="col">{t('bk.col.copy')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.file}>
                <td title={b.file}>{new Date(b.at).toLocaleString(locale)}</td>
                <td>{t(`bk.reason.${b.reason}` as MessageKey)}</td>
                <td className="num">{size(b.bytes, locale)}</td>
                <td className="num">{b.counts.customers ?? '–'}</td>
                <td className="num">{b.counts.sales_orders ?? '–'}</td>
                <td>{b.ok ? t('bk.ok') : b.problem}</td>
                <td>{b.copy ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">{t('bk.restoreHint')}</p>
    </section>
  );
}
