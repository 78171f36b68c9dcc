import type { DebtAlert } from '../../../shared/contract/debts';
import type { TFunction } from '../../i18n';

/** One alert in words: "Over credit limit (UGX 50,000)", "Overdue 45 days", "Owes more than UGX 100,000". */
export function alertText(a: DebtAlert, t: TFunction, money: (n: number) => string, balanceAbove: number | null) {
  if (a.rule === 'overLimit') return t('debt.alert.overLimit', { limit: money(a.creditLimit ?? 0) });
  if (a.rule === 'overdueDays') return t('debt.alert.overdueDays', { days: a.maxDaysPast });
  return t('debt.alert.balanceAbove', { amount: money(balanceAbove ?? 0) });
}
