import { useId } from 'react';
import type { CashCount } from '../../../shared/contract/shifts';
import { DENOMINATIONS } from '../../../shared/denominations';
import { type CurrencyCode, formatMoney, parseMoney } from '../../../shared/money';
import { useT } from '../../i18n';
import { AmountField } from '../../ui/fields';
import { useShopFormat } from '../../ui/format';

export interface CountState {
  byDenomination: boolean;
  amount: string;
  qty: Record<string, string>;
}

export const emptyCount = (currency: CurrencyCode): CountState => ({
  byDenomination: !!DENOMINATIONS[currency],
  amount: '',
  qty: {},
});

const keyOf = (d: { value: number; kind: string }) => `${d.kind}-${d.value}`;

/** The count as the contract takes it; throws a MoneyParseError on an amount that is not one. */
export function countInput(s: CountState, currency: CurrencyCode, locale: string): CashCount {
  if (!s.byDenomination) return { amount: s.amount.trim() === '' ? 0 : parseMoney(s.amount, currency, locale) };
  return {
    counts: (DENOMINATIONS[currency] ?? [])
      .map((d) => ({ ...d, qty: Number.parseInt(s.qty[keyOf(d)] ?? '', 10) || 0 }))
      .filter((c) => c.qty > 0),
  };
}

export function countTotalOf(s: CountState, currency: CurrencyCode, locale: string): number | null {
  try {
    const c = countInput(s, currency, locale);
    return c.amount ?? (c.counts ?? []).reduce((a, x) => a + x.value * x.qty, 0);
  } catch {
    return null;
  }
}

/**
 * The drawer counted note by note and coin by coin (Tab moves down the list), or as one amount, in the shop's
 * currency.
 */
export function CashCountFields({
  label,
  state,
  onChange,
}: {
  label: string;
  state: CountState;
  onChange: (s: CountState) => void;
}) {
  const t = useT();
  const id = useId();
  const { currency, locale, money } = useShopFormat();
  const list = DENOMINATIONS[currency];
  const total = countTotalOf(state, currency, locale);
  return (
    <fieldset className="cash-count">
      <legend>{label}</legend>
      {list && (
        <label className="check-line">
          <input
            type="checkbox"
            checked={state.byDenomination}
            onChange={(e) => onChange({ ...state, byDenomination: e.target.checked })}
          />
          {t('shift.countBy')}
        </label>
      )}
      {state.byDenomination && list ? (
        <div className="denominations">
          {list.map((d) => {
            const k = keyOf(d);
            return (
              <div className="field denom" key={k}>
                <label htmlFor={`${id}-${k}`}>
                  {t('shift.qtyOf', {
                    value: formatMoney(d.value, currency, locale),
                    kind: t(d.kind === 'note' ? 'shift.note' : 'shift.coin'),
                  })}
                </label>
                <input
                  id={`${id}-${k}`}
                  inputMode="numeric"
                  autoComplete="off"
                  value={state.qty[k] ?? ''}
                  onFocus={(e) => e.target.select()}
                  onChange={(e) =>
                    onChange({ ...state, qty: { ...state.qty, [k]: e.target.value.replace(/\D/g, '') } })
                  }
                />
              </div>
            );
          })}
        </div>
      ) : (
        <AmountField
          id={`${id}-amount`}
          label={t('shift.oneAmount')}
          value={state.amount}
          onChange={(amount) => onChange({ ...state, amount })}
        />
      )}
      <p className="count-total" aria-live="polite">
        {t('shift.counted', { total: total === null ? '—' : money(total) })}
      </p>
    </fieldset>
  );
}
