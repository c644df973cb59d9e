import type { i18n } from 'i18next';
import type { MiddlewareFn } from 'grammy';
import type { Translator } from '../i18n/i18n.js';
import { DEFAULT_LANGUAGE, langFromTelegramCode, type Lang } from '../i18n/languages.js';
import { setDisclaimerAt, touchUser } from '../storage/user-queries.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';

/** After this long without a message, a new conversation starts (and the disclaimer shows again). */
export const CONVERSATION_IDLE_MS = 24 * 60 * 60 * 1000;

const translators = new WeakMap<i18n, Map<Lang, Translator>>();

/** A translator fixed to `lang` and the bot namespace, cached (getFixedT allocates). */
export function translatorFor(instance: i18n, lang: Lang): Translator {
  let byLang = translators.get(instance);
  if (!byLang) translators.set(instance, (byLang = new Map()));
  let t = byLang.get(lang);
  if (!t) byLang.set(lang, (t = instance.getFixedT(lang, 'bot')));
  return t;
}

/** Sets ctx.lang / ctx.t for every handler after it, and keeps the users row current. */
export function setLanguage(ctx: BotContext, instance: i18n, lang: Lang): void {
  ctx.lang = lang;
  ctx.t = translatorFor(instance, lang);
}

/**
 * Language: the user's stored choice → Telegram's language_code → English. Only users who talk to
 * the bot in a private chat get a users row; staff in the staff group just get a language.
 */
export function languageMiddleware(deps: CoreDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const from = ctx.from;
    let lang: Lang = langFromTelegramCode(from?.language_code) ?? DEFAULT_LANGUAGE;
    const isUserTurn = ctx.chat?.type === 'private' && (ctx.message !== undefined || ctx.callbackQuery !== undefined);
    if (from && isUserTurn) {
      const now = deps.now();
      const before = touchUser(deps.db, from.id, from.language_code, now);
      if (before?.lang) lang = before.lang;
      if (before && before.disclaimerAt !== null && now - before.lastSeenAt > CONVERSATION_IDLE_MS) {
        setDisclaimerAt(deps.db, from.id, null);
      }
    }
    setLanguage(ctx, deps.i18n, lang);
    await next();
  };
}
