import type { MiddlewareFn } from 'grammy';
import { pruneChatMessages, recordChatMessage } from './chat-message-queries.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';

const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** Records the id (never the text) of each incoming private message for /clear; prunes old rows. */
export function incomingMessageLog(deps: CoreDeps): MiddlewareFn<BotContext> {
  let lastPrune = 0;
  return async (ctx, next) => {
    const msg = ctx.message;
    if (msg && ctx.chat?.type === 'private') {
      const now = deps.now();
      recordChatMessage(deps.db, ctx.chat.id, msg.message_id, now);
      if (now - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = now;
        pruneChatMessages(deps.db, now);
      }
    }
    await next();
  };
}
