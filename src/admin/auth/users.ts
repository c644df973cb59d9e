import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { hashPassword } from './passwords.js';

export const ROLES = ['admin', 'editor', 'caseworker'] as const;
export type Role = (typeof ROLES)[number];

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,40}$/, 'username: 2–40 letters, digits, dot, dash or underscore');
export const passwordSchema = z.string().min(10, 'password: at least 10 characters').max(200);
export const roleSchema = z.enum(ROLES);

export interface AdminUser {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  disabled: number;
  created_at: number;
  updated_at: number;
}

const toUser = (r: Row): AdminUser => ({
  id: r.id,
  username: r.username,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function listUsers(db: Database): AdminUser[] {
  return (db.prepare('SELECT * FROM admin_users ORDER BY username').all() as Row[]).map(toUser);
}

export function getUser(db: Database, id: number): AdminUser | undefined {
  const row = db.prepare('SELECT * FROM admin_users WHERE id = ?').get(id) as Row | undefined;
  return row && toUser(row);
}

export function findUserWithHash(db: Database, username: string): (AdminUser & { passwordHash: string }) | undefined {
  const row = db.prepare('SELECT * FROM admin_users WHERE username = ?').get(username) as Row | undefined;
  return row && { ...toUser(row), passwordHash: row.password_hash };
}

export async function createUser(
  db: Database,
  input: { username: string; password: string; role: Role },
  now: number,
): Promise<AdminUser> {
  const username = usernameSchema.parse(input.username);
  const password = passwordSchema.parse(input.password);
  const role = roleSchema.parse(input.role);
  const hash = await hashPassword(password);
  const info = db
    .prepare('INSERT INTO admin_users (username, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
    .run(username, hash, role, now, now);
  return getUser(db, Number(info.lastInsertRowid))!;
}

export async function setPassword(db: Database, id: number, password: string, now: number): Promise<void> {
  const hash = await hashPassword(passwordSchema.parse(password));
  db.prepare('UPDATE admin_users SET password_hash = ?, updated_at = ? WHERE id = ?').run(hash, now, id);
  db.prepare('DELETE FROM admin_sessions WHERE user_id = ?').run(id);
}

export function setRole(db: Database, id: number, role: Role, now: number): void {
  db.prepare('UPDATE admin_users SET role = ?, updated_at = ? WHERE id = ?').run(role, now, id);
}

/** Disabling also ends the account's sessions at once. */
export function setDisabled(db: Database, id: number, disabled: boolean, now: number): void {
  db.transaction(() => {
    db.prepare('UPDATE admin_users SET disabled = ?, updated_at = ? WHERE id = ?').run(disabled ? 1 : 0, now, id);
    if (disabled) db.prepare('DELETE FROM admin_sessions WHERE user_id = ?').run(id);
  })();
}

/** Active admins other than `exceptId`: the last admin may not be demoted or disabled. */
export function countOtherActiveAdmins(db: Database, exceptId: number): number {
  const row = db
    .prepare("SELECT COUNT(*) AS n FROM admin_users WHERE role = 'admin' AND disabled = 0 AND id != ?")
    .get(exceptId) as { n: number };
  return row.n;
}
