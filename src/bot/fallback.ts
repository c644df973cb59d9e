import { Composer } from 'grammy';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { talkOrMenuKeyboard } from './keyboards.js';

/**
 * The end of the chain. Buttons nobody claimed (forged, from an old version, or from a message
 * the hand-off already closed) get a short note; any other private message (dice, game, empty
 * text…) gets "I read text". Edited messages end here silently, by design: re-answering an edit
 * would repeat answers and hand-off offers; the hand-off composer (earlier) may relay edits.
 */
export function fallbackComposer(_deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('callback.expired') });
  });

  composer.on('message', async (ctx) => {
    await ctx.reply(ctx.t('media.other'), { reply_markup: talkOrMenuKeyboard(ctx.t) });
  });

  return composer;
}
