import { BUCKET_KEYS, type BucketKey } from '../../../shared/contract/debts';
import { shopFormat } from '../../ui/format';

export const BUCKETS: readonly BucketKey[] = BUCKET_KEYS;

/** Money and dates the way the shop writes them, for every debts screen (the kit's `shopFormat`). */
export const debtFormat = shopFormat;

/** The shop's today, from the main process's clock (the server's time, which tests may move). */
export function monthStart(ymd: string): string {
  return `${ymd.slice(0, 8)}01`;
}
