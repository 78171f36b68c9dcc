import type { LoyaltyProgram } from '../../../shared/contract/loyalty';
import { AppError } from '../../../shared/errors';
import { mulDivFloor } from './earn';

export interface Redeemable {
  maxPoints: number;
  maxAmount: number;
  /** why nothing can be redeemed, or null */
  reason: string | null;
}

/**
 * The most points a sale of `saleTotal` may be paid with: no more than the balance, no more than the program's share
 * of the sale, in whole points, and nothing when that is below the minimum.
 */
export function redeemable(program: LoyaltyProgram, balance: number, saleTotal: number): Redeemable {
  const none = (reason: string) => ({ maxPoints: 0, maxAmount: 0, reason });
  if (!program.enabled) return none('The loyalty program is switched off.');
  const r = program.redeem;
  if (r.maxSharePercent === 0) return none('Points cannot pay for sales in this shop.');
  if (balance <= 0) return none('No points to redeem.');
  const byShare = Math.floor(mulDivFloor(saleTotal, r.maxSharePercent, 100) / r.pointValue);
  const maxPoints = Math.min(balance, byShare);
  if (maxPoints < Math.max(1, r.minPoints))
    return none(
      balance < r.minPoints
        ? `At least ${r.minPoints} points are needed to redeem.`
        : 'This sale is too small to pay with points.',
    );
  return { maxPoints, maxAmount: maxPoints * r.pointValue, reason: null };
}

/**
 * Checks a 'points' payment of `amount` (money) against the program and the balance; returns the points it takes.
 * Throws with words the cashier can act on.
 */
export function checkRedemption(
  program: LoyaltyProgram,
  input: { amount: number; balance: number; saleTotal: number; hasCustomer: boolean; money: (n: number) => string },
): number {
  if (!program.enabled) throw new AppError('VALIDATION', 'The loyalty program is switched off: take another payment.');
  if (!input.hasCustomer)
    throw new AppError('VALIDATION', 'Paying with points needs a customer: scan their card or search for them first.');
  const r = program.redeem;
  if (input.amount % r.pointValue !== 0)
    throw new AppError(
      'VALIDATION',
      `Points pay in steps of ${input.money(r.pointValue)} (one point): ${input.money(input.amount)} is not a whole number of points.`,
    );
  const points = input.amount / r.pointValue;
  if (points < r.minPoints)
    throw new AppError('VALIDATION', `At least ${r.minPoints} points must be redeemed at once (${points} asked).`);
  const maxAmount = mulDivFloor(input.saleTotal, r.maxSharePercent, 100);
  if (input.amount > maxAmount)
    throw new AppError(
      'VALIDATION',
      `Points may pay at most ${r.maxSharePercent}% of a sale (${input.money(maxAmount)} here), not ${input.money(input.amount)}.`,
    );
  if (points > input.balance)
    throw new AppError(
      'VALIDATION',
      `The customer has ${Math.max(0, input.balance)} points, not the ${points} asked. Redeem fewer points.`,
      { balance: input.balance },
    );
  return points;
}
