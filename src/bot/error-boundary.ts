import { GrammyError, HttpError, type MiddlewareFn } from 'grammy';
import { DEFAULT_LANGUAGE } from '../i18n/languages.js';
import type { BotContext } from './context.js';
import type { CoreDeps } from './deps.js';
import { translatorFor } from './language-middleware.js';

/**
 * What is logged about a failure: ids and error names, never the payload (a GrammyError carries
 * the message text we tried to send) and never the user's text.
 */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof GrammyError) return { name: 'GrammyError', method: err.method, code: err.error_code, description: err.description };
  if (err instanceof HttpError) return { name: 'HttpError', message: err.message };
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: typeof err };
}

/** Logs, then tells the user (in their language) that something went wrong. Never throws. */
export async function reportError(deps: CoreDeps, ctx: BotContext, err: unknown): Promise<void> {
  deps.logger.error(
    { err: describeError(err), updateId: ctx.update.update_id, chatType: ctx.chat?.type },
    'update failed',
  );
  if (ctx.chat && ctx.chat.type !== 'private') return; // the staff group has its own module
  const t = ctx.t ?? translatorFor(deps.i18n, ctx.lang ?? DEFAULT_LANGUAGE);
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t('error.generic_short') }).catch(() => undefined);
    if (ctx.chat) await ctx.reply(t('error.generic'));
  } catch (replyErr) {
    deps.logger.warn({ err: describeError(replyErr) }, 'could not send the apology');
  }
}

/** First middleware: everything below it that throws ends here instead of killing the update. */
export function errorBoundary(deps: CoreDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      await reportError(deps, ctx, err);
    }
  };
}
