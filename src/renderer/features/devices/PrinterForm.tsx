import type { FormEvent } from 'react';
import { CODE_PAGES, type CodePage, PRINTER_DIALECTS, type PrinterProfile } from '../../../shared/contract/devices';
import { useT } from '../../i18n';
import { FormActions } from '../../ui/DialogParts';
import { SelectField, TextField } from '../../ui/fields';
import { CheckFields, useForm } from '../../ui/form';
import { namedOptions } from '../../ui/SelectFields';

type Draft = Omit<PrinterProfile, 'id'> & { id?: string };

const CODES = ['native', 'raster'] as const;
const IMAGE_MODES = [
  ['raster', 'dev.f.imageMode.raster'],
  ['bit-image', 'dev.f.imageMode.bitImage'],
] as const;

export const EMPTY_PRINTER: Draft = {
  name: '',
  uri: 'tcp://192.168.1.50:9100',
  dialect: 'epson',
  paperMm: 80,
  charsPerLine: 0,
  codePage: 'PC858',
  cut: true,
  drawerKick: false,
  codes: 'native',
  logo: false,
  imageMode: 'raster',
  isDefault: true,
  statusQuery: false,
  statusTransmit: false,
};

export function PrinterForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: Draft;
  onSave: (d: Draft) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const { form: d, put: set, bind } = useForm<Draft>(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave(d);
  };
  return (
    <form className="printer-form" onSubmit={submit}>
      <h3>{d.id ? t('dev.editing', { name: initial.name }) : t('dev.add')}</h3>
      <div className="form-grid">
        <TextField id="pf-name" label={t('dev.f.name')} required {...bind('name')} />
        <TextField id="pf-uri" label={t('dev.f.uri')} required {...bind('uri')} />
        <SelectField
          id="pf-dialect"
          label={t('dev.f.dialect')}
          options={PRINTER_DIALECTS.map((x) => ({ value: x, label: x === 'epson' ? 'ESC/POS (Epson and most)' : x }))}
          {...bind('dialect')}
        />
        <SelectField
          id="pf-paper"
          label={t('dev.f.paper')}
          value={String(d.paperMm) as '58' | '80'}
          onChange={(v) => set('paperMm', Number(v) as 58 | 80)}
          options={[
            { value: '80', label: '80 mm (48 characters)' },
            { value: '58', label: '58 mm (32 characters)' },
          ]}
        />
        <SelectField<CodePage>
          id="pf-codepage"
          label={t('dev.f.codePage')}
          options={CODE_PAGES.map((c) => ({ value: c, label: c === 'PC858' ? 'PC858 (with €)' : c }))}
          {...bind('codePage')}
        />
        <SelectField
          id="pf-codes"
          label={t('dev.f.codes')}
          options={namedOptions(t, 'dev.f.codes', CODES)}
          {...bind('codes')}
        />
        <SelectField
          id="pf-images"
          label={t('dev.f.imageMode')}
          options={IMAGE_MODES.map(([value, key]) => ({ value, label: t(key) }))}
          {...bind('imageMode')}
        />
      </div>
      <CheckFields
        specs={[
          { key: 'cut', id: 'pf-cut', label: t('dev.f.cut') },
          { key: 'drawerKick', id: 'pf-drawer', label: t('dev.f.drawer') },
          { key: 'logo', id: 'pf-logo', label: t('dev.f.logo') },
          { key: 'statusQuery', id: 'pf-status', label: t('dev.f.statusQuery') },
          // the status is transmitted only where it is asked for
          ...(d.statusQuery
            ? [{ key: 'statusTransmit' as const, id: 'pf-status-gsr', label: t('dev.f.statusTransmit') }]
            : []),
          { key: 'isDefault', id: 'pf-default', label: t('dev.f.default') },
        ]}
        values={d}
        onChange={set}
      />
      <FormActions submit={t('common.save')} cancel={t('common.cancel')} onCancel={onCancel} className="form-actions" />
    </form>
  );
}
