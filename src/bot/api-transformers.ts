import type { Transformer } from 'grammy';
import type { Database } from 'better-sqlite3';
import { recordChatMessage } from './chat-message-queries.js';
import { fitMessage } from './sanitize.js';

// Transformers sit between every handler (and the hand-off module) and the Bot API.

/**
 * Records the id of every message the bot sends into a private chat, so /clear can delete the
 * bot's side of the conversation too. Ids only, never text. Private chat ids are positive.
 */
export function messageIdRecorder(db: Database, now: () => number): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (!res.ok || !/^(send|copy|forward)/.test(method)) return res;
    const chatId = Number((payload as { chat_id?: unknown }).chat_id);
    if (!Number.isSafeInteger(chatId) || chatId <= 0) return res;
    const results: unknown[] = Array.isArray(res.result) ? res.result : [res.result];
    const at = now();
    for (const r of results) {
      const id = (r as { message_id?: unknown } | null)?.message_id;
      if (typeof id === 'number') {
        try {
          recordChatMessage(db, chatId, id, at);
        } catch {
          // Recording is best effort: a full disk must not stop the message from being delivered.
        }
      }
    }
    return res;
  };
}

/**
 * Outgoing text is made well-formed (no lone surrogates) and cut to Telegram's 4,096 characters,
 * whichever module wrote it: a bad string must never turn into a failed (silent) reply.
 */
export function safeOutgoingText(): Transformer {
  return (prev, method, payload, signal) => {
    const p = payload as Record<string, unknown>;
    if (p && (typeof p.text === 'string' || typeof p.caption === 'string')) {
      const fixed: Record<string, unknown> = { ...p };
      if (typeof p.text === 'string') fixed.text = fitMessage(p.text);
      if (typeof p.caption === 'string') fixed.caption = fitMessage(p.caption, 1024);
      return prev(method, fixed as typeof payload, signal);
    }
    return prev(method, payload, signal);
  };
}
