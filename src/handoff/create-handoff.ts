import type { Api } from 'grammy';
import type { Database } from 'better-sqlite3';
import type { i18n as I18n } from 'i18next';
import type { Config } from '../config.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Logger } from '../logger.js';
import { activeCaseOfUser } from './case-queries.js';
import { createComposer } from './composer.js';
import { createCaseCrypto, type CaseCrypto } from './crypto.js';
import type { HandoffDeps } from './deps.js';
import { forgetUser } from './forget.js';
import { pruneOutbox } from './outbox.js';
import { createOutboxSender, type SenderHooks } from './outbox-sender.js';
import { onDeliveryFailed, sweep } from './sla.js';
import { createStaffCheck } from './staff-auth.js';
import { createStaffHours } from './staff-hours.js';
import type { HandoffModule } from './types.js';
import { offerCase } from './user-actions.js';

export interface CreateHandoffOptions {
  db: Database;
  config: Config;
  i18n: I18n;
  knowledge: KnowledgeBase;
  logger: Logger;
  now?: () => number;
  /** How often the deadline sweeper polls SQLite (default 5 s). */
  sweepIntervalMs?: number;
  /** Test hooks into the outbox sender (e.g. simulate a crash after Telegram accepted a message). */
  senderHooks?: SenderHooks;
}

/** The module plus what tests and the admin console may need beyond the HandoffModule contract. */
export interface HandoffModuleImpl extends HandoffModule {
  readonly crypto: CaseCrypto;
  /** Runs the deadline sweeper once (also runs on its own timer after start). */
  sweep(): number;
  /** Resolves when the outbox has nothing due and no send in flight. */
  outboxIdle(): Promise<void>;
}

const PRUNE_SENT_AFTER_MS = 7 * 24 * 3_600_000;

export function createHandoff(options: CreateHandoffOptions): HandoffModuleImpl {
  const { db, config, logger } = options;
  const now = options.now ?? Date.now;
  const crypto = createCaseCrypto(config.DATA_KEY, (m) => logger.warn(m));
  let botUsername = '';
  let sender: ReturnType<typeof createOutboxSender> | undefined;
  const deps: HandoffDeps = {
    db,
    config,
    i18n: options.i18n,
    knowledge: options.knowledge,
    logger,
    now,
    crypto,
    hours: createStaffHours(config.STAFF_HOURS, config.STAFF_TIMEZONE),
    kick: () => sender?.kick(),
    botUsername: () => botUsername || 'the bot',
  };
  if (config.STAFF_CHAT_ID === undefined) logger.warn('STAFF_CHAT_ID is not set: users asking for a person get hotline numbers only');
  sender = createOutboxSender({ db, crypto, logger, now, onFailed: (row, error) => onDeliveryFailed(deps, row, error), hooks: options.senderHooks });
  const isStaff = createStaffCheck(deps);

  async function offer(ctx: Parameters<HandoffModule['offer']>[0], trigger: Parameters<HandoffModule['offer']>[1]): Promise<void> {
    if (!ctx.from || ctx.chat?.type !== 'private') return;
    const result = offerCase(deps, ctx.from.id, ctx.lang, trigger);
    logger.info({ reason: trigger.reason, level: trigger.level, result }, 'handoff offer');
  }

  const composer = createComposer(deps, isStaff, offer, (name) => {
    botUsername = name;
  });
  let sweepTimer: NodeJS.Timeout | undefined;
  let lastPrune = 0;

  const runSweep = (): number => {
    const handled = sweep(deps);
    if (now() - lastPrune > 3_600_000) {
      lastPrune = now();
      pruneOutbox(db, now() - PRUNE_SENT_AFTER_MS);
    }
    return handled;
  };

  return {
    composer,
    crypto,
    offer,
    hasOpenCase: (userId) => activeCaseOfUser(db, userId) !== undefined,
    forgetUser: (userId) => forgetUser(deps, userId),
    sweep: runSweep,
    outboxIdle: () => sender!.idle(),
    start(api: Api) {
      sender!.start(api);
      if (!botUsername) void api.getMe().then((me) => (botUsername = me.username)).catch(() => {});
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = setInterval(() => {
        try {
          runSweep();
        } catch (err) {
          logger.error({ err }, 'handoff sweeper failed');
        }
      }, options.sweepIntervalMs ?? 5_000);
      runSweep();
    },
    async stop() {
      if (sweepTimer) clearInterval(sweepTimer);
      sweepTimer = undefined;
      await sender!.stop();
    },
  };
}
