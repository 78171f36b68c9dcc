import { AppError } from '../../../shared/errors';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables (other than customers) whose rows point at a customer category, read from the live schema. */
function otherReferences(deps: Pick<Deps, 'sqlite'>): Array<{ table: string; column: string }> {
  const tables = deps.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'customers'")
    .pluck()
    .all() as string[];
  const out: Array<{ table: string; column: string }> = [];
  for (const table of tables) {
    let fks: Array<{ table: string; from: string }>;
    try {
      fks = deps.sqlite.prepare(`PRAGMA foreign_key_list(${quote(table)})`).all() as typeof fks;
    } catch {
      continue; // virtual tables
    }
    for (const fk of fks) if (fk.table === 'customer_categories') out.push({ table, column: fk.from });
  }
  return out;
}

/**
 * Deletes a customer category nobody uses. Customers in it (active or inactive) or any other row pointing at it make
 * it refuse with the count, so the shop moves them first; merged records only keep it for history and let go of it.
 */
export function deleteCategory(deps: Pick<Deps, 'sqlite'>, audit: AuditService, actor: Actor, id: string): void {
  deps.sqlite.transaction(() => {
    const cat = deps.sqlite
      .prepare('SELECT id, name, payment_terms_days AS paymentTermsDays FROM customer_categories WHERE id = ?')
      .get(id) as { id: string; name: string; paymentTermsDays: number | null } | undefined;
    if (!cat) throw new AppError('NOT_FOUND', 'That customer category no longer exists.');
    const customers = (
      deps.sqlite
        .prepare("SELECT count(*) AS n FROM customers WHERE category_id = ? AND status <> 'merged'")
        .get(id) as { n: number }
    ).n;
    if (customers > 0)
      throw new AppError(
        'CONFLICT',
        `${cat.name} is the category of ${customers} customer${customers === 1 ? '' : 's'}. Move ${customers === 1 ? 'that customer' : 'them'} to another category first, then delete it.`,
        { customers },
      );
    for (const ref of otherReferences(deps)) {
      const n = (
        deps.sqlite.prepare(`SELECT count(*) AS n FROM ${quote(ref.table)} WHERE ${quote(ref.column)} = ?`).get(id) as {
          n: number;
        }
      ).n;
      if (n > 0)
        throw new AppError('CONFLICT', `${cat.name} is still used (${ref.table}: ${n}); it cannot be deleted.`, {
          table: ref.table,
        });
    }
    deps.sqlite.prepare("UPDATE customers SET category_id = NULL WHERE category_id = ? AND status = 'merged'").run(id);
    deps.sqlite.prepare('DELETE FROM customer_categories WHERE id = ?').run(id);
    audit.record(actor, {
      action: 'customerCategory.delete',
      entity: 'customerCategory',
      entityId: id,
      before: cat,
      after: null,
    });
  })();
}
