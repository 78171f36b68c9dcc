import { BUCKET_KEYS, type BucketKey } from '../../../shared/contract/debts';
import type { StoreProfile } from '../../../shared/contract/system';
import { type CurrencyCode, formatMoney } from '../../../shared/money';

export const BUCKETS: readonly BucketKey[] = BUCKET_KEYS;

/** Money and dates the way the shop writes them, for every debts screen. */
export function debtFormat(store: StoreProfile | null) {
  const currency = (store?.currency ?? 'UGX') as CurrencyCode;
  const locale = store?.locale ?? 'en';
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: store?.timeZone ?? 'UTC' });
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: store?.timeZone ?? 'UTC' });
  return {
    currency,
    money: (n: number) => formatMoney(n, currency, locale),
    plain: (n: number) => formatMoney(n, currency, locale, { code: false }),
    date: (ms: number) => dates.format(ms),
    /** the shop's calendar day as YYYY-MM-DD */
    day: (ms: number) => ymd.format(ms),
  };
}

/** The shop's today, from the main process's clock (the server's time, which tests may move). */
export function monthStart(ymd: string): string {
  return `${ymd.slice(0, 8)}01`;
}
