import { and, desc, eq, gte, lt, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { AuditQuery, AuditRow } from '../../../shared/contract/audit';
import { auditLog } from '../../db/schema';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';

export interface Actor {
  id: string | null;
  name: string;
}
export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Field-by-field differences between two plain records (only fields that changed). */
export function diffFields(before: object | null, after: object | null): FieldChange[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const out: FieldChange[] = [];
  for (const field of fields) {
    if (JSON.stringify(b[field]) !== JSON.stringify(a[field])) {
      out.push({ field, before: b[field] ?? null, after: a[field] ?? null });
    }
  }
  return out;
}

/**
 * A bulk entry holds a table of records, one row each (`{ fields, rows }`: a customer import's creations); the log
 * lists it as its count, and each record's own history shows its row.
 */
function listed(c: FieldChange): FieldChange {
  const table = c.after as { fields?: unknown; rows?: unknown } | null;
  if (typeof table !== 'object' || !table || !Array.isArray(table.fields) || !Array.isArray(table.rows)) return c;
  return { field: c.field, before: c.before, after: table.rows.length };
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
  changes?: FieldChange[];
  note?: string | null;
}

/** Every mutation of people, settings or money writes one row here, inside the mutation's own transaction. */
export class AuditService {
  constructor(private deps: Deps) {}

  record(actor: Actor, entry: AuditEntry): void {
    const changes = entry.changes ?? diffFields(entry.before ?? null, entry.after ?? null);
    // a prepared statement rather than the query builder: every sale and import row writes one, and building the
    // INSERT each time cost more than writing it
    stmt(
      this.deps.sqlite,
      `INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, changes, note, till_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      this.deps.newId(),
      this.deps.clock.now(),
      actor.id,
      actor.name,
      entry.action,
      entry.entity,
      entry.entityId ?? null,
      JSON.stringify(changes),
      entry.note ?? null,
      this.deps.tillId(),
    );
    this.deps.events.emit('audit.appended', { entity: entry.entity, action: entry.action });
  }

  list(q: z.output<typeof AuditQuery>): { rows: AuditRow[]; nextCursor: string | null } {
    const where = and(
      q.entity ? eq(auditLog.entity, q.entity) : undefined,
      q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
      q.action ? eq(auditLog.action, q.action) : undefined,
      q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
      q.from !== undefined ? gte(auditLog.at, q.from) : undefined,
      q.to !== undefined ? lte(auditLog.at, q.to) : undefined,
      // ids are time-ordered, so the id is a stable keyset cursor
      q.cursor ? lt(auditLog.id, q.cursor) : undefined,
    );
    const rows = this.deps.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.limit + 1)
      .all();
    const page = rows.slice(0, q.limit).map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      changes: (r.changes as FieldChange[]).map(listed),
      note: r.note,
    }));
    return { rows: page, nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
  }
}
