import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';

/**
 * Phones capitalise the first letter of a message, so a worker typing "/Help" or "/Menu" meant
 * /help or /menu; grammY matches commands case-sensitively and they would get "I don't know this
 * command". Lower-cases the command name (not its @username or payload) before anyone matches it,
 * the hand-off's /human and /end included.
 */
export function normaliseCommandCase(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const message = ctx.message;
    const entity = message?.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
    if (message?.text && entity) {
      const full = message.text.slice(0, entity.length);
      const at = full.indexOf('@');
      const name = at === -1 ? full : full.slice(0, at);
      if (name !== name.toLowerCase()) {
        (message as { text: string }).text = name.toLowerCase() + message.text.slice(name.length);
      }
    }
    await next();
  };
}
