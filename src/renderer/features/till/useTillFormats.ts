import { useCallback, useMemo } from 'react';
import type { StoreProfile } from '../../../shared/contract/system';
import { type CurrencyCode, formatMoney } from '../../../shared/money';

/** Money, dates and times the way this shop writes them (its locale, currency and time zone). */
export function useTillFormats(store: StoreProfile | null, quoteCurrency: CurrencyCode | undefined) {
  const currency: CurrencyCode = quoteCurrency ?? store?.currency ?? 'UGX';
  const locale = store?.locale ?? 'en';
  const timeZone = store?.timeZone;
  const money = useCallback((n: number) => formatMoney(n, currency, locale), [currency, locale]);
  const dateFmt = useMemo(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...(timeZone ? { timeZone } : {}) }),
    [locale, timeZone],
  );
  const timeFmt = useMemo(
    () =>
      new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }),
    [locale, timeZone],
  );
  return { currency, locale, money, dateFmt, timeFmt };
}
