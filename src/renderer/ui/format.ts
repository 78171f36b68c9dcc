import type { StoreProfile } from '../../shared/contract/system';
import { type CurrencyCode, formatMoney } from '../../shared/money';
import { useShell } from '../lib/session';

/** Money and dates the way the shop writes them (its currency, locale and time zone), for every screen. */
export function shopFormat(store: StoreProfile | null) {
  const currency = (store?.currency ?? 'UGX') as CurrencyCode;
  const locale = store?.locale ?? 'en';
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: store?.timeZone ?? 'UTC' });
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: store?.timeZone ?? 'UTC' });
  return {
    currency,
    locale,
    money: (n: number) => formatMoney(n, currency, locale),
    plain: (n: number) => formatMoney(n, currency, locale, { code: false }),
    date: (ms: number) => dates.format(ms),
    /** the shop's calendar day as YYYY-MM-DD */
    day: (ms: number) => ymd.format(ms),
  };
}
export type ShopFormat = ReturnType<typeof shopFormat>;

/** `shopFormat` for the signed-in shop. */
export function useShopFormat(): ShopFormat {
  return shopFormat(useShell().store);
}
