import type { HandoffDeps } from './deps.js';
import { staffT } from './render.js';

// /forget for the hand-off: deletes the user's finished cases (messages, events and deadlines go
// with them by ON DELETE CASCADE) and the undeliverable outbox rows addressed to them. An ACTIVE
// case (offered, waiting, claimed) is kept whole: someone may be in danger and a caseworker is
// working on it; the user can /end it and /forget again. Staff cards of deleted cases are edited to
// say so (content removed); copies already in caseworkers' private chats cannot be recalled.

export function forgetUser(deps: HandoffDeps, userId: number): { keptOpenCase: boolean } {
  const { db } = deps;
  const result = db.transaction(() => {
    const finished = db
      .prepare(`SELECT id, code, card_message_id FROM handoff_cases WHERE user_id = ? AND state IN ('declined', 'closed')`)
      .all(userId) as Array<{ id: number; code: string; card_message_id: number | null }>;
    const staffChat = deps.config.STAFF_CHAT_ID;
    const insert = db.prepare(
      `INSERT INTO handoff_outbox (chat_id, method, payload, case_id, purpose, next_attempt_at, created_at) VALUES (?, 'editMessageText', ?, NULL, 'group', ?, ?)`,
    );
    for (const c of finished) {
      if (staffChat !== undefined && c.card_message_id !== null) {
        const text = staffT(deps)('staff.forgotten', { code: c.code });
        insert.run(staffChat, deps.crypto.seal(JSON.stringify({ message_id: c.card_message_id, text })), deps.now(), deps.now());
      }
      db.prepare(`DELETE FROM handoff_outbox WHERE case_id = ? AND state != 'pending'`).run(c.id);
      db.prepare('DELETE FROM handoff_cases WHERE id = ?').run(c.id);
    }
    // Failed (undeliverable) rows to the user still hold encrypted text; sent rows hold none.
    db.prepare(`DELETE FROM handoff_outbox WHERE chat_id = ? AND state != 'pending'`).run(userId);
    const open = db.prepare(`SELECT 1 FROM handoff_cases WHERE user_id = ? AND state IN ('offered','waiting','claimed')`).get(userId);
    return { keptOpenCase: open !== undefined };
  })();
  deps.kick();
  return result;
}
