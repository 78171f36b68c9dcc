import type { AuditRow } from '../../../../shared/contract/audit';
import type { Sqlite } from '../../../db/open';
import type { Actor } from '../../audit/service';
import type { Deps } from '../../deps';

/**
 * An import's customer creations are audited a few hundred customers to an audit entry instead of one entry each:
 * at 100k customers one 1.2 KB entry per customer was 40% of the import's time and most of the database it wrote.
 * Each entry keeps, per customer, every field of the record as created (who, when, from which file and row), and a
 * customer's history shows its creation exactly as a per-customer 'customer.create' entry would (importedCreation).
 */
export const CREATIONS_ACTION = 'customer.importCreate';
/** entity id: the first customer id of the entry (ids are time-ordered, so a customer's entry is found by one seek) */
export const CREATIONS_ENTITY = 'customerImportRows';
const PER_ENTRY = 500;

/** what one entry's single change holds as its `after` */
interface Creations {
  file: string;
  /** every field of the audit view, sorted */
  fields: string[];
  /** fields with the same value for every customer of the entry */
  same: Record<string, unknown>;
  /** per customer: id, file row, then the other fields' values in `fields` order */
  rows: unknown[][];
}

type View = Record<string, unknown>;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b || (a == null && b == null)) return true;
  return Array.isArray(a) && Array.isArray(b) && a.length === 0 && b.length === 0;
}

/** Collects the customers an import creates and writes their creation entries; call finish() before the commit. */
export class CreationLog {
  private pending: Array<{ id: string; line: number; view: View }> = [];
  private fields?: string[];
  private insert;

  constructor(
    private deps: Deps,
    private actor: Actor,
    private fileName: string,
    private at: number,
    private tillId: string,
  ) {
    this.insert = deps.sqlite.prepare(
      `INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, changes, note, till_id)
       VALUES (?, ?, ?, ?, '${CREATIONS_ACTION}', '${CREATIONS_ENTITY}', ?, ?, ?, ?)`,
    );
  }

  /** `view` is CustomerService.auditView of the record as created */
  add(id: string, line: number, view: View): void {
    this.pending.push({ id, line, view });
    if (this.pending.length >= PER_ENTRY) this.finish();
  }

  finish(): void {
    const pending = this.pending;
    const first = pending[0];
    if (!first) return;
    this.pending = [];
    this.fields ??= Object.keys(first.view).sort();
    const fields = this.fields;
    const same: View = {};
    const varying: string[] = [];
    for (const f of fields) {
      const v = first.view[f];
      if (pending.every((p) => sameValue(p.view[f], v))) same[f] = v ?? null;
      else varying.push(f);
    }
    const creations: Creations = {
      file: this.fileName,
      fields,
      same,
      rows: pending.map((p) => [p.id, p.line, ...varying.map((f) => p.view[f] ?? null)]),
    };
    const lines = pending.map((p) => p.line);
    this.insert.run(
      this.deps.newId(),
      this.at,
      this.actor.id,
      this.actor.name,
      first.id,
      JSON.stringify([{ field: 'customers', before: null, after: creations }]),
      `Imported from ${this.fileName}: ${pending.length} customers created from rows ${Math.min(...lines)} to ${Math.max(...lines)}`,
      this.tillId,
    );
  }
}

/**
 * A customer's creation by an import as the 'customer.create' entry its history shows (with its creations entry's
 * id), or null if no import created it.
 */
export function importedCreation(sqlite: Sqlite, customerId: string): AuditRow | null {
  const entries = sqlite
    .prepare(
      `SELECT id, at, actor_id AS actorId, actor_name AS actorName, changes FROM audit_log
       WHERE entity = ? AND entity_id <= ? ORDER BY entity_id DESC LIMIT 2`,
    )
    .all(CREATIONS_ENTITY, customerId) as Array<{
    id: string;
    at: number;
    actorId: string | null;
    actorName: string;
    changes: string;
  }>;
  for (const e of entries) {
    if (!e.changes.includes(`"${customerId}"`)) continue;
    const c = (JSON.parse(e.changes) as Array<{ after: Creations }>)[0]?.after;
    const row = c?.rows.find((r) => r[0] === customerId);
    if (!c || !row) continue;
    const changes: AuditRow['changes'] = [];
    let at = 2;
    for (const field of c.fields) {
      const value = Object.hasOwn(c.same, field) ? c.same[field] : row[at++];
      if (value !== null && value !== undefined) changes.push({ field, before: null, after: value });
    }
    return {
      id: e.id,
      at: e.at,
      actorId: e.actorId,
      actorName: e.actorName,
      action: 'customer.create',
      entity: 'customer',
      entityId: customerId,
      changes,
      note: `Imported from ${c.file}, row ${row[1]}`,
    };
  }
  return null;
}

type Page = { rows: AuditRow[]; nextCursor: string | null };

/** A customer's history page with its creation by an import added where it belongs: last, the oldest entry. */
export function withImportedCreation(
  sqlite: Sqlite,
  customerId: string,
  cursor: string | undefined,
  limit: number,
  page: Page,
): Page {
  // more pages to come, or a creation of its own (made by hand, or imported before creations were kept this way)
  if (page.nextCursor !== null || page.rows.some((r) => r.action === 'customer.create')) return page;
  const created = importedCreation(sqlite, customerId);
  // the creation is the oldest entry whatever its id: an update by the same import is audited before the creations'
  // entry is written, so only a cursor at the creation itself means it was shown already
  if (!created || cursor === created.id) return page;
  const last = page.rows.at(-1);
  if (page.rows.length < limit || !last) return { rows: [...page.rows, created], nextCursor: null };
  return { rows: page.rows, nextCursor: last.id };
}
