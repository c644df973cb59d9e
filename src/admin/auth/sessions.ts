import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AdminUser, Role } from './users.js';

// Sessions live in SQLite (they survive a restart). The cookie holds a random token; the table
// holds its SHA-256. Each session has its own CSRF token, sent back as a hidden field or header.

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 14 * 24 * 60 * 60 * 1000;

export interface Session {
  user: AdminUser;
  csrfToken: string;
  tokenHash: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export function createSession(db: Database, userId: number, now: number): { token: string; csrfToken: string } {
  const token = randomToken();
  const csrfToken = randomToken();
  db.prepare(
    'INSERT INTO admin_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(sha256(token), userId, csrfToken, now, now, now + SESSION_MAX_MS);
  // Opportunistic clean-up keeps the table small without a timer.
  db.prepare('DELETE FROM admin_sessions WHERE expires_at < ? OR last_seen_at < ?').run(now, now - SESSION_IDLE_MS);
  return { token, csrfToken };
}

interface Row {
  token_hash: string;
  csrf_token: string;
  last_seen_at: number;
  expires_at: number;
  id: number;
  username: string;
  role: Role;
  disabled: number;
  created_at: number;
  updated_at: number;
}

/** The live session for this cookie value, or undefined (expired, idle too long, account disabled). */
export function findSession(db: Database, token: string | undefined, now: number): Session | undefined {
  if (!token || token.length > 200) return undefined;
  const hash = sha256(token);
  const row = db
    .prepare(
      `SELECT s.token_hash, s.csrf_token, s.last_seen_at, s.expires_at, u.id, u.username, u.role, u.disabled,
              u.created_at, u.updated_at
         FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    )
    .get(hash) as Row | undefined;
  if (!row || row.disabled || row.expires_at < now || row.last_seen_at < now - SESSION_IDLE_MS) return undefined;
  if (now - row.last_seen_at > 60_000) {
    db.prepare('UPDATE admin_sessions SET last_seen_at = ? WHERE token_hash = ?').run(now, hash);
  }
  return {
    tokenHash: hash,
    csrfToken: row.csrf_token,
    user: {
      id: row.id,
      username: row.username,
      role: row.role,
      disabled: false,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    },
  };
}

export function deleteSession(db: Database, tokenHash: string): void {
  db.prepare('DELETE FROM admin_sessions WHERE token_hash = ?').run(tokenHash);
}

export function tokensEqual(a: string | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
