import { type Lang, useI18n } from '../i18n';
import type { Theme } from '../lib/theme';
import { LANGUAGE_OPTIONS, Options } from './fields';
import { Icon } from './Icon';

/** Language switch and theme toggle, shown on every screen. */
export function HeaderControls({ theme, toggleTheme }: { theme: Theme; toggleTheme: () => void }) {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="header-controls">
      <label className="inline-label">
        <span className="sr-only">{t('header.language')}</span>
        <select aria-label={t('header.language')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
          <Options options={LANGUAGE_OPTIONS} />
        </select>
      </label>
      <button type="button" className="btn btn-ghost" aria-pressed={theme === 'dark'} onClick={toggleTheme}>
        <Icon name={theme === 'dark' ? 'sun' : 'moon'} size={20} /> {t('header.theme.dark')}
      </button>
    </div>
  );
}

export function BareHeader({ title, theme, toggleTheme }: { title: string; theme: Theme; toggleTheme: () => void }) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          C
        </span>
        <span className="brand-name">{title}</span>
      </div>
      <HeaderControls theme={theme} toggleTheme={toggleTheme} />
    </header>
  );
}
