import type { Database } from 'better-sqlite3';
import type { TopicId } from '../../../src/contract.js';
import type { TrainingPort } from '../../../src/admin/ports.js';

// Stand-in over the training_examples table (migration 003) for tests, used only while
// src/nlu/training-queries.ts does not exist.
export function sqlTrainingPort(db: Database): TrainingPort {
  return {
    list: ({ topic, lang }) =>
      db
        .prepare(
          `SELECT id, topic, lang, text, origin AS source FROM training_examples WHERE deleted = 0
           AND (? IS NULL OR topic = ?) AND (? IS NULL OR lang = ?) ORDER BY id`,
        )
        .all(topic ?? null, topic ?? null, lang ?? null, lang ?? null) as never,
    counts: () => db.prepare('SELECT topic, lang, COUNT(*) AS n FROM training_examples WHERE deleted = 0 GROUP BY topic, lang').all() as never,
    add: ({ topic, lang, text, author, origin }) =>
      void db
        .prepare('INSERT OR IGNORE INTO training_examples (topic, lang, text, origin, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(topic, lang, text, origin ?? 'admin', author, Date.now()),
    move: (id, topic: TopicId) => void db.prepare('UPDATE training_examples SET topic = ? WHERE id = ?').run(topic, id),
    remove: (id) => void db.prepare('UPDATE training_examples SET deleted = 1 WHERE id = ?').run(id),
    all: () => db.prepare('SELECT topic, lang, text FROM training_examples WHERE deleted = 0').all() as never,
  };
}
