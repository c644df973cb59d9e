import { Api, GrammyError, HttpError } from 'grammy';
import type { Database } from 'better-sqlite3';
import { recordChatMessage } from '../bot/chat-message-queries.js';
import type { Logger } from '../logger.js';
import type { CaseCrypto } from './crypto.js';
import { dueHeads, headOfChat, type OutboxRow } from './outbox.js';

// Delivers the outbox. One worker per chat at a time, so a chat's next message waits for the
// previous one (order), while different chats proceed in parallel. Errors:
//   429 → wait retry_after; 5xx / network / timeout / 401 / 404 → exponential backoff, forever;
//   400 / 403 (blocked, chat not found, can't initiate conversation) → failed, reported.
// It uses its own Api client built from the token and options of the Api given to start(): the
// bot's auto-retry transformer is deliberately NOT on this client, because it would sleep inside
// one call (holding the chat's queue in memory, invisible to SQLite) and give up after its own
// limits; the outbox's retry is durable and never gives up on a transient error.

const MAX_BACKOFF_MS = 5 * 60_000;
const MAX_PARALLEL_CHATS = 8;

export interface SenderHooks {
  /** Called after Telegram accepted a row and before it is marked sent (tests simulate a crash here). */
  afterSend?: (row: OutboxRow) => void;
}

export interface OutboxSenderOptions {
  db: Database;
  crypto: CaseCrypto;
  logger: Logger;
  now: () => number;
  /** A row was given up permanently (4xx): the module tells staff. Runs inside the marking transaction. */
  onFailed: (row: OutboxRow, description: string) => void;
  hooks?: SenderHooks;
}

export interface OutboxSender {
  start(api: Api): void;
  /** Ask for a delivery pass soon (after enqueueing). */
  kick(): void;
  /** Resolves when nothing is due right now and no worker is busy (tests). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.max(0, attempts - 1));
}

type Outcome = { kind: 'sent'; messageId?: number } | { kind: 'retry'; at: number; error: string } | { kind: 'failed'; error: string };

export function createOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const { db, crypto, logger, now } = options;
  let api: Api | undefined;
  let stopped = false;
  const workers = new Map<number, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let kickTimer: NodeJS.Timeout | undefined;

  const markSent = db.transaction((row: OutboxRow, messageId: number | undefined) => {
    db.prepare(`UPDATE handoff_outbox SET state = 'sent', payload = NULL, result_message_id = ?, done_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'`).run(
      messageId ?? null,
      now(),
      row.id,
    );
    // Messages in a user's private chat are recorded like the bot's own (ids only), so /clear
    // also removes the hand-off from the user's phone.
    if (messageId !== undefined && row.purpose === 'user' && row.chat_id > 0) {
      try {
        recordChatMessage(db, row.chat_id, messageId, now());
      } catch (err) {
        logger.warn({ err }, 'handoff outbox: could not record the message id for /clear');
      }
    }
    if (messageId !== undefined && row.case_id !== null && (row.purpose === 'card' || row.purpose === 'precard')) {
      const column = row.purpose === 'card' ? 'card_message_id' : 'precard_message_id';
      db.prepare(`UPDATE handoff_cases SET ${column} = ? WHERE id = ?`).run(messageId, row.case_id);
    }
  });
  const markRetry = db.prepare(`UPDATE handoff_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?`);
  const markFailed = db.transaction((row: OutboxRow, error: string) => {
    db.prepare(`UPDATE handoff_outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, done_at = ? WHERE id = ?`).run(error, now(), row.id);
    options.onFailed(row, error);
  });

  /** Resolves the card placeholders against the case row (the card went out earlier, in order). */
  function resolvePayload(row: OutboxRow): Record<string, unknown> | string {
    const payload = JSON.parse(crypto.open(row.payload)) as Record<string, unknown>;
    const cardId = (caseId: unknown, column: string) =>
      (db.prepare(`SELECT ${column} AS m FROM handoff_cases WHERE id = ?`).get(Number(caseId)) as { m: number | null } | undefined)?.m ?? null;
    for (const [key, column] of [['$cardOf', 'card_message_id'], ['$precardOf', 'precard_message_id']] as const) {
      if (key in payload) {
        const messageId = cardId(payload[key], column);
        delete payload[key];
        if (messageId === null) return 'card was never delivered';
        payload.message_id = messageId;
      }
    }
    if ('$replyToCardOf' in payload) {
      const messageId = cardId(payload.$replyToCardOf, 'card_message_id');
      delete payload.$replyToCardOf;
      if (messageId !== null) payload.reply_parameters = { message_id: messageId, allow_sending_without_reply: true };
    }
    return { chat_id: row.chat_id, ...payload };
  }

  async function attempt(row: OutboxRow): Promise<Outcome> {
    const params = resolvePayload(row);
    if (typeof params === 'string') return { kind: 'failed', error: params };
    try {
      const raw = api!.raw as unknown as Record<string, (p: unknown) => Promise<unknown>>;
      const result = (await raw[row.method]!(params)) as { message_id?: number } | true;
      return { kind: 'sent', messageId: typeof result === 'object' ? result.message_id : undefined };
    } catch (err) {
      if (err instanceof GrammyError) {
        const description = `${err.error_code} ${err.description}`;
        if (err.error_code === 429) {
          const after = (err.parameters.retry_after ?? 1) * 1000;
          return { kind: 'retry', at: now() + after, error: description };
        }
        // Editing a card to the text it already has is success, not failure.
        if (err.error_code === 400 && /message is not modified/i.test(err.description)) return { kind: 'sent' };
        if (err.error_code === 400 || err.error_code === 403) return { kind: 'failed', error: description };
        return { kind: 'retry', at: now() + backoffMs(row.attempts + 1), error: description };
      }
      const message = err instanceof HttpError ? `network: ${String(err.error)}` : `error: ${String(err)}`;
      return { kind: 'retry', at: now() + backoffMs(row.attempts + 1), error: message };
    }
  }

  async function drainChat(chatId: number): Promise<void> {
    while (!stopped && api) {
      const row = headOfChat(db, chatId);
      if (!row || row.next_attempt_at > now()) return;
      const outcome = await attempt(row);
      if (stopped && outcome.kind !== 'sent') return;
      if (outcome.kind === 'sent') {
        options.hooks?.afterSend?.(row);
        markSent(row, outcome.messageId);
      } else if (outcome.kind === 'retry') {
        markRetry.run(outcome.at, outcome.error, row.id);
        logger.warn({ outboxId: row.id, purpose: row.purpose, error: outcome.error }, 'handoff outbox: will retry');
        return;
      } else {
        markFailed(row, outcome.error);
        logger.error({ outboxId: row.id, purpose: row.purpose, caseId: row.case_id, error: outcome.error }, 'handoff outbox: delivery failed');
      }
    }
  }

  function pass(): void {
    if (stopped || !api) return;
    const free = MAX_PARALLEL_CHATS - workers.size;
    if (free <= 0) return;
    for (const head of dueHeads(db, now(), MAX_PARALLEL_CHATS * 4)) {
      if (workers.size >= MAX_PARALLEL_CHATS) break;
      if (workers.has(head.chat_id)) continue;
      const worker = drainChat(head.chat_id)
        .catch((err) => {
          // A crash-type error here (e.g. the database was closed under us) must not be fatal; the
          // row is still pending in SQLite and is retried by the next pass or the next process.
          if (!stopped) logger.error({ err, chatId: head.chat_id }, 'handoff outbox worker error');
        })
        .finally(() => {
          workers.delete(head.chat_id);
          if (!stopped) kick();
        });
      workers.set(head.chat_id, worker);
    }
  }

  function kick(): void {
    if (stopped || !api || kickTimer) return;
    kickTimer = setTimeout(() => {
      kickTimer = undefined;
      try {
        pass();
      } catch (err) {
        if (!stopped) logger.error({ err }, 'handoff outbox pass failed');
      }
    }, 0);
  }

  return {
    start(given) {
      // A clean client: same token, same apiRoot, no transformers (see above), bounded timeout.
      api = new Api(given.token, { ...(given.options ?? {}), timeoutSeconds: 30 });
      stopped = false;
      timer = setInterval(kick, 250);
      kick();
    },
    kick,
    async idle() {
      for (;;) {
        while (workers.size > 0) await Promise.all([...workers.values()]);
        await new Promise((r) => setTimeout(r, 5));
        if (workers.size === 0 && dueHeads(db, now(), 1).length === 0) return;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (kickTimer) clearTimeout(kickTimer);
      timer = kickTimer = undefined;
      await Promise.allSettled([...workers.values()]);
    },
  };
}
