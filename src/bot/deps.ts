import type { Database } from 'better-sqlite3';
import type { i18n } from 'i18next';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Nlu } from '../nlu/types.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { HandoffModule } from '../handoff/types.js';
import type { ConversationMemory } from './conversation-memory.js';

/** What createBot needs from the composition root (src/main.ts) or a test. */
export interface BotDeps {
  config: Config;
  db: Database;
  i18n: i18n;
  nlu: Nlu;
  knowledge: KnowledgeBase;
  handoff: HandoffModule;
  logger: Logger;
  now?: () => number;
}

/** BotDeps with defaults filled in, plus the in-memory state the composers share. */
export interface CoreDeps extends BotDeps {
  now: () => number;
  memory: ConversationMemory;
}
