import { randomInt } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { RiskIndicator, RiskLevel } from '../contract.js';
import type { CaseCrypto } from './crypto.js';
import { caseRowById, type CaseRow } from './case-queries.js';
import { transition, type CaseEvent, type CaseState } from './state-machine.js';

// Low-level writes over the hand-off tables. Callers wrap several of these (and the outbox rows
// they cause) in one db.transaction, so a state change and its messages are stored together.

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L: read aloud and typed by staff

export function newCaseCode(db: Database): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < 4; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (!db.prepare('SELECT 1 FROM handoff_cases WHERE code = ?').get(code)) return code;
  }
}

export interface NewCase {
  userId: number;
  lang: string;
  reason: 'risk' | 'request' | 'misunderstood';
  level: RiskLevel;
  indicators: RiskIndicator[];
  now: number;
}

export function insertCase(db: Database, c: NewCase): CaseRow {
  const code = newCaseCode(db);
  const id = Number(
    db
      .prepare(
        `INSERT INTO handoff_cases (code, user_id, lang, state, reason, risk_level, indicators, priority, created_at, updated_at)
         VALUES (?, ?, ?, 'offered', ?, ?, ?, ?, ?, ?)`,
      )
      .run(code, c.userId, c.lang, c.reason, c.level, JSON.stringify(c.indicators), c.level === 'urgent' ? 1 : 0, c.now, c.now)
      .lastInsertRowid,
  );
  logEvent(db, id, c.now, 'offer', null, `${c.reason}/${c.level}`);
  return caseRowById(db, id)!;
}

export function logEvent(db: Database, caseId: number, at: number, event: string, actorId: number | null, detail?: string): void {
  db.prepare('INSERT INTO handoff_events (case_id, at, event, actor_id, detail) VALUES (?, ?, ?, ?, ?)').run(
    caseId,
    at,
    event,
    actorId,
    detail ?? null,
  );
}

/**
 * Applies a state-machine event atomically: the UPDATE only matches while the case is still in
 * the state the transition starts from, so of two concurrent claims exactly one changes a row.
 * Returns the updated row, or undefined if the event is not allowed (or lost the race).
 */
export function applyEvent(
  db: Database,
  caseId: number,
  event: CaseEvent,
  now: number,
  actorId: number | null,
  set: Record<string, string | number | null> = {},
  detail?: string,
): CaseRow | undefined {
  const current = caseRowById(db, caseId);
  if (!current) return undefined;
  const t = transition(current.state, event);
  if (!t.ok) return undefined;
  const columns = Object.keys(set);
  const assignments = ['state = ?', 'updated_at = ?', ...columns.map((c) => `${c} = ?`)].join(', ');
  const changed = db
    .prepare(`UPDATE handoff_cases SET ${assignments} WHERE id = ? AND state = ?`)
    .run(t.to, now, ...columns.map((c) => set[c]), caseId, current.state as CaseState).changes;
  if (changed !== 1) return undefined;
  logEvent(db, caseId, now, event, actorId, detail);
  return caseRowById(db, caseId);
}

export interface StoredMessage {
  direction: 'shared' | 'user' | 'staff' | 'note';
  kind: string;
  text: string;
  authorId?: number | null;
  srcChatId?: number;
  srcMessageId?: number;
}

/** Stores an encrypted message; returns false when this Telegram message was already stored (redelivery). */
export function addMessage(db: Database, crypto: CaseCrypto, caseId: number, m: StoredMessage, now: number): boolean {
  const result = db
    .prepare(
      `INSERT OR IGNORE INTO handoff_messages (case_id, direction, kind, author_id, body, src_chat_id, src_message_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(caseId, m.direction, m.kind, m.authorId ?? null, crypto.seal(m.text), m.srcChatId ?? null, m.srcMessageId ?? null, now);
  return result.changes === 1;
}

export interface MessageRow {
  id: number;
  direction: StoredMessage['direction'];
  kind: string;
  body: Buffer | null;
  src_chat_id: number | null;
  src_message_id: number | null;
  at: number;
}

export function messagesOf(db: Database, caseId: number, directions: StoredMessage['direction'][]): MessageRow[] {
  return db
    .prepare(`SELECT * FROM handoff_messages WHERE case_id = ? AND direction IN (${directions.map(() => '?').join(',')}) ORDER BY id`)
    .all(caseId, ...directions) as MessageRow[];
}

export function deleteMessages(db: Database, caseId: number, direction: StoredMessage['direction']): void {
  db.prepare('DELETE FROM handoff_messages WHERE case_id = ? AND direction = ?').run(caseId, direction);
}

// ---- deadlines -------------------------------------------------------------------------------

export type DeadlineKind = 'alert' | 'idle' | 'offer_expire';

export function setDeadline(db: Database, caseId: number, kind: DeadlineKind, dueAt: number): void {
  db.prepare(
    `INSERT INTO handoff_deadlines (case_id, kind, due_at) VALUES (?, ?, ?)
     ON CONFLICT(case_id, kind) DO UPDATE SET due_at = excluded.due_at`,
  ).run(caseId, kind, dueAt);
}

export function clearDeadlines(db: Database, caseId: number, kinds?: DeadlineKind[]): void {
  if (!kinds) db.prepare('DELETE FROM handoff_deadlines WHERE case_id = ?').run(caseId);
  else for (const k of kinds) db.prepare('DELETE FROM handoff_deadlines WHERE case_id = ? AND kind = ?').run(caseId, k);
}

export function dueDeadlines(db: Database, now: number): Array<{ id: number; case_id: number; kind: DeadlineKind; due_at: number }> {
  return db.prepare('SELECT * FROM handoff_deadlines WHERE due_at <= ? ORDER BY due_at, id LIMIT 100').all(now) as Array<{
    id: number;
    case_id: number;
    kind: DeadlineKind;
    due_at: number;
  }>;
}

// ---- caseworkers -----------------------------------------------------------------------------

export interface CaseworkerRow {
  user_id: number;
  username: string | null;
  display_name: string;
  active_case_id: number | null;
  dm_ok: number;
  updated_at: number;
}

export function upsertCaseworker(db: Database, user: { id: number; first_name: string; last_name?: string; username?: string }, now: number): void {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
  db.prepare(
    `INSERT INTO handoff_caseworkers (user_id, username, display_name, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(user_id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, updated_at = excluded.updated_at`,
  ).run(user.id, user.username?.toLowerCase() ?? null, name || 'staff', now);
}

export function caseworker(db: Database, userId: number): CaseworkerRow | undefined {
  return db.prepare('SELECT * FROM handoff_caseworkers WHERE user_id = ?').get(userId) as CaseworkerRow | undefined;
}

export function caseworkerByUsername(db: Database, username: string): CaseworkerRow | undefined {
  return db.prepare('SELECT * FROM handoff_caseworkers WHERE username = ?').get(username.replace(/^@/, '').toLowerCase()) as
    | CaseworkerRow
    | undefined;
}

export function setActiveCase(db: Database, userId: number, caseId: number | null): void {
  db.prepare('UPDATE handoff_caseworkers SET active_case_id = ? WHERE user_id = ?').run(caseId, userId);
}

/** Clears a caseworker's active case only if it is this one. */
export function clearActiveCase(db: Database, userId: number, caseId: number): void {
  db.prepare('UPDATE handoff_caseworkers SET active_case_id = NULL WHERE user_id = ? AND active_case_id = ?').run(userId, caseId);
}
