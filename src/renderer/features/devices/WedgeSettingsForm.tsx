import type { FormEvent } from 'react';
import { useT } from '../../i18n';
import { useShell } from '../../lib/session';
import { TextFields } from '../../ui/fields';
import { useLoadedForm } from '../../ui/form';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { publishWedgeSetting } from '../till/useScans';
import { DEFAULT_WEDGE_OPTIONS } from '../till/wedge';

/** The keyboard-wedge timing: how slow a scanner may be and still count as one (owner only: a till setting). */
export function WedgeSettingsForm() {
  const t = useT();
  const toast = useToast();
  const { can } = useShell();
  // the defaults until the till's settings are read (and while they have no wedge timing)
  const settings = useApiQuery('sales', 'settings', null);
  const { form, setForm } = useLoadedForm(settings.data ?? null, (s) => {
    const w = s?.wedge ?? DEFAULT_WEDGE_OPTIONS;
    return { maxGap: String(w.maxGapMs), minLength: String(w.minLength) };
  });
  const update = useApiMutation('sales', 'updateSettings', {
    onSuccess: (s) => {
      publishWedgeSetting(s.wedge ?? null);
      toast.success(t('wedge.saved', { ms: String(s.wedge?.maxGapMs ?? form?.maxGap) }));
    },
  });

  if (!can('settings.edit') || !form) return null;

  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ wedge: { maxGapMs: Number(form.maxGap), minLength: Number(form.minLength) } });
  };

  return (
    <form className="printer-form" onSubmit={save} aria-labelledby="h-wedge">
      <h3 id="h-wedge">{t('wedge.title')}</h3>
      <p className="muted small">{t('wedge.help')}</p>
      <div className="form-grid">
        <TextFields
          specs={[
            { key: 'maxGap', id: 'wedge-gap', label: t('wedge.maxGap'), type: 'number', min: 5, max: 120 },
            { key: 'minLength', id: 'wedge-min', label: t('wedge.minLength'), type: 'number', min: 2, max: 64 },
          ]}
          values={form}
          onChange={(key, value) => setForm({ ...form, [key]: value })}
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
