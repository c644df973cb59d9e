import type { Database } from 'better-sqlite3';
import type { CaseCrypto } from './crypto.js';

// The durable outbox. Every message the hand-off sends (relays both ways, staff cards, notices) is
// a row written in the SAME transaction as the state change that caused it, before any network
// call. The sender (outbox-sender.ts) delivers rows in id order per chat and marks them after
// Telegram accepted them, so after a crash the only possible duplicate is the one message per chat
// that was in flight. Payloads are encrypted (they carry message text) and erased once sent.

export type OutboxMethod = 'sendMessage' | 'copyMessage' | 'editMessageText';

/** Who receives it, which decides what happens on a permanent failure. */
export type OutboxPurpose =
  | 'user' // to the user's private chat
  | 'cw' // to a caseworker's private chat
  | 'group' // to the staff group
  | 'card' // the case card in the staff group (its message id is recorded on the case)
  | 'precard' // the urgent "awaits consent" card (message id recorded too)
  | 'admin'; // to an admin by DM

export interface OutboxItem {
  chatId: number;
  method: OutboxMethod;
  /**
   * Parameters of the Bot API call (without chat_id). Two placeholders are resolved at send time,
   * because the card's message id is only known once the card itself went out (earlier, in order):
   * `$cardOf` / `$precardOf` (case id) → message_id of that card (for editMessageText);
   * `$replyToCardOf` (case id) → reply_parameters to the card (missing card: no reply).
   */
  payload: Record<string, unknown>;
  purpose: OutboxPurpose;
  caseId?: number | null;
  priority?: number;
}

export interface OutboxRow {
  id: number;
  chat_id: number;
  method: OutboxMethod;
  payload: Buffer | null;
  case_id: number | null;
  purpose: OutboxPurpose;
  priority: number;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  result_message_id: number | null;
  created_at: number;
  done_at: number | null;
}

/** Appends rows; call inside the transaction of the state change that caused them. */
export function enqueue(db: Database, crypto: CaseCrypto, now: number, items: OutboxItem | OutboxItem[]): number[] {
  const insert = db.prepare(
    `INSERT INTO handoff_outbox (chat_id, method, payload, case_id, purpose, priority, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return ([] as OutboxItem[]).concat(items).map((item) => {
    const payload = crypto.seal(JSON.stringify(item.payload));
    return Number(
      insert.run(item.chatId, item.method, payload, item.caseId ?? null, item.purpose, item.priority ?? 0, now, now).lastInsertRowid,
    );
  });
}

/** Per chat, the oldest pending row if it is due: the chats the sender may work on now. */
export function dueHeads(db: Database, now: number, limit: number): OutboxRow[] {
  return db
    .prepare(
      `SELECT o.* FROM handoff_outbox o
       WHERE o.state = 'pending'
         AND o.id = (SELECT MIN(p.id) FROM handoff_outbox p WHERE p.state = 'pending' AND p.chat_id = o.chat_id)
         AND o.next_attempt_at <= ?
       ORDER BY o.priority DESC, o.id LIMIT ?`,
    )
    .all(now, limit) as OutboxRow[];
}

export function headOfChat(db: Database, chatId: number): OutboxRow | undefined {
  return db
    .prepare(`SELECT * FROM handoff_outbox WHERE state = 'pending' AND chat_id = ? ORDER BY id LIMIT 1`)
    .get(chatId) as OutboxRow | undefined;
}

/** Earliest time any pending row becomes due (for tests and the sender's idle wait). */
export function nextDueAt(db: Database): number | undefined {
  const row = db.prepare(`SELECT MIN(next_attempt_at) AS t FROM handoff_outbox WHERE state = 'pending'`).get() as { t: number | null };
  return row.t ?? undefined;
}

export function pendingCount(db: Database): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM handoff_outbox WHERE state = 'pending'`).get() as { n: number }).n;
}

/** Which case a message the bot sent to `chatId` belonged to (reply-to routing for caseworkers). */
export function caseOfSentMessage(db: Database, chatId: number, messageId: number): number | undefined {
  const row = db
    .prepare(`SELECT case_id FROM handoff_outbox WHERE chat_id = ? AND result_message_id = ? AND case_id IS NOT NULL ORDER BY id DESC LIMIT 1`)
    .get(chatId, messageId) as { case_id: number } | undefined;
  return row?.case_id;
}

/**
 * Puts rows that failed permanently for a chat back in the queue (a caseworker who had not started
 * the bot just did). They keep their ids, so they still go out before anything newer.
 */
export function requeueFailed(db: Database, chatId: number, now: number): number {
  return db
    .prepare(
      `UPDATE handoff_outbox SET state = 'pending', next_attempt_at = ?, last_error = NULL, done_at = NULL
       WHERE chat_id = ? AND state = 'failed' AND payload IS NOT NULL`,
    )
    .run(now, chatId).changes;
}

/** Sent rows keep no content; old ones are removed entirely. */
export function pruneOutbox(db: Database, olderThan: number): number {
  return db.prepare(`DELETE FROM handoff_outbox WHERE state = 'sent' AND done_at < ?`).run(olderThan).changes;
}
