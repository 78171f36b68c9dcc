import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open';

const caches = new WeakMap<Sqlite, Map<string, Statement>>();

/** A prepared statement, compiled once per connection: the checkout path runs the same few statements every sale. */
export function stmt(sqlite: Sqlite, sql: string): Statement {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = sqlite.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}
