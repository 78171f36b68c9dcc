import { AppError } from '../../../shared/errors';
import type { Sqlite } from '../../db/open';

export interface CustomerLink {
  table: string;
  column: string;
}

/** The customer's own details, not history: they go with the customer when it is deleted. */
export const OWN_DETAIL_TABLES = new Set(['customer_phones', 'customer_addresses', 'loyalty_cards']);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every column of every table that references customers, read from the live schema (`PRAGMA foreign_key_list`), so a
 * table added by a later migration is covered without changing this code. A reference this code cannot move safely
 * (to a column other than customers.id, or a multi-column key) throws, so a merge never silently leaves rows behind.
 */
export function customerLinks(sqlite: Sqlite): CustomerLink[] {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const out: CustomerLink[] = [];
  for (const { name } of tables) {
    let fks: Array<{ id: number; seq: number; table: string; from: string; to: string | null }>;
    try {
      fks = sqlite.prepare(`PRAGMA foreign_key_list(${quote(name)})`).all() as typeof fks;
    } catch {
      continue; // virtual tables such as customers_fts
    }
    const toCustomers = fks.filter((f) => f.table.toLowerCase() === 'customers');
    const byKey = new Map<number, typeof toCustomers>();
    for (const f of toCustomers) byKey.set(f.id, [...(byKey.get(f.id) ?? []), f]);
    for (const parts of byKey.values()) {
      const [fk] = parts;
      if (!fk || parts.length > 1 || (fk.to !== null && fk.to !== 'id')) {
        throw new AppError(
          'INTERNAL',
          `Table ${name} references customers through ${parts.map((p) => `${p.from} → ${p.to}`).join(', ')}, which merging and deleting do not know how to handle. Nothing was changed.`,
          { table: name },
        );
      }
      out.push({ table: name, column: fk.from });
    }
  }
  return out;
}

export function countLinked(sqlite: Sqlite, link: CustomerLink, customerId: string): number {
  return (
    sqlite
      .prepare(`SELECT count(*) AS n FROM ${quote(link.table)} WHERE ${quote(link.column)} = ?`)
      .get(customerId) as {
      n: number;
    }
  ).n;
}

export function moveLinked(sqlite: Sqlite, link: CustomerLink, fromId: string, toId: string): number {
  try {
    return sqlite
      .prepare(`UPDATE ${quote(link.table)} SET ${quote(link.column)} = ? WHERE ${quote(link.column)} = ?`)
      .run(toId, fromId).changes;
  } catch (err) {
    throw new AppError(
      'CONFLICT',
      `The merge could not move the rows of ${link.table}.${link.column}: ${(err as Error).message}. Nothing was changed.`,
      { table: link.table, column: link.column },
    );
  }
}
