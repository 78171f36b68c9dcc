import { type FormEvent, useState } from 'react';
import type { StoreProfile, TaxRate } from '../../../shared/contract/system';
import { useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { FormActions } from '../../ui/DialogParts';
import { CheckField, CurrencySelect, LanguageSelect, TextAreaField, TextField, TimeZoneSelect } from '../../ui/fields';
import { useForm, useLoadedForm } from '../../ui/form';
import { useApiQuery } from '../../ui/query';
import { Screen } from '../../ui/Screen';
import { useToast } from '../../ui/toast';
import { BackupsCard } from './BackupsCard';
import { CreditSettingsCard } from './CreditSettingsCard';
import { RetentionCard } from './RetentionCard';
import { SettingsCard } from './SettingsCard';
import { ShiftSettingsCard } from './ShiftSettingsCard';

type Form = Omit<StoreProfile, 'logo'>;

export function SettingsScreen() {
  const { t, setLang } = useI18n();
  const { can, onError, setStore, session } = useShell();
  const toast = useToast();
  const editable = can('settings.edit');
  const settings = useApiQuery('settings', 'get', null).data;
  // the store form and the tax rates as read, then as edited and saved here
  const { form, setForm } = useLoadedForm(settings, ({ store: { logo: _logo, ...rest } }): Form => rest);
  const { form: taxRates, setForm: setTaxRates } = useLoadedForm(settings, (v) => v.taxRates);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof Form>(k: K, v: Form[K]) => form && setForm({ ...form, [k]: v });
  /** a control's value and change for one part of the store form (shown only once the form is read) */
  const bind = <K extends keyof Form>(k: K) => ({ value: form?.[k] as Form[K], onChange: (v: Form[K]) => set(k, v) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    try {
      const saved = await api.settings.updateStore(form);
      setStore(saved);
      const { logo: _logo, ...rest } = saved;
      setForm(rest);
      setLang(saved.language);
      toast.success(t('settings.saved'));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen headingId="h-settings" title={t('settings.title')}>
      {!editable && <p className="notice">{t('common.readOnly')}</p>}
      {form && (
        <SettingsCard
          id="h-store"
          title={t('settings.store')}
          onSubmit={save}
          disabled={!editable || busy}
          save={editable && t('common.save')}
          saveClassName="btn btn-primary btn-lg"
        >
          <div className="grid-2">
            <TextField id="s-name" label={t('settings.name')} {...bind('name')} required />
            <TextField id="s-phone" label={t('settings.phone')} {...bind('phone')} />
            <TextAreaField id="s-address" label={t('settings.address')} {...bind('address')} />
            <TextField id="s-taxid" label={t('settings.taxId')} {...bind('taxId')} />
            <TextAreaField id="s-rh" label={t('settings.receiptHeader')} {...bind('receiptHeader')} />
            <TextAreaField id="s-rf" label={t('settings.receiptFooter')} {...bind('receiptFooter')} />
            <CurrencySelect id="s-currency" label={t('settings.currency')} {...bind('currency')} />
            <TextField id="s-locale" label={t('settings.locale')} {...bind('locale')} />
            <TimeZoneSelect id="s-tz" label={t('settings.timeZone')} {...bind('timeZone')} />
            <LanguageSelect id="s-lang" label={t('settings.language')} {...bind('language')} />
            <TextField
              id="s-lock"
              label={t('settings.lockAfter')}
              type="number"
              min={1}
              max={240}
              value={form.lockAfterMinutes}
              onChange={(v) => set('lockAfterMinutes', Number(v))}
            />
            <CheckField
              id="s-pit"
              label={t('settings.pricesIncludeTax')}
              checked={form.pricesIncludeTax}
              onChange={(v) => set('pricesIncludeTax', v)}
            />
          </div>
        </SettingsCard>
      )}
      {form && taxRates && <TaxRates rates={taxRates} setRates={setTaxRates} editable={editable} />}
      {form && <CreditSettingsCard editable={editable} currency={form.currency} locale={form.locale} />}
      {form && can('shifts.operate') && (
        <ShiftSettingsCard editable={editable} currency={form.currency} locale={form.locale} />
      )}
      {form && can('data.backup') && <BackupsCard editable={editable} locale={form.locale} />}
      {form && session.staff.role === 'owner' && <RetentionCard locale={form.locale} />}
    </Screen>
  );
}

/** "18" → 1800 bp, "7.5" → 750; null when not a plain percentage. */
function percentToBp(text: string): number | null {
  const m = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
function bpToPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

function TaxRates({
  rates,
  setRates,
  editable,
}: {
  rates: TaxRate[];
  setRates: (r: TaxRate[]) => void;
  editable: boolean;
}) {
  const { t } = useI18n();
  const { onError } = useShell();
  const toast = useToast();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const { form: draft, setForm: setDraft, bind, check } = useForm({ name: '', rate: '', isDefault: false });

  const start = (r: TaxRate | null) => {
    setEditing(r ? r.id : 'new');
    setDraft({
      name: r?.name ?? '',
      rate: r ? bpToPercent(r.rateBp) : '',
      isDefault: r?.isDefault ?? rates.length === 0,
    });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const { name, rate, isDefault } = draft;
    const rateBp = percentToBp(rate);
    if (rateBp === null) return toast.error(t('settings.taxRateInvalid'));
    try {
      const next = await api.settings.saveTaxRate({
        ...(editing && editing !== 'new' ? { id: editing } : {}),
        name,
        rateBp,
        isDefault,
      });
      setRates(next);
      setEditing(null);
      toast.success(t('settings.taxSaved'));
    } catch (err) {
      onError(err);
    }
  };

  const editor = (
    <form className="tax-editor" onSubmit={save}>
      <TextField id="tax-name" label={t('settings.taxName')} required autoFocus {...bind('name')} />
      <TextField id="tax-rate" label={t('settings.taxRate')} inputMode="decimal" required {...bind('rate')} />
      <CheckField id="tax-default" label={t('settings.taxDefault')} {...check('isDefault')} />
      <FormActions submit={t('common.save')} cancel={t('common.cancel')} onCancel={() => setEditing(null)} />
    </form>
  );

  return (
    <section className="card" aria-labelledby="h-tax">
      <h2 id="h-tax">{t('settings.taxRates')}</h2>
      {rates.length === 0 ? (
        <p className="muted">{t('settings.noTax')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('settings.taxName')}</th>
              <th scope="col" className="num">
                {t('settings.taxRate')}
              </th>
              <th scope="col">{t('settings.taxDefault')}</th>
              {editable && <th scope="col" aria-label={t('staff.actions')} />}
            </tr>
          </thead>
          <tbody>
            {rates.map((r) => (
              <tr key={r.id}>
                <td>{r.name}</td>
                <td className="num">{bpToPercent(r.rateBp)}%</td>
                <td>{r.isDefault ? t('common.yes') : ''}</td>
                {editable && (
                  <td>
                    <button
                      type="button"
                      className="btn btn-sm"
                      onClick={() => start(r)}
                      aria-label={`${t('common.edit')} ${r.name}`}
                    >
                      {t('common.edit')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && editing && editor}
      {editable && !editing && (
        <button type="button" className="btn" onClick={() => start(null)}>
          + {t('settings.addTax')}
        </button>
      )}
    </section>
  );
}
