import type { Migration } from '../migrate.js';

// Users and what the bot core needs. Every table that can identify a user references users(id)
// with ON DELETE CASCADE, so /forget is one DELETE (hand-off data that an open case needs is
// kept by the hand-off module, see 004).
export const coreMigration: Migration = {
  version: 1,
  name: 'core',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,            -- Telegram user id (private chat id is the same)
        lang TEXT,                         -- chosen language; NULL until the user picks one
        tg_lang TEXT,                      -- Telegram language_code seen last
        created_at INTEGER NOT NULL,       -- unix ms
        last_seen_at INTEGER NOT NULL,
        disclaimer_at INTEGER,             -- "information, not legal advice" shown in this conversation
        misunderstood_streak INTEGER NOT NULL DEFAULT 0
      );

      -- Message ids (never text) of the private chat, for /clear. Pruned after 48 h.
      CREATE TABLE chat_messages (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        message_id INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (user_id, message_id)
      );
      CREATE INDEX chat_messages_at ON chat_messages(at);

      -- Risk indicators seen in a user's recent messages; accumulate and decay over time.
      CREATE TABLE risk_events (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        indicator TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX risk_events_user ON risk_events(user_id, at);

      -- Anonymous per-message statistics (no user id, no text): stats page and CSV.
      CREATE TABLE interactions (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        lang TEXT NOT NULL,
        channel TEXT NOT NULL,             -- 'menu' | 'text'
        topic TEXT,
        confidence REAL,
        outcome TEXT NOT NULL,             -- 'answered' | 'unsure' | 'out_of_scope' | 'handoff'
        risk_level TEXT NOT NULL DEFAULT 'none'
      );
      CREATE INDEX interactions_at ON interactions(at);

      -- 👍 / 👎 on answers, anonymous.
      CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        topic TEXT NOT NULL,
        lang TEXT NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1))
      );

      -- Questions the bot could not answer, without any user identifier, for the admin console.
      CREATE TABLE missed_questions (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        text TEXT NOT NULL,
        lang TEXT NOT NULL,
        reason TEXT NOT NULL,              -- 'unsure' | 'out_of_scope' | 'downvote'
        guess_topic TEXT,
        guess_confidence REAL,
        status TEXT NOT NULL DEFAULT 'new',-- 'new' | 'added' | 'dismissed'
        resolved_topic TEXT,
        resolved_by TEXT,
        resolved_at INTEGER
      );
      CREATE INDEX missed_questions_status ON missed_questions(status, at);
    `);
  },
};
