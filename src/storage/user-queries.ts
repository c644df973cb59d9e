import type { Database } from 'better-sqlite3';
import { isLang, type Lang } from '../i18n/languages.js';
import { prepared } from './prepared.js';

// The users table (001-core) is read by the bot, the hand-off module (to write to a user in their
// language) and the admin console, so its queries live here rather than in one feature folder.

export interface UserRow {
  id: number;
  lang: Lang | null;
  tgLang: string | null;
  createdAt: number;
  lastSeenAt: number;
  disclaimerAt: number | null;
  misunderstoodStreak: number;
}

interface RawUser {
  id: number;
  lang: string | null;
  tg_lang: string | null;
  created_at: number;
  last_seen_at: number;
  disclaimer_at: number | null;
  misunderstood_streak: number;
}

function toUser(r: RawUser): UserRow {
  return {
    id: r.id,
    lang: isLang(r.lang) ? r.lang : null,
    tgLang: r.tg_lang,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    disclaimerAt: r.disclaimer_at,
    misunderstoodStreak: r.misunderstood_streak,
  };
}

export function getUser(db: Database, id: number): UserRow | undefined {
  const r = prepared(db, 'SELECT * FROM users WHERE id = ?').get(id) as RawUser | undefined;
  return r ? toUser(r) : undefined;
}

/**
 * Creates the user on first contact or refreshes last_seen_at / tg_lang. Returns the row as it was
 * BEFORE this touch (undefined for a new user), so callers can tell how long the user was idle.
 */
export function touchUser(
  db: Database,
  id: number,
  tgLang: string | undefined,
  now: number,
): UserRow | undefined {
  const before = getUser(db, id);
  if (!before) {
    prepared(db, 'INSERT INTO users (id, tg_lang, created_at, last_seen_at) VALUES (?, ?, ?, ?)').run(
      id,
      tgLang ?? null,
      now,
      now,
    );
  } else {
    prepared(db, 'UPDATE users SET tg_lang = ?, last_seen_at = ? WHERE id = ?').run(tgLang ?? before.tgLang, now, id);
  }
  return before;
}

export function setUserLang(db: Database, id: number, lang: Lang): void {
  prepared(db, 'UPDATE users SET lang = ? WHERE id = ?').run(lang, id);
}

export function setDisclaimerAt(db: Database, id: number, at: number | null): void {
  prepared(db, 'UPDATE users SET disclaimer_at = ? WHERE id = ?').run(at, id);
}

/** Adds one to the streak of misunderstood messages and returns the new value. */
export function incrementMisunderstood(db: Database, id: number): number {
  const r = prepared(
    db,
    'UPDATE users SET misunderstood_streak = misunderstood_streak + 1 WHERE id = ? RETURNING misunderstood_streak',
  ).get(id) as { misunderstood_streak: number } | undefined;
  return r?.misunderstood_streak ?? 0;
}

export function resetMisunderstood(db: Database, id: number): void {
  prepared(db, 'UPDATE users SET misunderstood_streak = 0 WHERE id = ? AND misunderstood_streak <> 0').run(id);
}

/** /forget: one DELETE; chat_messages and risk_events go with it (ON DELETE CASCADE). */
export function deleteUser(db: Database, id: number): boolean {
  return prepared(db, 'DELETE FROM users WHERE id = ?').run(id).changes > 0;
}
