import type { Celebration } from '../../../shared/contract/relationships';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { localDate } from '../debts/dates';

const DAY = 86_400_000;

/** The shop days a range covers: today; today and the next six; today to the end of the calendar month. */
export function daysOf(range: 'today' | 'week' | 'month', now: number, timeZone: string): string[] {
  const today = localDate(now, timeZone);
  if (range === 'today') return [today];
  const days: string[] = [];
  const month = today.slice(0, 7);
  for (let i = 0; i < 31; i++) {
    const d = new Date(Date.parse(`${today}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10);
    if (range === 'week' && i >= 7) break;
    if (range === 'month' && d.slice(0, 7) !== month) break;
    days.push(d);
  }
  return days;
}

/** The month-day a yearly date falls on in `year`: 29 February is kept on 28 February outside leap years. */
function onYear(mmdd: string, year: number): string {
  if (mmdd === '02-29' && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return `${year}-02-28`;
  return `${year}-${mmdd}`;
}

/** Birthdays and first-purchase anniversaries of active customers on the range's days, soonest first. */
export function celebrations(
  sqlite: Sqlite,
  range: 'today' | 'week' | 'month',
  now: number,
  timeZone: string,
): Celebration[] {
  const days = daysOf(range, now, timeZone);
  const byDay = new Set(days);
  const months = [...new Set(days.map((d) => Number(d.slice(5, 7))))];
  const out: Celebration[] = [];
  const born = stmt(
    sqlite,
    `SELECT id, display_name AS name, date_of_birth AS dob, phone_primary_e164 AS phone, email FROM customers
     WHERE birth_month IN (SELECT value FROM json_each(?)) AND status = 'active' AND date_of_birth IS NOT NULL`,
  ).all(JSON.stringify(months)) as Array<{
    id: string;
    name: string;
    dob: string;
    phone: string | null;
    email: string | null;
  }>;
  for (const c of born) {
    for (const d of days) {
      const year = Number(d.slice(0, 4));
      if (onYear(c.dob.slice(5, 10), year) !== d) continue;
      const by = Number(c.dob.slice(0, 4));
      out.push({
        customerId: c.id,
        name: c.name,
        kind: 'birthday',
        date: d,
        years: by > 1900 && by <= year ? year - by : null,
        phone: c.phone,
        email: c.email,
      });
    }
  }
  // the first purchase: the old system's first date when one was imported, else the first completed sale here
  const first = stmt(
    sqlite,
    `SELECT c.id, c.display_name AS name, c.phone_primary_e164 AS phone, c.email,
       coalesce(c.opening_first_at, (SELECT min(o.completed_at) FROM sales_orders o
         WHERE o.customer_id = c.id AND o.status = 'completed')) AS firstAt
     FROM customers c WHERE c.status = 'active' AND (c.opening_first_at IS NOT NULL OR c.total_spent > 0)`,
  ).all() as Array<{ id: string; name: string; phone: string | null; email: string | null; firstAt: number | null }>;
  for (const c of first) {
    if (c.firstAt === null) continue;
    const firstDay = localDate(c.firstAt, timeZone);
    for (const d of days) {
      const years = Number(d.slice(0, 4)) - Number(firstDay.slice(0, 4));
      if (years < 1 || !byDay.has(d) || onYear(firstDay.slice(5, 10), Number(d.slice(0, 4))) !== d) continue;
      out.push({
        customerId: c.id,
        name: c.name,
        kind: 'first_purchase',
        date: d,
        years,
        phone: c.phone,
        email: c.email,
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}
