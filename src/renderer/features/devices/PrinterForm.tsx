import { type FormEvent, useState } from 'react';
import { CODE_PAGES, type CodePage, PRINTER_DIALECTS, type PrinterProfile } from '../../../shared/contract/devices';
import { useT } from '../../i18n';
import { FormActions } from '../../ui/DialogParts';
import { CheckField, SelectField, TextField } from '../../ui/fields';

type Draft = Omit<PrinterProfile, 'id'> & { id?: string };

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
  const [d, setD] = useState<Draft>(initial);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSave(d);
  };
  return (
    <form className="printer-form" onSubmit={submit}>
      <h3>{d.id ? t('dev.editing', { name: initial.name }) : t('dev.add')}</h3>
      <div className="form-grid">
        <TextField id="pf-name" label={t('dev.f.name')} value={d.name} required onChange={(v) => set('name', v)} />
        <TextField id="pf-uri" label={t('dev.f.uri')} value={d.uri} required onChange={(v) => set('uri', v)} />
        <SelectField
          id="pf-dialect"
          label={t('dev.f.dialect')}
          value={d.dialect}
          onChange={(v) => set('dialect', v)}
          options={PRINTER_DIALECTS.map((x) => ({ value: x, label: x === 'epson' ? 'ESC/POS (Epson and most)' : x }))}
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
          value={d.codePage}
          onChange={(v) => set('codePage', v)}
          options={CODE_PAGES.map((c) => ({ value: c, label: c === 'PC858' ? 'PC858 (with €)' : c }))}
        />
        <SelectField
          id="pf-codes"
          label={t('dev.f.codes')}
          value={d.codes}
          onChange={(v) => set('codes', v)}
          options={[
            { value: 'native', label: t('dev.f.codes.native') },
            { value: 'raster', label: t('dev.f.codes.raster') },
          ]}
        />
        <SelectField
          id="pf-images"
          label={t('dev.f.imageMode')}
          value={d.imageMode}
          onChange={(v) => set('imageMode', v)}
          options={[
            { value: 'raster', label: t('dev.f.imageMode.raster') },
            { value: 'bit-image', label: t('dev.f.imageMode.bitImage') },
          ]}
        />
      </div>
      <CheckField id="pf-cut" label={t('dev.f.cut')} checked={d.cut} onChange={(v) => set('cut', v)} />
      <CheckField
        id="pf-drawer"
        label={t('dev.f.drawer')}
        checked={d.drawerKick}
        onChange={(v) => set('drawerKick', v)}
      />
      <CheckField id="pf-logo" label={t('dev.f.logo')} checked={d.logo} onChange={(v) => set('logo', v)} />
      <CheckField
        id="pf-status"
        label={t('dev.f.statusQuery')}
        checked={d.statusQuery}
        onChange={(v) => set('statusQuery', v)}
      />
      {d.statusQuery && (
        <CheckField
          id="pf-status-gsr"
          label={t('dev.f.statusTransmit')}
          checked={d.statusTransmit}
          onChange={(v) => set('statusTransmit', v)}
        />
      )}
      <CheckField
        id="pf-default"
        label={t('dev.f.default')}
        checked={d.isDefault}
        onChange={(v) => set('isDefault', v)}
      />
      <FormActions submit={t('common.save')} cancel={t('common.cancel')} onCancel={onCancel} className="form-actions" />
    </form>
  );
}
