import type { Migration } from '../migrate.js';

// Owned by the nlu module: the training examples the topic engine learns from (seeded from
// intents/*.json, edited in the admin console), a cache of sentence embeddings for the optional
// transformer engine, the history of evaluation runs shown in the admin console, and the
// trained engines cached by training-data hash (fast start-up).
export const nluMigration: Migration = {
  version: 3,
  name: 'nlu',
  up(db) {
    db.exec(`
      CREATE TABLE training_examples (
        id INTEGER PRIMARY KEY,
        topic TEXT NOT NULL,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'seed' CHECK (origin IN ('seed', 'admin', 'missed')),
        created_by TEXT,                   -- admin user name; NULL for seeds
        created_at INTEGER NOT NULL,       -- unix ms
        deleted INTEGER NOT NULL DEFAULT 0,-- soft delete, so re-seeding never resurrects it
        UNIQUE (topic, lang, text)
      );
      CREATE INDEX training_examples_topic ON training_examples(topic, lang) WHERE deleted = 0;

      -- Sentence vectors of training texts, so a restart does not re-embed everything.
      CREATE TABLE embedding_cache (
        model TEXT NOT NULL,
        text_hash TEXT NOT NULL,           -- sha256 of the normalised text
        vector BLOB NOT NULL,              -- Float32Array bytes
        PRIMARY KEY (model, text_hash)
      ) WITHOUT ROWID;

      CREATE TABLE nlu_eval_runs (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,               -- unix ms
        engine TEXT NOT NULL,
        metrics_json TEXT NOT NULL         -- evaluate.ts EvalMetrics
      );
      CREATE INDEX nlu_eval_runs_at ON nlu_eval_runs(at);

      -- Trained engines (topic, risk) under a hash of their training data, options and format,
      -- so a restart with unchanged data loads them instead of training (src/nlu/engine-cache.ts).
      CREATE TABLE nlu_engine_cache (
        key TEXT PRIMARY KEY,              -- '<job>-<hash>'
        meta TEXT NOT NULL,                -- JSON: vocabulary, thresholds, calibration
        weights BLOB NOT NULL,             -- Float32Array bytes
        created_at INTEGER NOT NULL        -- unix ms
      );
    `);
  },
};
