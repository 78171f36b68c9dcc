import type { z } from 'zod';
import type {
  Celebration,
  FollowUp,
  FollowUpChange,
  FollowUpDraft,
  Interaction,
  InteractionDraft,
  TimelineEntry,
  TimelineQuery,
} from '../../../shared/contract/relationships';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import { oldestDue } from '../debts/aging';
import { dayEnd, localDate } from '../debts/dates';
import { openItemsOf } from '../debts/open-items';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings/service';
import { celebrations } from './celebrations';
import { timeline } from './timeline';

const DAY = 86_400_000;

interface FollowUpRow {
  id: string;
  customerId: string;
  customerName: string;
  title: string;
  note: string;
  dueAt: number;
  assignedStaffId: string | null;
  assignedStaffName: string | null;
  status: FollowUp['status'];
  snoozedUntil: number | null;
  source: FollowUp['source'];
  sourceRef: string | null;
  closedAt: number | null;
  createdAt: number;
}

const FOLLOW_UP_SQL = `SELECT f.id, f.customer_id AS customerId, c.display_name AS customerName, f.title, f.note,
  f.due_at AS dueAt, f.assigned_staff_id AS assignedStaffId, s.name AS assignedStaffName, f.status,
  f.snoozed_until AS snoozedUntil, f.source, f.source_ref AS sourceRef, f.closed_at AS closedAt, f.created_at AS createdAt
  FROM follow_ups f JOIN customers c ON c.id = f.customer_id LEFT JOIN staff s ON s.id = f.assigned_staff_id`;

const INTERACTION_SQL = `SELECT id, customer_id AS customerId, kind, channel, outcome, text, at, staff_id AS staffId,
  staff_name AS staffName FROM interactions`;

/** The staff's side of a customer relationship: contacts logged, and the follow-ups that come out of them. */
export class RelationshipService {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
  ) {}

  private customer(id: string): { id: string; name: string; status: string } {
    const c = stmt(this.deps.sqlite, 'SELECT id, display_name AS name, status FROM customers WHERE id = ?').get(id) as
      | { id: string; name: string; status: string }
      | undefined;
    if (!c) throw new AppError('NOT_FOUND', 'That customer was not found.', { id });
    if (c.status === 'merged')
      throw new AppError('CONFLICT', `${c.name} was merged into another customer; open that customer instead.`);
    return c;
  }

  private staffExists(id: string | null): void {
    if (id === null) return;
    const s = stmt(this.deps.sqlite, 'SELECT 1 FROM staff WHERE id = ?').get(id);
    if (!s) throw new AppError('VALIDATION', 'The staff member to assign it to was not found.', { id });
  }

  logInteraction(actor: Actor, input: InteractionDraft): Interaction {
    const now = this.deps.clock.now();
    const at = input.at ?? now;
    if (at > now + 60_000)
      throw new AppError('VALIDATION', 'A contact cannot be logged in the future; check the time.');
    return this.deps.sqlite.transaction(() => {
      const c = this.customer(input.customerId);
      const row: Interaction = {
        id: this.deps.newId(),
        customerId: c.id,
        kind: input.kind,
        channel: input.channel,
        outcome: input.outcome ? input.outcome : null,
        text: input.text,
        at,
        staffId: actor.id,
        staffName: actor.name,
      };
      stmt(
        this.deps.sqlite,
        `INSERT INTO interactions (id, customer_id, kind, channel, outcome, text, at, staff_id, staff_name, created_at,
           till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        row.id,
        c.id,
        row.kind,
        row.channel,
        row.outcome,
        row.text,
        at,
        actor.id,
        actor.name,
        now,
        this.deps.tillId(),
      );
      this.audit.record(actor, {
        action: 'interaction.log',
        entity: 'customer',
        entityId: c.id,
        after: {
          interactionId: row.id,
          kind: row.kind,
          channel: row.channel,
          outcome: row.outcome,
          text: row.text,
          at,
        },
      });
      return row;
    })();
  }

  timeline(q: TimelineQuery): { rows: TimelineEntry[]; nextBefore: number | null } {
    this.customer(q.customerId);
    return timeline(this.deps.sqlite, q);
  }

  celebrations(range: 'today' | 'week' | 'month'): Celebration[] {
    return celebrations(this.deps.sqlite, range, this.deps.clock.now(), this.settings.store().timeZone);
  }

  interaction(id: string): Interaction {
    const r = stmt(this.deps.sqlite, `${INTERACTION_SQL} WHERE id = ?`).get(id) as Interaction | undefined;
    if (!r) throw new AppError('NOT_FOUND', 'That contact was not found.', { id });
    return r;
  }

  createFollowUp(
    actor: Actor,
    input: z.output<typeof FollowUpDraft> & {
      source?: FollowUp['source'];
      sourceRef?: string | null;
    },
  ): FollowUp {
    return this.deps.sqlite.transaction(() => {
      const c = this.customer(input.customerId);
      this.staffExists(input.assignedStaffId);
      const id = this.deps.newId();
      const now = this.deps.clock.now();
      const source = input.source ?? 'manual';
      stmt(
        this.deps.sqlite,
        `INSERT INTO follow_ups (id, customer_id, title, note, due_at, assigned_staff_id, status, source, source_ref,
           created_at, updated_at, created_by, till_id) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        c.id,
        input.title,
        input.note,
        input.dueAt,
        input.assignedStaffId,
        source,
        input.sourceRef ?? null,
        now,
        now,
        actor.id,
        this.deps.tillId(),
      );
      this.audit.record(actor, {
        action: 'followup.create',
        entity: 'customer',
        entityId: c.id,
        after: {
          followUpId: id,
          title: input.title,
          dueAt: input.dueAt,
          assignedStaffId: input.assignedStaffId,
          source,
          sourceRef: input.sourceRef ?? null,
        },
      });
      return this.followUp(id);
    })();
  }

  /** "Collect payment" from an overdue debt: what is owed and since when goes into the task's words. */
  followUpFromDebt(actor: Actor, input: { customerId: string; assignedStaffId: string | null }): FollowUp {
    const c = this.customer(input.customerId);
    const now = this.deps.clock.now();
    // every entry so far, including one written this millisecond
    const items = openItemsOf(this.deps.sqlite, c.id, Number.MAX_SAFE_INTEGER);
    const overdue = items.open.filter((d) => d.dueAt < now);
    const owed = overdue.reduce((n, d) => n + d.open, 0);
    if (items.balance <= 0 || owed <= 0)
      throw new AppError('CONFLICT', `${c.name} has nothing overdue; there is no debt to collect.`);
    const open = stmt(
      this.deps.sqlite,
      "SELECT id FROM follow_ups WHERE customer_id = ? AND source = 'overdue_debt' AND status IN ('open', 'snoozed')",
    ).get(c.id) as { id: string } | undefined;
    if (open) throw new AppError('CONFLICT', `${c.name} already has an open follow-up to collect this debt.`, open);
    const store = this.settings.store();
    const due = oldestDue({ ...items, open: overdue });
    const amount = formatMoney(Math.min(owed, items.balance), store.currency as CurrencyCode, store.locale);
    return this.createFollowUp(actor, {
      customerId: c.id,
      title: `Collect payment: ${amount} overdue`,
      note: due === null ? '' : `Oldest unpaid invoice was due ${localDate(due, store.timeZone)}.`,
      dueAt: now,
      assignedStaffId: input.assignedStaffId,
      source: 'overdue_debt',
      sourceRef: overdue[0]?.entryId ?? null,
    });
  }

  followUpFromComplaint(actor: Actor, input: { interactionId: string; assignedStaffId: string | null }): FollowUp {
    const i = this.interaction(input.interactionId);
    if (i.kind !== 'complaint') throw new AppError('VALIDATION', 'Only a complaint can be turned into a call-back.');
    const words = i.text.length > 80 ? `${i.text.slice(0, 79)}…` : i.text;
    return this.createFollowUp(actor, {
      customerId: i.customerId,
      title: 'Call back about the complaint',
      note: words,
      dueAt: this.deps.clock.now() + DAY,
      assignedStaffId: input.assignedStaffId,
      source: 'complaint',
      sourceRef: i.id,
    });
  }

  changeFollowUp(actor: Actor, change: FollowUpChange): FollowUp {
    return this.deps.sqlite.transaction(() => {
      const before = this.followUp(change.id);
      const now = this.deps.clock.now();
      const closed = before.status === 'done' || before.status === 'cancelled';
      let status = before.status;
      let snoozedUntil = before.snoozedUntil;
      let closedAt = before.closedAt;
      let assigned = before.assignedStaffId;
      let note = before.note;
      const addNote = (extra: string | undefined) => {
        if (extra) note = note ? `${note}\n${extra}` : extra;
      };
      switch (change.action) {
        case 'done':
        case 'cancel':
          if (closed) throw new AppError('CONFLICT', `This follow-up is already ${before.status}.`);
          status = change.action === 'done' ? 'done' : 'cancelled';
          closedAt = now;
          snoozedUntil = null;
          addNote(change.note);
          break;
        case 'snooze':
          if (closed) throw new AppError('CONFLICT', `This follow-up is ${before.status}; reopen it first.`);
          if (change.until <= now) throw new AppError('VALIDATION', 'Snooze until a time that is still to come.');
          status = 'snoozed';
          snoozedUntil = change.until;
          break;
        case 'reopen':
          if (!closed && before.status !== 'snoozed') throw new AppError('CONFLICT', 'This follow-up is already open.');
          status = 'open';
          closedAt = null;
          snoozedUntil = null;
          break;
        case 'assign':
          this.staffExists(change.assignedStaffId);
          assigned = change.assignedStaffId;
          break;
      }
      stmt(
        this.deps.sqlite,
        `UPDATE follow_ups SET status = ?, snoozed_until = ?, closed_at = ?, assigned_staff_id = ?, note = ?,
           updated_at = ? WHERE id = ?`,
      ).run(status, snoozedUntil, closedAt, assigned, note, now, before.id);
      const pick = (f: FollowUp) => ({
        status: f.status,
        snoozedUntil: f.snoozedUntil,
        assignedStaffId: f.assignedStaffId,
        note: f.note,
      });
      const after = this.followUp(before.id);
      this.audit.record(actor, {
        action: `followup.${change.action}`,
        entity: 'customer',
        entityId: before.customerId,
        before: { followUpId: before.id, ...pick(before) },
        after: { followUpId: before.id, ...pick(after) },
      });
      return after;
    })();
  }

  followUp(id: string): FollowUp {
    const r = stmt(this.deps.sqlite, `${FOLLOW_UP_SQL} WHERE f.id = ?`).get(id) as FollowUpRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', 'That follow-up was not found.', { id });
    return this.shape(r);
  }

  private shape(r: FollowUpRow): FollowUp {
    const open = r.status === 'open' || r.status === 'snoozed';
    return { ...r, overdue: open && r.dueAt < this.deps.clock.now() };
  }

  /** Open first (soonest due), then the closed ones newest first. */
  forCustomer(customerId: string, includeClosed: boolean): FollowUp[] {
    const rows = stmt(
      this.deps.sqlite,
      `${FOLLOW_UP_SQL} WHERE f.customer_id = ? AND (? OR f.status IN ('open', 'snoozed'))
       ORDER BY f.status IN ('open', 'snoozed') DESC, CASE WHEN f.status IN ('open', 'snoozed') THEN f.due_at
         ELSE -coalesce(f.closed_at, f.updated_at) END, f.id LIMIT 500`,
    ).all(customerId, includeClosed ? 1 : 0) as FollowUpRow[];
    return rows.map((r) => this.shape(r));
  }

  /** What to do today: open tasks due by the end of the shop day and snoozed ones whose time has come. */
  today(actor: Actor, q: { mine: boolean; limit: number }) {
    const store = this.settings.store();
    const now = this.deps.clock.now();
    const date = localDate(now, store.timeZone);
    const end = dayEnd(date, store.timeZone);
    const mine = q.mine && actor.id !== null;
    const where = `((f.status = 'open' AND f.due_at < :end) OR (f.status = 'snoozed' AND f.snoozed_until <= :now))
      AND (:mine = 0 OR f.assigned_staff_id = :staff OR f.assigned_staff_id IS NULL)`;
    const params = { end, now, mine: mine ? 1 : 0, staff: actor.id };
    const counts = stmt(
      this.deps.sqlite,
      `SELECT count(*) AS count, coalesce(sum(f.due_at < :now), 0) AS overdue FROM follow_ups f WHERE ${where}`,
    ).get(params) as { count: number; overdue: number };
    const rows = stmt(this.deps.sqlite, `${FOLLOW_UP_SQL} WHERE ${where} ORDER BY f.due_at, f.id LIMIT :limit`).all({
      ...params,
      limit: q.limit,
    }) as FollowUpRow[];
    return { date, count: counts.count, overdue: counts.overdue, rows: rows.map((r) => this.shape(r)) };
  }
}
