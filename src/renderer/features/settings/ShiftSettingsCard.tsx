import { type FormEvent, useEffect, useState } from 'react';
import type { ShiftSettings } from '../../../shared/contract/shifts';
import { parseMoney, toDecimalString } from '../../../shared/money';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { CheckField, TextField } from '../../ui/fields';
import { useToast } from '../../ui/toast';
import { SettingsCard, type ShopCardProps } from './SettingsCard';

/** The shift rules: whether cash needs an open shift, blind close, and the limits a manager's PIN or a note guard. */
export function ShiftSettingsCard({ editable, currency, locale }: ShopCardProps) {
  const t = useT();
  const { onError } = useShell();
  const toast = useToast();
  const [s, setS] = useState<ShiftSettings | null>(null);
  const [limit, setLimit] = useState('');
  const [threshold, setThreshold] = useState('');

  useEffect(() => {
    api.shifts
      .settings(null)
      .then((v) => {
        setS(v);
        setLimit(v.movementLimit === null ? '' : toDecimalString(v.movementLimit, currency));
        setThreshold(v.noteThreshold === null ? '' : toDecimalString(v.noteThreshold, currency));
      })
      .catch(onError);
  }, [onError, currency]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!s) return;
    const amount = (text: string) => (text.trim() ? parseMoney(text, currency, locale) : null);
    let movementLimit: number | null;
    let noteThreshold: number | null;
    try {
      movementLimit = amount(limit);
      noteThreshold = amount(threshold);
    } catch {
      return toast.error(t('till.badAmount'));
    }
    try {
      setS(await api.shifts.updateSettings({ ...s, movementLimit, noteThreshold }));
      toast.success(t('shift.settings.saved'));
    } catch (err) {
      onError(err);
    }
  };

  if (!s) return null;
  return (
    <SettingsCard
      id="h-shift-settings"
      title={t('shift.settings.title')}
      onSubmit={save}
      disabled={!editable}
      save={editable && t('shift.settings.save')}
    >
      <CheckField
        id="s-require-shift"
        label={t('shift.settings.require')}
        checked={s.requireOpenShift}
        onChange={(v) => setS({ ...s, requireOpenShift: v })}
      />
      <CheckField
        id="s-blind-close"
        label={t('shift.settings.blind')}
        checked={s.blindClose}
        onChange={(v) => setS({ ...s, blindClose: v })}
      />
      <div className="grid-2">
        <TextField
          id="s-move-limit"
          label={t('shift.settings.limit', { currency })}
          inputMode="decimal"
          value={limit}
          onChange={setLimit}
          placeholder={t('shift.settings.default')}
        />
        <TextField
          id="s-note-threshold"
          label={t('shift.settings.threshold', { currency })}
          inputMode="decimal"
          value={threshold}
          onChange={setThreshold}
          placeholder={t('shift.settings.default')}
        />
      </div>
    </SettingsCard>
  );
}
