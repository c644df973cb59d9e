import type { Database, Statement } from 'better-sqlite3';

// Hot-path queries (one or two per incoming message) are prepared once per connection instead of
// on every call; better-sqlite3 statements are reusable and the cache dies with the connection.
const cache = new WeakMap<Database, Map<string, Statement>>();

export function prepared(db: Database, sql: string): Statement {
  let byDb = cache.get(db);
  if (!byDb) {
    byDb = new Map();
    cache.set(db, byDb);
  }
  let stmt = byDb.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    byDb.set(sql, stmt);
  }
  return stmt;
}
