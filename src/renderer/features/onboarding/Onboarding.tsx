import { type FormEvent, useState } from 'react';
import { CURRENCIES, CURRENCY_CODES, type CurrencyCode } from '../../../shared/money';
import { LANGUAGE_NAMES, type Lang, useI18n } from '../../i18n';
import { api } from '../../lib/api';
import { COUNTRIES, TIME_ZONES } from '../../lib/places';
import type { Theme } from '../../lib/theme';
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

  const demo = async () => {
    setBusy(true);
    try {
      const r = await api.system.createDemoShop(null);
      onDone(t('onboard.demoReady', { name: r.ownerName, pin: r.pin }));
    } catch (err) {
      toast.error(err);
      setBusy(false);
    }
  };

  const zones = TIME_ZONES.includes(timeZone) ? TIME_ZONES : [timeZone, ...TIME_ZONES];

  return (
    <div className="page">
      <BareHeader title={t('app.name')} theme={theme} toggleTheme={toggleTheme} />
      <main className="onboard">
        <form className="card form-card" onSubmit={submit} aria-labelledby="onboard-title">
          <h1 id="onboard-title">{t('onboard.title')}</h1>
          <p className="muted">{t('onboard.intro')}</p>
          <div className="grid-2">
            <div className="field span-2">
              <label htmlFor="ob-name">{t('onboard.storeName')}</label>
              <input id="ob-name" required autoFocus value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="ob-country">{t('onboard.country')}</label>
              <select id="ob-country" value={country} onChange={(e) => chooseCountry(e.target.value)}>
                {COUNTRIES.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name} ({c.code})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="ob-currency">{t('onboard.currency')}</label>
              <select id="ob-currency" value={currency} onChange={(e) => setCurrency(e.target.value as CurrencyCode)}>
                {CURRENCY_CODES.map((c) => (
                  <option key={c} value={c}>
                    {c} – {CURRENCIES[c].name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="ob-tz">{t('onboard.timeZone')}</label>
              <select id="ob-tz" value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="ob-lang">{t('onboard.language')}</label>
              <select id="ob-lang" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
                {(Object.keys(LANGUAGE_NAMES) as Lang[]).map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field span-2">
              <label htmlFor="ob-owner">{t('onboard.ownerName')}</label>
              <input id="ob-owner" required value={ownerName} onChange={(e) => setOwnerName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="ob-pin">{t('onboard.ownerPin')}</label>
              <input
                id="ob-pin"
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                required
                maxLength={8}
                aria-describedby="ob-pin-hint"
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              />
            </div>
            <div className="field">
              <label htmlFor="ob-pin2">{t('onboard.confirmPin')}</label>
              <input
                id="ob-pin2"
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                required
                maxLength={8}
                value={pin2}
                onChange={(e) => setPin2(e.target.value.replace(/\D/g, ''))}
              />
            </div>
            <p id="ob-pin-hint" className="muted span-2 hint">
              {t('onboard.pinHint')}
            </p>
          </div>
          {error && (
            <p role="alert" className="inline-alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
            {t('onboard.submit')}
          </button>
        </form>
        <aside className="card demo-card">
          <h2>{t('onboard.or')}</h2>
          <button type="button" className="btn btn-lg" disabled={busy} onClick={() => void demo()}>
            {t('onboard.demo')}
          </button>
        </aside>
      </main>
    </div>
  );
}
