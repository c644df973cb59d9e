import type { Database } from 'better-sqlite3';

// Login throttling in SQLite (survives restarts, shared by every worker on the same file):
// 5 failures for one account, or 20 from one IP, within 15 minutes lock further attempts until
// the oldest of those failures is 15 minutes old.

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface Lock {
  scope: 'account' | 'ip';
  /** unix ms when a new attempt will be accepted */
  until: number;
}

function lockFor(db: Database, column: 'username' | 'ip', value: string, max: number, now: number): number | undefined {
  const since = now - THROTTLE_WINDOW_MS;
  // Failures since the last success of this account/IP within the window.
  const rows = db
    .prepare(
      `SELECT at FROM login_attempts
        WHERE ${column} = ? AND success = 0 AND at > ?
          AND id > COALESCE((SELECT MAX(id) FROM login_attempts WHERE ${column} = ? AND success = 1), 0)
        ORDER BY at DESC LIMIT ?`,
    )
    .all(value, since, value, max) as { at: number }[];
  if (rows.length < max) return undefined;
  return rows[rows.length - 1]!.at + THROTTLE_WINDOW_MS;
}

export function checkLock(db: Database, username: string, ip: string, now: number): Lock | undefined {
  const account = lockFor(db, 'username', username, MAX_FAILURES_PER_ACCOUNT, now);
  if (account !== undefined) return { scope: 'account', until: account };
  const byIp = lockFor(db, 'ip', ip, MAX_FAILURES_PER_IP, now);
  if (byIp !== undefined) return { scope: 'ip', until: byIp };
  return undefined;
}

export function recordAttempt(db: Database, username: string, ip: string, success: boolean, now: number): void {
  db.prepare('INSERT INTO login_attempts (at, username, ip, success) VALUES (?, ?, ?, ?)').run(
    now,
    username.slice(0, 60),
    ip,
    success ? 1 : 0,
  );
  db.prepare('DELETE FROM login_attempts WHERE at < ?').run(now - 24 * 60 * 60 * 1000);
}
