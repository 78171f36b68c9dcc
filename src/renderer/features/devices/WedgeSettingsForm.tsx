import { type FormEvent, useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';
import { publishWedgeSetting } from '../till/useScans';
import { DEFAULT_WEDGE_OPTIONS } from '../till/wedge';

/** The keyboard-wedge timing: how slow a scanner may be and still count as one (owner only: a till setting). */
export function WedgeSettingsForm() {
  const t = useT();
  const toast = useToast();
  const { onError, can } = useShell();
  const [maxGap, setMaxGap] = useState(String(DEFAULT_WEDGE_OPTIONS.maxGapMs));
  const [minLength, setMinLength] = useState(String(DEFAULT_WEDGE_OPTIONS.minLength));

  useEffect(() => {
    api.sales
      .settings(null)
      .then((s) => {
        if (!s.wedge) return;
        setMaxGap(String(s.wedge.maxGapMs));
        setMinLength(String(s.wedge.minLength));
      })
      .catch(onError);
  }, [onError]);

  if (!can('settings.edit')) return null;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const s = await api.sales.updateSettings({ wedge: { maxGapMs: Number(maxGap), minLength: Number(minLength) } });
      publishWedgeSetting(s.wedge ?? null);
      toast.success(t('wedge.saved', { ms: String(s.wedge?.maxGapMs ?? maxGap) }));
    } catch (err) {
      onError(err);
    }
  };

  return (
    <form className="printer-form" onSubmit={save} aria-labelledby="h-wedge">
      <h3 id="h-wedge">{t('wedge.title')}</h3>
      <p className="muted small">{t('wedge.help')}</p>
      <div className="form-grid">
        <TextField
          id="wedge-gap"
          label={t('wedge.maxGap')}
          type="number"
          min={5}
          max={120}
          value={maxGap}
          onChange={setMaxGap}
        />
        <TextField
          id="wedge-min"
          label={t('wedge.minLength')}
          type="number"
          min={2}
          max={64}
          value={minLength}
          onChange={setMinLength}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn">
          {t('wedge.save')}
        </button>
      </div>
    </form>
  );
}
