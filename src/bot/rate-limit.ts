import { limit } from '@grammyjs/ratelimiter';
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';

// Against floods (a script, or a panicked user hammering a button): per user, private chats only.
// The window is generous: a worker typing fast in short lines must never be cut off.
export const RATE_WINDOW_MS = 10_000;
export const RATE_LIMIT = 20;

export function userRateLimiter(): MiddlewareFn<BotContext> {
  return limit<BotContext, never>({
    timeFrame: RATE_WINDOW_MS,
    limit: RATE_LIMIT,
    keyGenerator: (ctx) => (ctx.chat?.type === 'private' && ctx.from ? String(ctx.from.id) : undefined),
    // Called once per window when the limit is first exceeded; later updates are dropped quietly.
    // (The plugin returns this function's result, so the returned promise is awaited.)
    onLimitExceeded: ((ctx: BotContext) => {
      const note = ctx.t('rate.slow_down');
      const sent = ctx.callbackQuery ? ctx.answerCallbackQuery({ text: note }) : ctx.reply(note);
      return sent.catch(() => undefined);
    }) as (ctx: BotContext) => void,
  }) as MiddlewareFn<BotContext>;
}
