import type { Database } from 'better-sqlite3';
import { prepared } from '../storage/prepared.js';

// Message ids (never text) of each private chat, so /clear can delete the conversation from the
// user's phone. Telegram only lets bots delete messages younger than 48 h, so older rows are useless.

export const CLEARABLE_MS = 48 * 60 * 60 * 1000;

/** Records one id; silently skipped when the user row does not exist (e.g. just after /forget). */
export function recordChatMessage(db: Database, userId: number, messageId: number, at: number): void {
  prepared(
    db,
    `INSERT OR IGNORE INTO chat_messages (user_id, message_id, at)
     SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM users WHERE id = ?)`,
  ).run(userId, messageId, at, userId);
}

export function listClearableMessages(db: Database, userId: number, now: number): number[] {
  const rows = prepared(
    db,
    'SELECT message_id FROM chat_messages WHERE user_id = ? AND at >= ? ORDER BY message_id',
  ).all(userId, now - CLEARABLE_MS) as { message_id: number }[];
  return rows.map((r) => r.message_id);
}

export function deleteChatMessageRows(db: Database, userId: number): void {
  prepared(db, 'DELETE FROM chat_messages WHERE user_id = ?').run(userId);
}

export function pruneChatMessages(db: Database, now: number): number {
  return prepared(db, 'DELETE FROM chat_messages WHERE at < ?').run(now - CLEARABLE_MS).changes;
}
