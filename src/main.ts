// Composition root: the only file that reads process.env. Builds every module from the fixed
// factory names (docs/conventions.md), then runs the bot by long polling (runner), by webhook
// (WEBHOOK_URL), or — without BOT_TOKEN — as a local console chat on stdin/stdout.
import { createServer, type Server } from 'node:http';
import dotenv from 'dotenv';
import pino from 'pino';
import { webhookCallback } from 'grammy';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { loadConfig, ConfigError, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { openDatabase } from './storage/database.js';
import { createI18n } from './i18n/i18n.js';
import { seedKnowledge } from './knowledge/seed.js';
import { createKnowledgeBase } from './knowledge/knowledge-base.js';
import { createNlu } from './nlu/create-nlu.js';
import { createHandoff } from './handoff/create-handoff.js';
import { createAdminServer } from './admin/server.js';
import { createBot } from './bot/create-bot.js';
import { createConsoleChat } from './bot/console-chat.js';
import { registerCommands } from './bot/set-commands.js';
import { describeError } from './bot/error-boundary.js';

type Mode = 'polling' | 'webhook' | 'console' | 'offline';

function chooseMode(config: Config): Mode {
  if (config.CONSOLE_CHAT === '1' || config.CONSOLE_CHAT === 'true') return 'console';
  if (!config.BOT_TOKEN) return config.CONSOLE_CHAT === '0' ? 'offline' : 'console';
  return config.WEBHOOK_URL ? 'webhook' : 'polling';
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const mode = chooseMode(config);
  // In the console chat, stdout is the conversation: logs go to stderr.
  const logger: Logger = createLogger(config.LOG_LEVEL, mode === 'console' ? pino.destination(2) : undefined);
  if (!config.BOT_TOKEN) {
    logger.warn(mode === 'console' ? 'BOT_TOKEN is not set: not connecting to Telegram; starting the local console chat' : 'BOT_TOKEN is not set: not connecting to Telegram');
  }

  const db = openDatabase(config.DATABASE_PATH);
  const i18n = createI18n(config.LOCALES_DIR);
  const seeded = seedKnowledge(db, config.SEEDS_DIR);
  logger.info({ seeded }, 'knowledge seeded');
  const knowledge = createKnowledgeBase({ db, i18n });
  const nlu = await createNlu({ db, intentsDir: config.INTENTS_DIR, modelDir: config.MODEL_DIR, cacheDir: config.NLU_CACHE_DIR, logger });
  const handoff = createHandoff({ db, config, i18n, knowledge, logger });

  const consoleChat =
    mode === 'console'
      ? createConsoleChat({ input: process.stdin, output: process.stdout, languageCode: process.env.CONSOLE_LANG })
      : undefined;
  const { bot } = createBot(
    { config, db, i18n, nlu, knowledge, handoff, logger },
    consoleChat
      ? { botInfo: consoleChat.botInfo, innerTransformers: [consoleChat.transformer], fetch: consoleChat.fetch, outgoingLimits: false, rateLimit: false }
      : {},
  );

  const admin = config.ADMIN_DISABLED ? undefined : await createAdminServer({ db, config, i18n, nlu, knowledge, logger });
  if (admin) {
    const address = await admin.listen({ port: config.ADMIN_PORT, host: config.ADMIN_HOST });
    logger.info({ address }, 'admin console listening');
  }

  let runner: RunnerHandle | undefined;
  let webhookServer: Server | undefined;
  if (mode === 'polling' || mode === 'webhook') {
    await bot.init(); // getMe
    if (mode === 'webhook') {
      const handle = webhookCallback(bot, 'http', { secretToken: config.WEBHOOK_SECRET });
      webhookServer = createServer((req, res) => {
        if (req.method !== 'POST') {
          res.writeHead(405).end();
          return;
        }
        handle(req, res).catch((err: unknown) => {
          logger.error({ err: describeError(err) }, 'webhook request failed');
          if (!res.headersSent) res.writeHead(500).end();
        });
      });
      await new Promise<void>((resolve) => webhookServer!.listen(config.WEBHOOK_PORT, resolve));
      await bot.api.setWebhook(config.WEBHOOK_URL!, { secret_token: config.WEBHOOK_SECRET });
    } else {
      // A webhook left over from an earlier deployment would make getUpdates fail with 409.
      await bot.api.deleteWebhook().catch((err: unknown) => logger.warn({ err: describeError(err) }, 'deleteWebhook failed'));
      runner = run(bot, { runner: { fetch: { allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member', 'chat_member'] } } });
    }
    void registerCommands(bot.api, i18n, logger);
  }
  handoff.start(bot.api);

  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      if (runner?.isRunning()) await runner.stop(); // lets in-flight updates finish
      if (webhookServer) await new Promise<void>((resolve) => webhookServer!.close(() => resolve()));
      await handoff.stop();
      await admin?.close();
    } catch (err) {
      logger.error({ err: describeError(err) }, 'error during shutdown');
    } finally {
      db.close();
      logger.info('stopped');
      logger.flush?.();
      process.exit(0);
    }
  }
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  logger.info({ mode, engine: nlu.engineName, admin: admin ? config.ADMIN_PORT : 'disabled' }, 'ready');
  if (consoleChat) {
    await consoleChat.run(bot);
    await shutdown('end of input');
  }
}

main().catch((err: unknown) => {
  // Before the logger exists, or a crash at start-up: one readable line, no stack for the user.
  console.error('haqq failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
