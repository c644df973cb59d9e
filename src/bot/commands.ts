import { Composer } from 'grammy';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { languageKeyboard, talkOrMenuKeyboard } from './keyboards.js';

// Commands that only show text. /menu lives with the menu, /language with the language picker,
// /forget and /clear in their own files, /human and /end in the hand-off module.

/** Commands for setMyCommands, in the order shown in Telegram's menu. /human is the hand-off's. */
export const COMMAND_NAMES = ['menu', 'human', 'language', 'help', 'privacy', 'clear', 'forget'] as const;

export function commandsComposer(_deps: CoreDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  // /start (also with a deep-link payload, which is ignored): welcome + language choice. The
  // privacy note and the menu follow once a language is chosen (language-composer.ts).
  composer.command('start', async (ctx) => {
    await ctx.reply(`${ctx.t('start.welcome')}\n\n${ctx.t('start.choose_language')}`, {
      reply_markup: languageKeyboard(true),
    });
  });

  composer.command('help', async (ctx) => {
    await ctx.reply(ctx.t('help.text'), { reply_markup: talkOrMenuKeyboard(ctx.t) });
  });

  composer.command('privacy', async (ctx) => {
    await ctx.reply(ctx.t('privacy.full'), { reply_markup: talkOrMenuKeyboard(ctx.t, false) });
  });

  return composer;
}
