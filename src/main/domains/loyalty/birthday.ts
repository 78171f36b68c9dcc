import type { LoyaltyProgram } from '../../../shared/contract/loyalty';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import { daysInMonth, isoDate, type LocalDate, localDate, startOfLocalDay } from './dates';
import { postPoints } from './entries';
import { expiresAtFor } from './expiry';

const DAY_MS = 86_400_000;
/** A bonus is given from the birthday to this many days after it (a customer who comes in that month still gets it). */
export const BIRTHDAY_GRACE_DAYS = 31;
export const BIRTHDAY_COOL_OFF_DAYS = 365;

/** The birthday in year `y`: 29 February falls on 28 February in other years. */
export function birthdayIn(y: number, dob: string): LocalDate {
  const m = Number(dob.slice(5, 7));
  const d = Number(dob.slice(8, 10));
  return { y, m, d: Math.min(d, daysInMonth(y, m)) };
}

/**
 * The birthday a bonus is due for at `now`, or null: the latest birthday on or before today, if it was at most
 * the grace days ago and no birthday bonus was given in the last 365 days (so editing the birthday gives no second one).
 */
export function birthdayDue(
  dob: string | null,
  now: number,
  lastBonusAt: number | null,
  timeZone: string,
): LocalDate | null {
  if (!dob || !/^\d{4}-\d{2}-\d{2}$/.test(dob)) return null;
  if (lastBonusAt !== null && now - lastBonusAt < BIRTHDAY_COOL_OFF_DAYS * DAY_MS) return null;
  const today = localDate(now, timeZone);
  let day = birthdayIn(today.y, dob);
  if (isoDate(day) > isoDate(today)) day = birthdayIn(today.y - 1, dob);
  const start = startOfLocalDay(day.y, day.m, day.d, timeZone);
  if (now - start >= BIRTHDAY_GRACE_DAYS * DAY_MS) return null;
  return day;
}

interface BirthdayCustomer {
  id: string;
  dob: string | null;
  consent: number;
  status: string;
}

/** Gives the birthday bonus when due and the customer agreed to marketing; returns the points given. */
export function grantBirthday(
  deps: Deps,
  program: LoyaltyProgram,
  customerId: string,
  timeZone: string,
  staffId: string | null,
): number {
  if (!program.enabled || program.birthdayBonus <= 0) return 0;
  const c = stmt(
    deps.sqlite,
    'SELECT id, date_of_birth AS dob, marketing_opt_in AS consent, status FROM customers WHERE id = ?',
  ).get(customerId) as BirthdayCustomer | undefined;
  if (!c?.consent || c.status !== 'active' || !c.dob) return 0;
  const now = deps.clock.now();
  // the last bonus can only refuse one: it is looked for (every points entry of the customer is read for it) only
  // when the birthday is in its grace days, about one sale in twelve, not on every sale
  if (!birthdayDue(c.dob, now, null, timeZone)) return 0;
  const last = stmt(
    deps.sqlite,
    "SELECT max(at) AS at FROM points_entries WHERE customer_id = ? AND kind = 'birthday'",
  ).get(customerId) as { at: number | null };
  const day = birthdayDue(c.dob, now, last.at, timeZone);
  if (!day) return 0;
  const id = postPoints(deps, {
    customerId,
    kind: 'birthday',
    points: program.birthdayBonus,
    operationId: `birthday:${customerId}:${isoDate(day)}`,
    expiresAt: expiresAtFor(program, now, timeZone),
    reason: `birthday ${isoDate(day)}`,
    staffId,
  });
  return id ? program.birthdayBonus : 0;
}

/** Customers whose birthday fell in this or last month and who agreed to marketing: candidates for the daily job. */
export function birthdayCandidates(deps: Deps, now: number, timeZone: string): string[] {
  const { m } = localDate(now, timeZone);
  const prev = m === 1 ? 12 : m - 1;
  return (
    stmt(
      deps.sqlite,
      "SELECT id FROM customers WHERE birth_month IN (?, ?) AND marketing_opt_in = 1 AND status = 'active'",
    ).all(m, prev) as Array<{ id: string }>
  ).map((r) => r.id);
}
