import { Composer } from 'grammy';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { deleteChatMessageRows, listClearableMessages } from './chat-message-queries.js';

/** Telegram's deleteMessages takes at most 100 ids per call. */
export const DELETE_BATCH = 100;

/**
 * /clear ("hide this conversation"): for a worker whose phone may be checked by an employer.
 * Deletes every message of the last 48 hours in this chat, the user's and the bot's (ids were
 * recorded as they passed, never text), then leaves one neutral line.
 */
export function clearComposer(deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('clear', async (ctx) => {
    const chatId = ctx.chat.id;
    const ids = listClearableMessages(deps.db, chatId, deps.now());
    if (!ids.includes(ctx.message!.message_id)) ids.push(ctx.message!.message_id);
    let failed = 0;
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      const batch = ids.slice(i, i + DELETE_BATCH);
      try {
        await ctx.api.deleteMessages(chatId, batch);
      } catch {
        // Older clients/servers or one undeletable id: fall back to one by one, best effort.
        for (const id of batch) {
          await ctx.api.deleteMessage(chatId, id).catch(() => {
            failed += 1;
          });
        }
      }
    }
    deleteChatMessageRows(deps.db, chatId);
    deps.logger.info({ count: ids.length, failed }, 'chat cleared on request');
    await ctx.reply(ctx.t('clear.done'));
  });

  return composer;
}
