import type { Database } from 'better-sqlite3';
import { isTopicId, type TopicId } from '../contract.js';
import { loadIntentExamples } from './intents-loader.js';
import type { TrainingExample } from './types.js';

// Training examples in SQLite (migration 003): seeded from intents/*.json, then edited in the
// admin console. Deletion is soft, so a re-seed never brings back what an admin removed.

export type ExampleOrigin = 'seed' | 'admin' | 'missed';

export interface StoredExample extends TrainingExample {
  id: number;
  origin: ExampleOrigin;
  createdBy: string | null;
  createdAt: number;
}

interface Row {
  id: number;
  topic: string;
  lang: string;
  text: string;
  origin: ExampleOrigin;
  created_by: string | null;
  created_at: number;
}

const toExample = (r: Row): StoredExample => ({
  id: r.id,
  topic: r.topic as TopicId,
  lang: r.lang,
  text: r.text,
  origin: r.origin,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Adds the seed examples that are not in the table yet (deleted ones stay deleted). Returns how many. */
export function seedTrainingExamples(db: Database, intentsDir: string, now: () => number = Date.now): number {
  const examples = loadIntentExamples(intentsDir);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO training_examples (topic, lang, text, origin, created_by, created_at)
     VALUES (?, ?, ?, 'seed', NULL, ?)`,
  );
  const at = now();
  let added = 0;
  db.transaction(() => {
    for (const e of examples) added += insert.run(e.topic, e.lang, e.text, at).changes;
  })();
  return added;
}

export function listExamples(db: Database, filter: { topic?: string; lang?: string } = {}): StoredExample[] {
  const rows = db
    .prepare(
      `SELECT id, topic, lang, text, origin, created_by, created_at FROM training_examples
       WHERE deleted = 0 AND (@topic IS NULL OR topic = @topic) AND (@lang IS NULL OR lang = @lang)
       ORDER BY topic, lang, id`,
    )
    .all({ topic: filter.topic ?? null, lang: filter.lang ?? null }) as Row[];
  return rows.map(toExample);
}

/**
 * Adds an example (or revives a deleted identical one, since an admin adding it again means it).
 * Returns its id.
 */
export function addExample(
  db: Database,
  example: TrainingExample & { origin?: ExampleOrigin; createdBy?: string | null },
  now: () => number = Date.now,
): number {
  if (!isTopicId(example.topic)) throw new Error(`unknown topic: ${String(example.topic)}`);
  const text = example.text.trim();
  if (!text) throw new Error('empty example');
  const existing = db
    .prepare('SELECT id FROM training_examples WHERE topic = ? AND lang = ? AND text = ?')
    .get(example.topic, example.lang, text) as { id: number } | undefined;
  if (existing) {
    db.prepare('UPDATE training_examples SET deleted = 0 WHERE id = ?').run(existing.id);
    return existing.id;
  }
  const info = db
    .prepare(
      `INSERT INTO training_examples (topic, lang, text, origin, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(example.topic, example.lang, text, example.origin ?? 'admin', example.createdBy ?? null, now());
  return Number(info.lastInsertRowid);
}

/** Moves an example to another topic. Returns false when it does not exist or the target already has it. */
export function moveExample(db: Database, id: number, topic: TopicId): boolean {
  if (!isTopicId(topic)) throw new Error(`unknown topic: ${String(topic)}`);
  return db.transaction(() => {
    const row = db.prepare('SELECT lang, text FROM training_examples WHERE id = ? AND deleted = 0').get(id) as
      | { lang: string; text: string }
      | undefined;
    if (!row) return false;
    const clash = db
      .prepare('SELECT id, deleted FROM training_examples WHERE topic = ? AND lang = ? AND text = ? AND id != ?')
      .get(topic, row.lang, row.text, id) as { id: number; deleted: number } | undefined;
    if (clash && clash.deleted === 0) return false;
    // A deleted twin in the target topic would break the unique key; the moved row replaces it.
    if (clash) db.prepare('DELETE FROM training_examples WHERE id = ?').run(clash.id);
    return db.prepare('UPDATE training_examples SET topic = ? WHERE id = ?').run(topic, id).changes > 0;
  })();
}

export function deleteExample(db: Database, id: number): boolean {
  return db.prepare('UPDATE training_examples SET deleted = 1 WHERE id = ? AND deleted = 0').run(id).changes > 0;
}

/** Every live example, for training. */
export function allExamples(db: Database): TrainingExample[] {
  return (db.prepare('SELECT topic, lang, text FROM training_examples WHERE deleted = 0 ORDER BY id').all() as TrainingExample[]).filter(
    (e) => isTopicId(e.topic),
  );
}
