import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

export type { Database };

/** Opens (creating if needed) the SQLite file, with WAL and foreign keys, and migrates it. */
export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // NORMAL is durable against process crashes (kill -9) in WAL mode; only power loss can lose
  // the last transactions, which the outbox tolerates as a resend.
  db.pragma('synchronous = NORMAL');
  migrate(db, MIGRATIONS);
  return db;
}
