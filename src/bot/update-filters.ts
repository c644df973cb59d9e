import type { MiddlewareFn } from 'grammy';
import type { Config } from '../config.js';
import type { BotContext } from './context.js';

/**
 * Which updates reach the bot at all. Silent drops, never replies:
 * - channel posts (the bot is not a channel tool) and anything sent by a bot;
 * - groups other than the staff group (STAFF_CHAT_ID, handled by the hand-off composer);
 * - updates without a chat (inline queries, polls…), except callback queries from inline
 *   messages, which the hand-off may claim and which otherwise get a short "expired" note.
 */
export function updateFilters(config: Config): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.channelPost || ctx.editedChannelPost) return;
    if (ctx.from?.is_bot) return;
    const chat = ctx.chat;
    if (chat) {
      if (chat.type === 'private') return next();
      if (chat.type !== 'channel' && config.STAFF_CHAT_ID !== undefined && chat.id === config.STAFF_CHAT_ID) return next();
      return;
    }
    if (ctx.callbackQuery && ctx.from) return next();
  };
}

/**
 * After the hand-off composer: only private chats go further. A button under an inline message
 * (no chat to answer in) that the hand-off did not claim gets the "expired" note here.
 */
export function privateChatsOnly(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type === 'private') return next();
    if (!ctx.chat && ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
  };
}
