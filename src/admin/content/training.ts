import type { Database } from 'better-sqlite3';
import type { TopicId } from '../../contract.js';
import type { TrainingExample } from '../../nlu/types.js';
import type { ExampleRow, TrainingPort } from '../ports.js';

// Training examples over the NLU module's table (migration 003: training_examples, soft delete,
// UNIQUE(topic, lang, text)). INTERIM: src/nlu/training-queries.ts had not landed when this was
// written; when it does, this file should become a thin mapping onto its list/add/move/delete/all
// (the rest of the console only sees TrainingPort).

export function trainingAdapter(db: Database, now: () => number): TrainingPort {
  const port: TrainingPort = {
    list: ({ topic, lang }) =>
      db
        .prepare(
          `SELECT id, topic, lang, text, origin AS source FROM training_examples
            WHERE deleted = 0 AND (@topic IS NULL OR topic = @topic) AND (@lang IS NULL OR lang = @lang)
            ORDER BY topic, lang, id LIMIT 2000`,
        )
        .all({ topic: topic ?? null, lang: lang ?? null }) as ExampleRow[],
    counts: () =>
      db.prepare('SELECT topic, lang, COUNT(*) AS n FROM training_examples WHERE deleted = 0 GROUP BY topic, lang').all() as {
        topic: string;
        lang: string;
        n: number;
      }[],
    add({ topic, lang, text, author, origin }) {
      // Re-adding a deleted example revives it (the UNIQUE constraint keeps one row per text).
      db.prepare(
        `INSERT INTO training_examples (topic, lang, text, origin, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(topic, lang, text) DO UPDATE SET deleted = 0, origin = excluded.origin,
           created_by = excluded.created_by, created_at = excluded.created_at`,
      ).run(topic, lang, text.trim(), origin ?? 'admin', author, now());
    },
    move(id: number, topic: TopicId, author: string) {
      db.transaction(() => {
        const row = db.prepare('SELECT lang, text FROM training_examples WHERE id = ? AND deleted = 0').get(id) as
          | { lang: string; text: string }
          | undefined;
        if (!row) return;
        const clash = db.prepare('SELECT id FROM training_examples WHERE topic = ? AND lang = ? AND text = ?').get(topic, row.lang, row.text);
        if (!clash) {
          db.prepare('UPDATE training_examples SET topic = ? WHERE id = ?').run(topic, id);
          return;
        }
        // The same text already exists under the target topic (maybe deleted): revive it, drop this one.
        port.add({ topic, lang: row.lang, text: row.text, author, origin: 'admin' });
        db.prepare('UPDATE training_examples SET deleted = 1 WHERE id = ?').run(id);
      })();
    },
    remove(id: number) {
      db.prepare('UPDATE training_examples SET deleted = 1 WHERE id = ?').run(id);
    },
    all: () => db.prepare('SELECT topic, lang, text FROM training_examples WHERE deleted = 0 ORDER BY id').all() as TrainingExample[],
  };
  return port;
}
