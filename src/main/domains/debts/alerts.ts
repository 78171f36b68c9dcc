import type { AlertRule, DebtAlert, DebtSettings } from '../../../shared/contract/debts';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { type DebtorFigures, figures } from './debtors';
import type { CustomerOpenItems } from './open-items';

const DAY = 86_400_000;

interface Subject {
  id: string;
  name: string;
  creditLimit: number | null;
}

/** Which of the owner's rules a debtor breaks, in the order the screens list them. */
export function brokenRules(f: DebtorFigures, creditLimit: number | null, rules: DebtSettings['alerts']): AlertRule[] {
  const out: AlertRule[] = [];
  if (rules.overLimit && creditLimit !== null && f.balance > creditLimit) out.push('overLimit');
  if (rules.overdueDays !== null && f.maxDaysPast > rules.overdueDays && f.overdue > 0) out.push('overdueDays');
  if (rules.balanceAbove !== null && f.balance > rules.balanceAbove) out.push('balanceAbove');
  return out;
}

interface Ack {
  customerId: string;
  rule: string;
  action: 'snooze' | 'dismiss';
  until: number | null;
  at: number;
}

/**
 * Alerts and what people did about them. A snooze hides an alert until its end; a dismissal hides it until the
 * account moves again (a new entry after the dismissal), so a customer who buys more on credit shows up again.
 */
export class DebtAlerts {
  constructor(
    private deps: Pick<Deps, 'sqlite' | 'clock' | 'newId'>,
    private audit: AuditService,
  ) {}

  /** Every alert standing now, most urgent (largest balance) first. */
  list(
    items: Iterable<CustomerOpenItems>,
    end: number,
    rules: DebtSettings['alerts'],
    defaultLimit: number | null,
  ): DebtAlert[] {
    const all = [...items].filter((it) => it.balance > 0);
    const subjects = this.subjects(all.map((it) => it.customerId));
    const out: DebtAlert[] = [];
    const acks = this.latestAcks();
    for (const it of all) {
      const s = subjects.get(it.customerId);
      if (!s) continue;
      out.push(...this.alertsOf(it, s, end, rules, defaultLimit, acks));
    }
    return out.sort((a, b) => b.balance - a.balance || (a.customerId < b.customerId ? -1 : 1));
  }

  alertsOf(
    it: CustomerOpenItems,
    s: Subject,
    end: number,
    rules: DebtSettings['alerts'],
    defaultLimit: number | null,
    acks = this.latestAcks(it.customerId),
  ): DebtAlert[] {
    const f = figures(it, end);
    const limit = s.creditLimit ?? defaultLimit;
    const now = this.deps.clock.now();
    return brokenRules(f, limit, rules)
      .filter((rule) => !this.hidden(acks.get(`${it.customerId}:${rule}`), now))
      .map((rule) => ({
        customerId: it.customerId,
        name: s.name,
        rule,
        balance: f.balance,
        creditLimit: limit,
        overdue: f.overdue,
        oldestDueAt: f.oldestDueAt,
        maxDaysPast: f.maxDaysPast,
      }));
  }

  subject(customerId: string): Subject | undefined {
    return this.subjects([customerId]).get(customerId);
  }

  private subjects(ids: string[]): Map<string, Subject> {
    const rows = stmt(
      this.deps.sqlite,
      `SELECT id, display_name AS name, credit_limit AS creditLimit FROM customers
       WHERE id IN (SELECT value FROM json_each(?)) AND status <> 'merged'`,
    ).all(JSON.stringify(ids)) as Subject[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  private hidden(ack: Ack | undefined, now: number): boolean {
    if (!ack) return false;
    if (ack.action === 'snooze') return (ack.until ?? 0) > now;
    const moved = stmt(this.deps.sqlite, 'SELECT 1 FROM account_entries WHERE customer_id = ? AND at > ? LIMIT 1').get(
      ack.customerId,
      ack.at,
    );
    return !moved;
  }

  /** The latest snooze or dismissal per customer and rule (the table is small: people write it by hand). */
  private latestAcks(customerId?: string): Map<string, Ack> {
    const rows = stmt(
      this.deps.sqlite,
      `SELECT customer_id AS customerId, rule, action, until, at FROM debt_alert_acks
       WHERE (:c IS NULL OR customer_id = :c) ORDER BY at, id`,
    ).all({ c: customerId ?? null }) as Ack[];
    return new Map(rows.map((r) => [`${r.customerId}:${r.rule}`, r]));
  }

  ack(actor: Actor, input: { customerId: string; rule: AlertRule; action: 'snooze' | 'dismiss'; days: number }): void {
    const sqlite: Sqlite = this.deps.sqlite;
    sqlite.transaction(() => {
      const now = this.deps.clock.now();
      const until = input.action === 'snooze' ? now + input.days * DAY : null;
      const id = this.deps.newId();
      stmt(
        sqlite,
        `INSERT INTO debt_alert_acks (id, customer_id, rule, action, until, staff_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, input.customerId, input.rule, input.action, until, actor.id, now);
      this.audit.record(actor, {
        action: `debtAlert.${input.action}`,
        entity: 'customer',
        entityId: input.customerId,
        after: { rule: input.rule, action: input.action, until },
      });
    })();
  }
}

export interface NewlyOverdue {
  customerId: string;
  name: string;
  documentNo: string | null;
  open: number;
  dueAt: number;
}

/**
 * Open debits that fell overdue after the shop day `seenEnd` ended and by the end of today (`end`): what the
 * daily summary lists at a staff member's first sign-in of the day.
 */
export function newlyOverdue(
  sqlite: Sqlite,
  items: Iterable<CustomerOpenItems>,
  seenEnd: number,
  end: number,
): NewlyOverdue[] {
  const hits: Array<Omit<NewlyOverdue, 'name'>> = [];
  for (const it of items)
    for (const d of it.open)
      if (d.dueAt <= end - DAY && d.dueAt > seenEnd - DAY)
        hits.push({ customerId: it.customerId, documentNo: d.documentNo, open: d.open, dueAt: d.dueAt });
  const names = new Map(
    (
      stmt(sqlite, 'SELECT id, display_name AS name FROM customers WHERE id IN (SELECT value FROM json_each(?))').all(
        JSON.stringify([...new Set(hits.map((h) => h.customerId))]),
      ) as Array<{ id: string; name: string }>
    ).map((r) => [r.id, r.name]),
  );
  return hits
    .map((h) => ({ ...h, name: names.get(h.customerId) ?? '' }))
    .sort((a, b) => b.open - a.open || a.dueAt - b.dueAt);
}
