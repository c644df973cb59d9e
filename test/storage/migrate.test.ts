import { describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { migrate, type Migration } from '../../src/storage/migrate.js';
import { MIGRATIONS } from '../../src/storage/migrations/index.js';
import { openDatabase } from '../../src/storage/database.js';

describe('migrate', () => {
  it('applies every migration on :memory: and records the version', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['users', 'chat_messages', 'risk_events', 'missed_questions']));
    db.close();
  });

  it('is idempotent: a second run applies nothing', () => {
    const db = new BetterSqlite3(':memory:');
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(migrate(db, MIGRATIONS)).toBe(MIGRATIONS.length);
  });

  it('rolls back a failing migration together with its version bump', () => {
    const db = new BetterSqlite3(':memory:');
    const ok: Migration = { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x)') };
    const bad: Migration = {
      version: 2,
      name: 'bad',
      up: (d) => {
        d.exec('CREATE TABLE b (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [ok, bad])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) n FROM sqlite_master WHERE name='b'").get()).toEqual({ n: 0 });
  });

  it('refuses gaps in numbering and databases newer than the code', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up() {} }])).toThrow(/expected 1/);
    db.pragma('user_version = 9');
    expect(() => migrate(db, [{ version: 1, name: 'x', up() {} }])).toThrow(/newer/);
  });

  it('cascades a user delete to every user-linked core table (/forget)', () => {
    const db = openDatabase(':memory:');
    db.prepare('INSERT INTO users (id, created_at, last_seen_at) VALUES (1, 0, 0)').run();
    db.prepare('INSERT INTO chat_messages (user_id, message_id, at) VALUES (1, 5, 0)').run();
    db.prepare("INSERT INTO risk_events (user_id, indicator, at) VALUES (1, 'threats', 0)").run();
    db.prepare('DELETE FROM users WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) n FROM chat_messages').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) n FROM risk_events').get()).toEqual({ n: 0 });
  });
});
