import { Composer } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { sendMore } from './answer.js';
import { parseCallback } from './callback-data.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { talkOrMenuKeyboard } from './keyboards.js';
import { recordFeedback, recordMissedQuestion } from './stats-queries.js';

/** 👍 / 👎 under answers (anonymous), and the "More" button. */
export function feedbackComposer(deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('callback_query:data', async (ctx, next) => {
    const action = parseCallback(ctx.callbackQuery.data);
    if (action?.kind === 'more') {
      const sent = await sendMore(ctx, deps, action.topic);
      await ctx.answerCallbackQuery(sent ? undefined : { text: ctx.t('callback.expired') });
      return;
    }
    if (action?.kind !== 'vote') return next();

    const now = deps.now();
    recordFeedback(deps.db, now, action.topic, ctx.lang, action.vote);
    await ctx.answerCallbackQuery({ text: ctx.t(action.vote > 0 ? 'feedback.thanks_up' : 'feedback.thanks_down') });
    await removeVoteButtons(ctx);
    if (action.vote < 0) {
      // The question behind a 👎 goes to the "missed questions" list, without any user id. Only
      // when we still remember it (in memory) and it was answered with this very topic.
      const last = deps.memory.get(ctx.from.id).lastQuestion;
      if (last && last.topic === action.topic) {
        recordMissedQuestion(deps.db, {
          at: now,
          text: last.text,
          lang: ctx.lang,
          reason: 'downvote',
          guessTopic: action.topic,
          guessConfidence: null,
        });
      }
      await ctx.reply(ctx.t('feedback.sorry'), { reply_markup: talkOrMenuKeyboard(ctx.t) });
    }
  });

  return composer;
}

/** One vote per answer: drop the 👍/👎 row from the pressed message, keep the other buttons. */
async function removeVoteButtons(ctx: BotContext): Promise<void> {
  const markup = (ctx.callbackQuery?.message as { reply_markup?: InlineKeyboardMarkup } | undefined)?.reply_markup;
  if (!markup?.inline_keyboard) return;
  const isVote = (b: InlineKeyboardButton) => 'callback_data' in b && /^v:/.test(b.callback_data);
  const rows = markup.inline_keyboard.filter((row) => !row.every(isVote));
  if (rows.length === markup.inline_keyboard.length) return;
  await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } }).catch(() => undefined);
}
