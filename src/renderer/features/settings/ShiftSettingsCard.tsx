import type { FormEvent } from 'react';
import { parseMoney, toDecimalString } from '../../../shared/money';
import { useT } from '../../i18n';
import { TextFields } from '../../ui/fields';
import { binders, CheckFields, useLoadedForm } from '../../ui/form';
import { useApiMutation, useApiQuery } from '../../ui/query';
import { useToast } from '../../ui/toast';
import { SettingsCard, type ShopCardProps } from './SettingsCard';

/** The shift rules: whether cash needs an open shift, blind close, and the limits a manager's PIN or a note guard. */
export function ShiftSettingsCard({ editable, currency, locale }: ShopCardProps) {
  const t = useT();
  const toast = useToast();
  const amountText = (minor: number | null) => (minor === null ? '' : toDecimalString(minor, currency));
  const { form, setForm } = useLoadedForm(useApiQuery('shifts', 'settings', null).data, (s) => ({
    ...s,
    limit: amountText(s.movementLimit),
    threshold: amountText(s.noteThreshold),
  }));
  const update = useApiMutation('shifts', 'updateSettings', {
    onSuccess: () => toast.success(t('shift.settings.saved')),
  });

  if (!form) return null;
  const save = (e: FormEvent) => {
    e.preventDefault();
    const amount = (text: string) => (text.trim() ? parseMoney(text, currency, locale) : null);
    let movementLimit: number | null;
    let noteThreshold: number | null;
    try {
      movementLimit = amount(form.limit);
      noteThreshold = amount(form.threshold);
    } catch {
      return toast.error(t('till.badAmount'));
    }
    const { requireOpenShift, blindClose } = form;
    update.mutate({ requireOpenShift, blindClose, movementLimit, noteThreshold });
  };
  const { put } = binders(form, setForm);

  return (
    <SettingsCard
      id="h-shift-settings"
      title={t('shift.settings.title')}
      onSubmit={save}
      disabled={!editable}
      save={editable && t('shift.settings.save')}
    >
      <CheckFields
        specs={[
          { key: 'requireOpenShift', id: 's-require-shift', label: t('shift.settings.require') },
          { key: 'blindClose', id: 's-blind-close', label: t('shift.settings.blind') },
        ]}
        values={form}
        onChange={put}
      />
      <div className="grid-2">
        <TextFields
          specs={(
            [
              ['limit', 's-move-limit', 'shift.settings.limit'],
              ['threshold', 's-note-threshold', 'shift.settings.threshold'],
            ] as const
          ).map(([key, id, label]) => ({
            key,
            id,
            label: t(label, { currency }),
            inputMode: 'decimal',
            placeholder: t('shift.settings.default'),
          }))}
          values={form}
          onChange={put}
        />
      </div>
    </SettingsCard>
  );
}
