import type { Context } from 'grammy';
import type { Lang } from '../i18n/languages.js';
import type { Translator } from '../i18n/i18n.js';

/**
 * What every handler can rely on: the user's language (stored choice → Telegram language_code →
 * English) and a translator fixed to it. Set by the bot's first middleware (src/bot/).
 */
export interface HaqqFlavor {
  lang: Lang;
  t: Translator;
}

export type BotContext = Context & HaqqFlavor;
