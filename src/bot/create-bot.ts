import { Bot, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { sequentialize } from '@grammyjs/runner';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { BotContext } from './context.js';
import type { BotDeps, CoreDeps } from './deps.js';
import { ConversationMemory } from './conversation-memory.js';
import { errorBoundary, reportError } from './error-boundary.js';
import { privateChatsOnly, updateFilters } from './update-filters.js';
import { languageMiddleware } from './language-middleware.js';
import { rtlLayout } from './rtl.js';
import { normaliseCommandCase } from './command-case.js';
import { incomingMessageLog } from './message-log.js';
import { messageIdRecorder, safeOutgoingText } from './api-transformers.js';
import { userRateLimiter } from './rate-limit.js';
import { commandsComposer } from './commands.js';
import { forgetComposer } from './forget.js';
import { clearComposer } from './clear.js';
import { languageComposer } from './language-composer.js';
import { menuComposer } from './menu.js';
import { feedbackComposer } from './feedback.js';
import { mediaComposer } from './media.js';
import { freeTextComposer } from './free-text.js';
import { fallbackComposer } from './fallback.js';

export type { BotDeps } from './deps.js';

export interface CreateBotOptions {
  /** Preset bot info: skips getMe (console chat, tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** Transformers installed first, i.e. closest to the network (console chat interception, test fakes). */
  innerTransformers?: Transformer[];
  /**
   * Replaces the HTTP client's fetch (console chat). Unlike a transformer it is part of the
   * client options, so the hand-off outbox's own client (built from them) uses it too.
   */
  fetch?: typeof fetch;
  /** Telegram's outgoing limits (throttler) and retry on 429/5xx; off for the console and benchmarks. */
  outgoingLimits?: boolean;
  /** Per-user flood limit; off for benchmarks that push many updates per simulated user. */
  rateLimit?: boolean;
}

export interface HaqqBot {
  bot: Bot<BotContext>;
  /** In-memory per-user state (recent texts): exposed for tests and /forget. */
  memory: ConversationMemory;
}

/**
 * Builds the bot. Middleware order, top to bottom, is the order an update travels:
 * error boundary → one-at-a-time per chat → filters → language (and right-to-left layout) →
 * command case ("/Help" from a phone's auto-capitalisation is /help) → message ids → flood limit →
 * hand-off (before the NLU: it owns /human, /end, consent, the staff group, and users in an open
 * case) → private chats only → commands → language → menu → feedback → media → free text → fallback.
 */
export function createBot(deps: BotDeps, options: CreateBotOptions = {}): HaqqBot {
  const core: CoreDeps = { ...deps, now: deps.now ?? Date.now, memory: new ConversationMemory() };
  const token = deps.config.BOT_TOKEN ?? '0:console-chat-no-token';
  const bot = new Bot<BotContext>(token, {
    botInfo: options.botInfo,
    client: { apiRoot: deps.config.TELEGRAM_API_ROOT, ...(options.fetch ? { fetch: options.fetch } : {}) },
  });

  // Outgoing: innermost first. Retries and throttling wrap the network; the id recorder sees the
  // final result; text is made safe before anything else sees it.
  if (options.innerTransformers?.length) bot.api.config.use(...options.innerTransformers);
  if (options.outgoingLimits !== false) {
    bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
    bot.api.config.use(apiThrottler());
  }
  bot.api.config.use(messageIdRecorder(deps.db, core.now));
  bot.api.config.use(safeOutgoingText());

  // Incoming.
  bot.use(errorBoundary(core));
  bot.use(sequentialize((ctx) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.use(updateFilters(deps.config));
  bot.use(languageMiddleware(core));
  bot.use(rtlLayout());
  bot.use(normaliseCommandCase());
  bot.use(incomingMessageLog(core));
  if (options.rateLimit !== false) bot.use(userRateLimiter());
  bot.use(deps.handoff.composer);
  bot.use(privateChatsOnly());
  bot.use(commandsComposer(core));
  bot.use(forgetComposer(core));
  bot.use(clearComposer(core));
  bot.use(languageComposer(core));
  bot.use(menuComposer(core));
  bot.use(feedbackComposer(core));
  bot.use(mediaComposer(core));
  bot.use(freeTextComposer(core));
  bot.use(fallbackComposer(core));

  // Last resort, for errors thrown outside the boundary (it should never fire).
  bot.catch((err) => reportError(core, err.ctx, err.error));

  return { bot, memory: core.memory };
}
