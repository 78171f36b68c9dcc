import { useEffect, useRef, useState } from 'react';
import type { LoyaltyQuote } from '../../../shared/contract/loyalty';
import type { Cart } from '../../../shared/contract/sales';
import { useT } from '../../i18n';
import { api } from '../../lib/api';
import { useShell } from '../../lib/session';
import { useApiQuery, useRefetchOnChange } from '../../ui/query';

const DEBOUNCE_MS = 200;

/**
 * The attached customer's points at the till: tier, balance (a negative one in words), the next expiry, what this sale
 * will earn (live from the server), and a redeem action that pays the most the program allows with points.
 */
export function TillLoyaltyPanel({
  customerId,
  cart,
  refreshKey,
  redeemAmount,
  onRedeem,
  money,
  dateText,
}: {
  customerId: string;
  cart: Cart;
  /** bumped after a sale so the balance is read again */
  refreshKey: unknown;
  /** the money the cashier chose to pay with points (0 = none) */
  redeemAmount: number;
  onRedeem: (amount: number) => void;
  money: (n: number) => string;
  dateText: (ms: number) => string;
}) {
  const t = useT();
  const { onError } = useShell();
  const { data: summary, refetch } = useApiQuery('loyalty', 'tillSummary', { customerId });
  const [quote, setQuote] = useState<LoyaltyQuote | null>(null);
  const seq = useRef(0);

  // a sale done: its points are in, read the balance again (not on opening: the query reads it then)
  useRefetchOnChange(refreshKey, refetch);

  useEffect(() => {
    const mine = ++seq.current;
    if (!cart.lines.length) {
      setQuote(null);
      return;
    }
    const timer = setTimeout(() => {
      const payments = redeemAmount > 0 ? [{ method: 'points' as const, amount: redeemAmount }] : [];
      api.loyalty
        .quote({ cart: { ...cart, customerId }, payments })
        .then((q) => mine === seq.current && setQuote(q))
        .catch(onError);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [cart, customerId, redeemAmount, onError]);

  if (!summary) return null;
  if (!summary.enabled) return null;
  const redeemPoints = summary.pointValue > 0 ? Math.floor(redeemAmount / summary.pointValue) : 0;
  return (
    <section className="till-loyalty" aria-labelledby="till-pts-h" data-testid="till-loyalty">
      <h3 id="till-pts-h" className="till-loyalty-title">
        {t('pts.title')}
      </h3>
      <dl className="till-facts">
        {summary.tier && (
          <>
            <dt>{t('pts.tier')}</dt>
            <dd>
              <span className="pill pill-ok">{summary.tier.name}</span>
            </dd>
          </>
        )}
        <dt>{t('pts.balance')}</dt>
        <dd className={summary.balance < 0 ? 'till-owes' : undefined} data-testid="pts-balance">
          {summary.balance < 0 ? t('pts.owed', { points: summary.balance }) : summary.balance}
        </dd>
        {summary.nextExpiry && (
          <>
            <dt>{t('pts.expiring')}</dt>
            <dd>
              {t('pts.expiringValue', { points: summary.nextExpiry.points, date: dateText(summary.nextExpiry.at) })}
            </dd>
          </>
        )}
        {quote && (
          <>
            <dt>{t('pts.earns')}</dt>
            <dd data-testid="pts-earns">{t('pts.earnsValue', { points: quote.earnPoints })}</dd>
          </>
        )}
      </dl>
      {redeemAmount > 0 ? (
        <p className="till-loyalty-redeem">
          <span>{t('pts.redeeming', { amount: money(redeemAmount), points: redeemPoints })}</span>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => onRedeem(0)}>
            {t('pts.cancelRedeem')}
          </button>
        </p>
      ) : (
        quote &&
        (quote.maxRedeemPoints > 0 ? (
          <button type="button" className="btn btn-sm" onClick={() => onRedeem(quote.maxRedeemAmount)}>
            {t('pts.redeem', { points: quote.maxRedeemPoints, amount: money(quote.maxRedeemAmount) })}
          </button>
        ) : (
          quote.noRedeemReason && <p className="till-loyalty-why">{quote.noRedeemReason}</p>
        ))
      )}
    </section>
  );
}
