import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';

describe('knowledge migration', () => {
  it('creates the knowledge tables on :memory:', () => {
    const db = openDatabase(':memory:');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['topics', 'answers', 'answer_versions', 'contacts']));
    const cols = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(cols('answers')).toEqual(
      expect.arrayContaining(['topic', 'lang', 'text', 'more', 'review_state', 'last_checked', 'seed_version', 'edited_by', 'updated_at']),
    );
    expect(cols('contacts')).toEqual(expect.arrayContaining(['verified', 'verified_by', 'verified_at', 'seed_version', 'edited_by']));
    expect(cols('answer_versions')).toEqual(expect.arrayContaining(['text', 'more', 'sources', 'author', 'created_at']));
  });

  it('rejects a review state other than reviewed/draft', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db.prepare(
        "INSERT INTO answers (topic, lang, text, review_state, last_checked, updated_at) VALUES ('x', 'en', 't', 'final', '2026-11', 0)",
      ).run(),
    ).toThrow();
  });
});
