import type { MiddlewareFn } from 'grammy';
import { RTL_LANGUAGES } from '../i18n/languages.js';
import type { BotContext } from './context.js';

// Persian and Urdu messages mix in Latin: commands in /help ("/menu – موضوع‌ها"), contact lines
// ("• IOM (آژانس…)، باکو: +994…"), "/forget" at the start of a line. A client lays out each line by
// its first strong letter, so such a line is shown left-to-right and its Persian words, brackets
// and numbers come out in a scrambled order. A RIGHT-TO-LEFT MARK at the start of those lines
// makes them right-to-left like the rest. Lines that already start with an RTL letter are left as
// they are, and nothing changes for the other languages.

const RLM = '\u200F';
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Prefixes a RIGHT-TO-LEFT MARK to every line whose first letter is not right-to-left. */
export function rtlLines(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith(RLM)) return line;
      const first = /\p{L}/u.exec(line)?.[0];
      return first !== undefined && !RTL_LETTER.test(first) ? RLM + line : line;
    })
    .join('\n');
}

/**
 * Installs, for this update only, an API transformer that applies rtlLines to the text the bot
 * sends into this private chat while the chat's language (read at send time, so a language switch
 * within the update counts) is right-to-left.
 */
export function rtlLayout(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chat = ctx.chat;
    if (chat?.type === 'private') {
      ctx.api.config.use((prev, method, payload, signal) => {
        const p = payload as Record<string, unknown>;
        const here = p.chat_id === undefined || Number(p.chat_id) === chat.id;
        if (here && typeof p.text === 'string' && !p.parse_mode && !p.entities && RTL_LANGUAGES.includes(ctx.lang)) {
          return prev(method, { ...p, text: rtlLines(p.text) } as typeof payload, signal);
        }
        return prev(method, payload, signal);
      });
    }
    await next();
  };
}
