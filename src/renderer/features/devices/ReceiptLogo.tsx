import { type ChangeEvent, useState } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';

/** The store setting holds the logo as a data URL of at most 400,000 characters: about 290 KB of PNG. */
const MAX_BYTES = 280 * 1024;

/** The shop logo printers put at the top of receipts: upload a PNG, see it, remove it (owner only). */
export function ReceiptLogo({ onChanged }: { onChanged?: () => void }) {
  const t = useT();
  const toast = useToast();
  const { onError, can } = useShell();
  // the logo as read, then as last saved here
  const read = useApiQuery('settings', 'get', null).data?.store.logo ?? null;
  const [saved, setLogo] = useState<string | null | undefined>(undefined);
  const logo = saved === undefined ? read : saved;

  if (!can('settings.edit')) return null;

  const save = async (next: string | null) => {
    try {
      const saved = await api.settings.updateStore({ logo: next });
      setLogo(saved.logo);
      toast.success(t(next ? 'logo.saved' : 'logo.removed'));
      onChanged?.();
    } catch (e) {
      onError(e);
    }
  };

  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.type !== 'image/png') return toast.error(t('logo.notPng'));
    if (file.size > MAX_BYTES) return toast.error(t('logo.tooBig'));
    const reader = new FileReader();
    reader.onload = () => void save(String(reader.result));
    reader.readAsDataURL(file);
  };

  return (
    <div className="receipt-logo">
      <h3>{t('logo.title')}</h3>
      <p className="muted small">{t('logo.help')}</p>
      {logo ? <img src={logo} alt={t('logo.current')} className="receipt-logo-img" /> : <p>{t('logo.none')}</p>}
      <div className="form-actions">
        <label className="btn" htmlFor="logo-file">
          {t('logo.choose')}
        </label>
        <input id="logo-file" type="file" accept="image/png" className="sr-only" onChange={pick} />
        {logo && (
          <button type="button" className="btn btn-ghost" onClick={() => void save(null)}>
            {t('logo.remove')}
          </button>
        )}
      </div>
    </div>
  );
}
