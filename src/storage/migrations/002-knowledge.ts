import type { Migration } from '../migrate.js';

// Owned by the knowledge module. Answers and contacts are seeded from seeds/ (see
// src/knowledge/seed.ts) and edited in the admin console. Rows an admin has edited carry
// edited_by (NULL = still the seed text), so a later seed never overwrites an NGO's edit.
// Times are unix ms; last_checked is 'YYYY-MM' or 'YYYY-MM-DD' (when a person last checked the facts).
export const knowledgeMigration: Migration = {
  version: 2,
  name: 'knowledge',
  up(db) {
    db.exec(`
      -- One row per answer topic: facts and their sources are shared by all languages.
      CREATE TABLE topics (
        topic TEXT PRIMARY KEY,            -- a topic id from src/contract.ts
        sources TEXT NOT NULL,             -- JSON array of Source {kind, label, url?}
        last_checked TEXT NOT NULL,
        seed_version INTEGER NOT NULL DEFAULT 0,
        edited_by TEXT,                    -- NULL = seed; otherwise the admin who changed sources
        updated_at INTEGER NOT NULL
      );

      -- The current text of each answer, one row per topic × language.
      CREATE TABLE answers (
        topic TEXT NOT NULL,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,                -- ≤ 700 chars, may hold {{contacts:<tag>}} / {{emergency}}
        more TEXT,                         -- optional longer part, ≤ 1500 chars
        review_state TEXT NOT NULL CHECK (review_state IN ('reviewed', 'draft')),
        last_checked TEXT NOT NULL,
        seed_version INTEGER NOT NULL DEFAULT 0,
        edited_by TEXT,                    -- NULL = seed text; otherwise the admin's name
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (topic, lang)
      );

      -- Every save of an answer (seed loads included, author 'seed'): full content, for diff and
      -- rollback. Never updated or deleted.
      CREATE TABLE answer_versions (
        id INTEGER PRIMARY KEY,
        topic TEXT NOT NULL,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        more TEXT,
        review_state TEXT NOT NULL,
        last_checked TEXT NOT NULL,
        sources TEXT NOT NULL,             -- JSON snapshot of the topic's sources at that time
        author TEXT NOT NULL,              -- 'seed' or the admin's name
        created_at INTEGER NOT NULL
      );
      CREATE INDEX answer_versions_answer ON answer_versions(topic, lang, id);

      -- Directory of organisations and numbers. Only verified = 1 rows are ever shown to users.
      CREATE TABLE contacts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        helps_with TEXT NOT NULL,          -- JSON array of tags / topic ids
        city TEXT,
        languages TEXT,                    -- JSON array of language codes, or NULL if unknown
        phone TEXT,
        website TEXT,
        email TEXT,
        verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
        source TEXT NOT NULL,
        verified_by TEXT,                  -- 'seed' or the admin who (un)verified it
        verified_at INTEGER,
        seed_version INTEGER NOT NULL DEFAULT 0,
        edited_by TEXT,                    -- NULL = seed; otherwise the admin's name
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
