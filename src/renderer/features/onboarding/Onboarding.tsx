import { type FormEvent, useState } from 'react';
import type { CurrencyCode } from '../../../shared/money';
import { useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { COUNTRIES } from '../../lib/places';
import type { Theme } from '../../lib/theme';
import { InlineError } from '../../ui/DialogParts';
import { CurrencySelect, LanguageSelect, PinField, SelectField, TextField, TimeZoneSelect } from '../../ui/fields';
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
  const [name, setName] = useState('');
  const [country, setCountry] = useState('UG');
  const [currency, setCurrency] = useState<CurrencyCode>('UGX');
  const [timeZone, setTimeZone] = useState('Africa/Kampala');
  const [ownerName, setOwnerName] = useState('');
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const chooseCountry = (code: string) => {
    setCountry(code);
    const c = COUNTRIES.find((x) => x.code === code);
    if (c) {
      setCurrency(c.currency);
      setTimeZone(c.timeZone);
      setLang(c.language);
    }
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
              value={name}
              onChange={setName}
            />
            <SelectField
              id="ob-country"
              label={t('onboard.country')}
              value={country}
              onChange={chooseCountry}
              options={COUNTRIES.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
            />
            <CurrencySelect id="ob-currency" label={t('onboard.currency')} value={currency} onChange={setCurrency} />
            <TimeZoneSelect id="ob-tz" label={t('onboard.timeZone')} value={timeZone} onChange={setTimeZone} />
            <LanguageSelect id="ob-lang" label={t('onboard.language')} value={lang} onChange={setLang} />
            <TextField
              id="ob-owner"
              label={t('onboard.ownerName')}
              className="span-2"
              required
              value={ownerName}
              onChange={setOwnerName}
            />
            <PinField
              id="ob-pin"
              label={t('onboard.ownerPin')}
              autoComplete="new-password"
              describedBy="ob-pin-hint"
              value={pin}
              onChange={setPin}
            />
            <PinField
              id="ob-pin2"
              label={t('onboard.confirmPin')}
              autoComplete="new-password"
              value={pin2}
              onChange={setPin2}
            />
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
