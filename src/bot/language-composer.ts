import { Composer } from 'grammy';
import { LANGUAGE_NAMES } from '../i18n/languages.js';
import { setUserLang } from '../storage/user-queries.js';
import { parseCallback } from './callback-data.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { languageKeyboard, mainMenuKeyboard } from './keyboards.js';
import { setLanguage } from './language-middleware.js';
import { riskRank } from '../contract.js';
import { sendAnswer } from './answer.js';
import { currentRisk } from './risk.js';
import { isAnswerTopic } from './free-text.js';

/** /language, the language buttons (from /start, /language, or the "switch" offer). */
export function languageComposer(deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.command('language', async (ctx) => {
    await ctx.reply(ctx.t('language.choose'), { reply_markup: languageKeyboard(false) });
  });

  composer.on('callback_query:data', async (ctx, next) => {
    const action = parseCallback(ctx.callbackQuery.data);
    if (action?.kind !== 'lang') return next();
    setUserLang(deps.db, ctx.from.id, action.lang);
    setLanguage(ctx, deps.i18n, action.lang); // the rest of this update speaks the new language
    await ctx.answerCallbackQuery({ text: LANGUAGE_NAMES[action.lang] });
    if (action.onboarding) {
      // After /start: the privacy note (two lines), then the topic menu, in one message.
      await ctx.reply(`${ctx.t('privacy.short')}\n\n${ctx.t('menu.title')}`, { reply_markup: mainMenuKeyboard(ctx.t) });
    } else if (action.topic && isAnswerTopic(action.topic)) {
      // "Continue in Azərbaycanca" under an answer: the worker could not read it, so show it again.
      await ctx.reply(ctx.t('language.changed', { name: LANGUAGE_NAMES[action.lang] }));
      const offerCaseworker = riskRank(currentRisk(deps, ctx.from.id).level) >= riskRank('medium');
      await sendAnswer(ctx, deps, action.topic, { offerCaseworker });
    } else {
      await ctx.reply(ctx.t('language.changed', { name: LANGUAGE_NAMES[action.lang] }), {
        reply_markup: mainMenuKeyboard(ctx.t),
      });
    }
  });

  return composer;
}
