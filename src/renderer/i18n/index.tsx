import { IntlMessageFormat } from 'intl-messageformat';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import type { Language } from '../../shared/contract/system';
import { en, type MessageKey } from './en';
import { id } from './id';
import { sw } from './sw';

export type Lang = Language;
export type { MessageKey };
export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { en, id, sw };
export const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', id: 'Bahasa Indonesia', sw: 'Kiswahili' };

export type MessageValues = Record<string, string | number>;
export type TFunction = (key: MessageKey, vars?: MessageValues) => string;

const compiled = new Map<string, IntlMessageFormat>();

/** The message compiled once per language (ICU MessageFormat: plurals, selects, numbers); `<` is plain text. */
function message(lang: Lang, key: MessageKey): IntlMessageFormat {
  const cacheKey = `${lang}\u0000${key}`;
  let m = compiled.get(cacheKey);
  if (!m) {
    m = new IntlMessageFormat(DICTIONARIES[lang][key] ?? en[key] ?? key, lang, undefined, { ignoreTag: true });
    compiled.set(cacheKey, m);
  }
  return m;
}

export function translate(lang: Lang, key: MessageKey, vars?: MessageValues): string {
  try {
    return String(message(lang, key).format(vars));
  } catch {
    // a value the message names was not given: show the message with what was given, never a blank or a crash
    const text = DICTIONARIES[lang][key] ?? en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
  }
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue>({ lang: 'en', setLang: () => {}, t: (k, v) => translate('en', k, v) });

export function I18nProvider({
  lang,
  setLang,
  children,
}: {
  lang: Lang;
  setLang: (l: Lang) => void;
  children: ReactNode;
}) {
  const t = useCallback<TFunction>((key, vars) => translate(lang, key, vars), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

/** `const t = useT(); t('nav.till')` */
export function useT(): TFunction {
  return useContext(I18nContext).t;
}
