import type { Database } from 'better-sqlite3';

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
}

/** Records one change. details is a small object (ids, versions, roles), never a user's message. */
export function audit(
  db: Database,
  entry: { actor: string; action: string; target?: string; details?: Record<string, unknown> },
  now: number,
): void {
  db.prepare('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)').run(
    now,
    entry.actor,
    entry.action,
    entry.target ?? null,
    entry.details ? JSON.stringify(entry.details) : null,
  );
}

export function listAudit(
  db: Database,
  filter: { actor?: string; action?: string; beforeId?: number; limit?: number } = {},
): AuditEntry[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.actor) (where.push('actor = ?'), args.push(filter.actor));
  if (filter.action) (where.push('action LIKE ?'), args.push(`${filter.action}%`));
  if (filter.beforeId) (where.push('id < ?'), args.push(filter.beforeId));
  const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
  return db.prepare(sql).all(...args, filter.limit ?? 100) as AuditEntry[];
}

export function logCaseView(db: Database, caseId: string, user: { id: number; username: string }, now: number): void {
  db.transaction(() => {
    db.prepare('INSERT INTO case_views (at, case_id, admin_user_id, username) VALUES (?, ?, ?, ?)').run(
      now,
      caseId,
      user.id,
      user.username,
    );
    audit(db, { actor: user.username, action: 'case.view_transcript', target: `case:${caseId}` }, now);
  })();
}
