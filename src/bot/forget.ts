import { Composer } from 'grammy';
import { deleteUser } from '../storage/user-queries.js';
import { FORGET_CONFIRM_TTL_MS, parseCallback } from './callback-data.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { forgetKeyboard, talkOrMenuKeyboard } from './keyboards.js';

/**
 * /forget: asks first (buttons carry the time they were issued; an old "Yes" is refused), then
 * deletes everything stored about the user — the users row, which cascades to chat_messages and
 * risk_events, the hand-off data (except what an open case still needs) and the in-memory texts.
 * Anonymous statistics have no user id and are not touched.
 */
export function forgetComposer(deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('forget', async (ctx) => {
    await ctx.reply(ctx.t('forget.confirm'), { reply_markup: forgetKeyboard(ctx.t, deps.now()) });
  });

  composer.on('callback_query:data', async (ctx, next) => {
    const action = parseCallback(ctx.callbackQuery.data);
    if (action?.kind !== 'forget') return next();
    const now = deps.now();
    if (!action.confirm) {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(ctx.t('forget.cancelled')).catch(() => ctx.reply(ctx.t('forget.cancelled')));
      return;
    }
    if (now - action.issuedAt > FORGET_CONFIRM_TTL_MS || action.issuedAt > now + 60_000) {
      await ctx.answerCallbackQuery({ text: ctx.t('forget.expired'), show_alert: true });
      return;
    }
    const userId = ctx.from.id;
    const { keptOpenCase } = deps.handoff.forgetUser(userId);
    deleteUser(deps.db, userId);
    deps.memory.forget(userId);
    deps.logger.info({ keptOpenCase }, 'user data deleted on request');
    await ctx.answerCallbackQuery();
    const text = keptOpenCase ? `${ctx.t('forget.done')}\n\n${ctx.t('forget.kept_open_case')}` : ctx.t('forget.done');
    await ctx.editMessageText(text).catch(() => ctx.reply(text));
    await ctx.reply(ctx.t('forget.after'), { reply_markup: talkOrMenuKeyboard(ctx.t, false) });
  });

  return composer;
}
