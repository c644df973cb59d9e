import type { Database } from 'better-sqlite3';
import type { RiskIndicator, RiskLevel } from '../contract.js';
import type { CaseCrypto } from './crypto.js';
import type { CaseState } from './state-machine.js';

// Read-side queries over the hand-off tables (migration 004), used by the module itself and by the
// admin console (case list, transcripts). The user's Telegram id is never part of what the console
// gets: CaseSummary has no user id.

export interface CaseSummary {
  id: number;
  code: string;
  lang: string;
  state: CaseState;
  reason: 'risk' | 'request' | 'misunderstood';
  riskLevel: RiskLevel;
  indicators: RiskIndicator[];
  priority: number;
  caseworkerId: number | null;
  caseworkerName: string | null;
  outcome: string | null;
  closedReason: string | null;
  createdAt: number;
  consentedAt: number | null;
  claimedAt: number | null;
  closedAt: number | null;
  lastUserAt: number | null;
  /** How long the user waited (or has been waiting) for a caseworker, in ms; null before consent. */
  waitedMs: number | null;
  messageCount: number;
}

/** Internal row (includes the user id; never hand this to staff or the console). */
export interface CaseRow {
  id: number;
  code: string;
  user_id: number;
  lang: string;
  state: CaseState;
  reason: 'risk' | 'request' | 'misunderstood';
  risk_level: RiskLevel;
  indicators: string;
  priority: number;
  share_recent: number;
  caseworker_id: number | null;
  caseworker_name: string | null;
  outcome: string | null;
  closed_reason: string | null;
  card_message_id: number | null;
  precard_message_id: number | null;
  alert_count: number;
  user_ack_at: number | null;
  created_at: number;
  consented_at: number | null;
  claimed_at: number | null;
  closed_at: number | null;
  last_user_at: number | null;
  updated_at: number;
}

export interface TranscriptEntry {
  id: number;
  at: number;
  direction: 'shared' | 'user' | 'staff' | 'note';
  kind: string;
  /** Staff member's display name for staff messages and notes. */
  author: string | null;
  text: string;
}

export interface CaseEventEntry {
  at: number;
  event: string;
  actor: string | null;
  detail: string | null;
}

const SUMMARY_SQL = `
  SELECT c.*, (SELECT COUNT(*) FROM handoff_messages m WHERE m.case_id = c.id AND m.direction != 'note') AS message_count
  FROM handoff_cases c`;

function toSummary(row: CaseRow & { message_count: number }, now: number): CaseSummary {
  const waitedMs = row.consented_at === null ? null : (row.claimed_at ?? row.closed_at ?? now) - row.consented_at;
  return {
    id: row.id,
    code: row.code,
    lang: row.lang,
    state: row.state,
    reason: row.reason,
    riskLevel: row.risk_level,
    indicators: JSON.parse(row.indicators) as RiskIndicator[],
    priority: row.priority,
    caseworkerId: row.caseworker_id,
    caseworkerName: row.caseworker_name,
    outcome: row.outcome,
    closedReason: row.closed_reason,
    createdAt: row.created_at,
    consentedAt: row.consented_at,
    claimedAt: row.claimed_at,
    closedAt: row.closed_at,
    lastUserAt: row.last_user_at,
    waitedMs: waitedMs === null ? null : Math.max(0, waitedMs),
    messageCount: row.message_count,
  };
}

/**
 * Cases, newest first (urgent waiting ones first when listing open cases). `state` may be one state
 * or a list; default: every case except pending offers and declined offers (staff never saw those).
 */
export function listCases(
  db: Database,
  options: { state?: CaseState | CaseState[]; limit?: number; offset?: number; now?: number } = {},
): CaseSummary[] {
  const states = options.state === undefined ? ['waiting', 'claimed', 'closed'] : ([] as CaseState[]).concat(options.state);
  const placeholders = states.map(() => '?').join(',');
  const rows = db
    .prepare(
      `${SUMMARY_SQL} WHERE c.state IN (${placeholders})
       ORDER BY CASE c.state WHEN 'waiting' THEN 0 WHEN 'claimed' THEN 1 ELSE 2 END, c.priority DESC, c.created_at DESC
       LIMIT ? OFFSET ?`,
    )
    .all(...states, options.limit ?? 200, options.offset ?? 0) as Array<CaseRow & { message_count: number }>;
  const now = options.now ?? Date.now();
  return rows.map((r) => toSummary(r, now));
}

/** One case by id or by code (case-insensitive). */
export function getCase(db: Database, idOrCode: number | string, now = Date.now()): CaseSummary | undefined {
  const row = (
    typeof idOrCode === 'number'
      ? db.prepare(`${SUMMARY_SQL} WHERE c.id = ?`).get(idOrCode)
      : db.prepare(`${SUMMARY_SQL} WHERE c.code = ?`).get(idOrCode.trim().toUpperCase())
  ) as (CaseRow & { message_count: number }) | undefined;
  return row ? toSummary(row, now) : undefined;
}

/** Decrypted messages of a case, in order (includes internal notes, marked 'note'). */
export function getTranscript(db: Database, caseId: number, crypto: CaseCrypto): TranscriptEntry[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.at, m.direction, m.kind, m.body, w.display_name AS author
       FROM handoff_messages m LEFT JOIN handoff_caseworkers w ON w.user_id = m.author_id
       WHERE m.case_id = ? ORDER BY m.id`,
    )
    .all(caseId) as Array<{ id: number; at: number; direction: TranscriptEntry['direction']; kind: string; body: Buffer | null; author: string | null }>;
  return rows.map((r) => ({ id: r.id, at: r.at, direction: r.direction, kind: r.kind, author: r.author, text: crypto.open(r.body) }));
}

/** The audit trail of a case (no message text). */
export function getCaseEvents(db: Database, caseId: number): CaseEventEntry[] {
  return db
    .prepare(
      `SELECT e.at, e.event, COALESCE(w.display_name, CASE WHEN e.actor_id IS NULL THEN NULL ELSE 'staff' END) AS actor, e.detail
       FROM handoff_events e LEFT JOIN handoff_caseworkers w ON w.user_id = e.actor_id
       WHERE e.case_id = ? ORDER BY e.id`,
    )
    .all(caseId) as CaseEventEntry[];
}

// ---- internal lookups used by the module -------------------------------------------------------

export function caseRowById(db: Database, id: number): CaseRow | undefined {
  return db.prepare('SELECT * FROM handoff_cases WHERE id = ?').get(id) as CaseRow | undefined;
}

export function caseRowByCode(db: Database, code: string): CaseRow | undefined {
  return db.prepare('SELECT * FROM handoff_cases WHERE code = ?').get(code.trim().toUpperCase()) as CaseRow | undefined;
}

/** The user's offered / waiting / claimed case, if any (at most one by construction). */
export function activeCaseOfUser(db: Database, userId: number): CaseRow | undefined {
  return db
    .prepare(`SELECT * FROM handoff_cases WHERE user_id = ? AND state IN ('offered','waiting','claimed') ORDER BY id DESC LIMIT 1`)
    .get(userId) as CaseRow | undefined;
}

export function claimedCasesOf(db: Database, caseworkerId: number): CaseRow[] {
  return db
    .prepare(`SELECT * FROM handoff_cases WHERE caseworker_id = ? AND state = 'claimed' ORDER BY id`)
    .all(caseworkerId) as CaseRow[];
}
