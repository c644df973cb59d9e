import type { Database } from 'better-sqlite3';
import { addExample, allExamples, deleteExample, listExamples, moveExample } from '../../nlu/training-queries.js';
import type { ExampleRow, MoveResult, TrainingPort } from '../ports.js';

// Training examples through the NLU module's own queries (src/nlu/training-queries.ts: soft
// delete, UNIQUE(topic, lang, text), seeds from intents/*.json and intents/more/<lang>.json).
// Only mapping here; the SQL stays the NLU's.

/** Rows shown on one page at most: each row carries a move form, and a browser chokes on more. */
export const LIST_LIMIT = 2000;

export function trainingAdapter(db: Database, now: () => number): TrainingPort {
  return {
    list: (filter) =>
      listExamples(db, filter)
        .slice(0, LIST_LIMIT)
        .map((e): ExampleRow => ({ id: e.id, topic: e.topic, lang: e.lang, text: e.text, source: e.origin })),
    counts() {
      const n = new Map<string, { topic: string; lang: string; n: number }>();
      for (const e of listExamples(db)) {
        const key = `${e.topic}/${e.lang}`;
        const c = n.get(key) ?? { topic: e.topic, lang: e.lang, n: 0 };
        c.n++;
        n.set(key, c);
      }
      return [...n.values()];
    },
    add: ({ topic, lang, text, author, origin }) => addExample(db, { topic, lang, text, origin: origin ?? 'admin', createdBy: author }, now),
    move(id, topic): MoveResult {
      if (moveExample(db, id, topic)) return 'moved';
      // moveExample refuses when the target topic already has the same text. The editor's intent
      // ("this sentence belongs there") is then already true: drop this copy, as the console always did.
      const row = listExamples(db).find((e) => e.id === id);
      if (!row) return 'missing';
      const twin = listExamples(db, { topic, lang: row.lang }).some((e) => e.text === row.text);
      return twin && deleteExample(db, id) ? 'merged' : 'missing';
    },
    remove: (id) => deleteExample(db, id),
    all: () => allExamples(db),
  };
}
