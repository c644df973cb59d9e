import type { Database } from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3… in order; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  up(db: Database): void;
}

/**
 * Applies every migration newer than PRAGMA user_version, each in its own transaction together
 * with the version bump, so a crash leaves the database at the last whole migration.
 */
export function migrate(db: Database, migrations: readonly Migration[]): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  let current = db.pragma('user_version', { simple: true }) as number;
  if (current > sorted.length) {
    throw new Error(`database is at version ${current}, newer than this code (${sorted.length})`);
  }
  for (const m of sorted.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    current = m.version;
  }
  return current;
}
