import { type FormEvent, useState } from 'react';
import type { CurrencyCode } from '../../../shared/money';
import { useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { COUNTRIES } from '../../lib/places';
import type { Theme } from '../../lib/theme';
import { InlineError } from '../../ui/DialogParts';
import { CurrencySelect, LanguageSelect, PinField, SelectField, TextField, TimeZoneSelect } from '../../ui/fields';
import { useForm } from '../../ui/form';
import { BareHeader } from '../../ui/HeaderControls';
import { useToast } from '../../ui/toast';

export function Onboarding({
  onDone,
  theme,
  toggleTheme,
}: {
  onDone: (notice: string) => void;
  theme: Theme;
  toggleTheme: () => void;
}) {
  const { t, lang, setLang } = useI18n();
  const toast = useToast();
  const { form, setForm, bind } = useForm({
    name: '',
    country: 'UG',
    currency: 'UGX' as CurrencyCode,
    timeZone: 'Africa/Kampala',
    ownerName: '',
    pin: '',
    pin2: '',
  });
  const { name, country, currency, timeZone, ownerName, pin, pin2 } = form;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const chooseCountry = (code: string) => {
    const c = COUNTRIES.find((x) => x.code === code);
    setForm({ ...form, country: code, ...(c && { currency: c.currency, timeZone: c.timeZone }) });
    if (c) setLang(c.language);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!/^\d{4,8}$/.test(pin)) return setError(t('onboard.pinFormat'));
    if (pin !== pin2) return setError(t('onboard.pinMismatch'));
    setBusy(true);
    try {
      await api.system.onboard({
        store: { name, country, currency, timeZone, language: lang },
        owner: { name: ownerName, pin },
      });
      onDone(t('onboard.done'));
    } catch (err) {
      toast.error(err);
      setBusy(false);
    }
  };

  const demo = async (life: boolean) => {
    setBusy(true);
    try {
      const r = await api.system.createDemoShop({ life });
      onDone(t('onboard.demoReady', { name: r.ownerName, pin: r.pin }));
    } catch (err) {
      toast.error(err);
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <BareHeader title={t('app.name')} theme={theme} toggleTheme={toggleTheme} />
      <main className="onboard">
        <form className="card form-card" onSubmit={submit} aria-labelledby="onboard-title">
          <h1 id="onboard-title">{t('onboard.title')}</h1>
          <p className="muted">{t('onboard.intro')}</p>
          <div className="grid-2">
            <TextField
              id="ob-name"
              label={t('onboard.storeName')}
              className="span-2"
              required
              autoFocus
              {...bind('name')}
            />
            <SelectField
              id="ob-country"
              label={t('onboard.country')}
              value={country}
              onChange={chooseCountry}
              options={COUNTRIES.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
            />
            <CurrencySelect id="ob-currency" label={t('onboard.currency')} {...bind('currency')} />
            <TimeZoneSelect id="ob-tz" label={t('onboard.timeZone')} {...bind('timeZone')} />
            <LanguageSelect id="ob-lang" label={t('onboard.language')} value={lang} onChange={setLang} />
            <TextField
              id="ob-owner"
              label={t('onboard.ownerName')}
              className="span-2"
              required
              {...bind('ownerName')}
            />
            {(
              [
                ['pin', 'ob-pin', t('onboard.ownerPin'), 'ob-pin-hint'],
                ['pin2', 'ob-pin2', t('onboard.confirmPin'), undefined],
              ] as const
            ).map(([key, id, label, hint]) => (
              <PinField key={id} id={id} label={label} autoComplete="new-password" describedBy={hint} {...bind(key)} />
            ))}
            <p id="ob-pin-hint" className="muted span-2 hint">
              {t('onboard.pinHint')}
            </p>
          </div>
          <InlineError error={error} />
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
            {t('onboard.submit')}
          </button>
        </form>
        <aside className="card demo-card">
          <h2>{t('onboard.or')}</h2>
          <button type="button" className="btn btn-lg" disabled={busy} onClick={() => void demo(true)}>
            {t('onboard.demo')}
          </button>
          <p className="muted">{t('onboard.demoHint')}</p>
          <button type="button" className="btn" disabled={busy} onClick={() => void demo(false)}>
            {t('onboard.demoEmpty')}
          </button>
        </aside>
      </main>
    </div>
  );
}
