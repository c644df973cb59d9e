import type { Migration } from '../migrate.js';

// The admin console: staff accounts, their sessions, login throttling, the audit trail and a log
// of who opened which case transcript. Staff data never references users(id): the console shows
// no Telegram identifiers.
export const adminMigration: Migration = {
  version: 5,
  name: 'admin',
  up(db) {
    db.exec(`
      CREATE TABLE admin_users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,        -- scrypt$N$r$p$salt$hash (node:crypto)
        role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'caseworker')),
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      -- Only a SHA-256 of the session token is stored, so a copied database opens no session.
      CREATE TABLE admin_sessions (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES admin_users(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX admin_sessions_user ON admin_sessions(user_id);

      -- Every login attempt, for throttling per account and per IP; pruned after a day.
      CREATE TABLE login_attempts (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        username TEXT NOT NULL COLLATE NOCASE,
        ip TEXT NOT NULL,
        success INTEGER NOT NULL
      );
      CREATE INDEX login_attempts_user ON login_attempts(username, at);
      CREATE INDEX login_attempts_ip ON login_attempts(ip, at);

      -- Who changed what, when. actor is a username (kept if the account is later removed).
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,               -- 'answer.save', 'contact.verify', 'login', …
        target TEXT,                        -- 'registration/ru', 'contact:xyz', 'case:K7Q2' …
        details TEXT                        -- short JSON, never message text of a user
      );
      CREATE INDEX audit_log_at ON audit_log(at);

      -- Every opening of a case transcript (case ids are the hand-off module's; no foreign key so
      -- the log survives a case being purged).
      CREATE TABLE case_views (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        case_id TEXT NOT NULL,
        admin_user_id INTEGER NOT NULL REFERENCES admin_users(id),
        username TEXT NOT NULL
      );
      CREATE INDEX case_views_case ON case_views(case_id, at);
    `);
  },
};
